using Integration.Activities.ApiCalls;
using Integration.Activities.Connectors.Erp;
using Integration.Activities.Connectors.QuickBooks;
using Integration.Activities.Connectors.Xero;
using Integration.Activities.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace Integration.Tests.Unit.Activities.Connectors;

/// <summary>AddErpConnectors: IErpConnector follows "Erp:System", and start-up validates "Erp" and only the ERP in use.</summary>
public sealed class ErpRegistrationTests
{
    private static readonly Dictionary<string, string?> QuickBooksSettings = new()
    {
        ["Connectors:QuickBooks:BaseUrl"] = "http://127.0.0.1:7080/quickbooks",
        ["Connectors:QuickBooks:RealmId"] = "9130350000000001",
        ["Connectors:QuickBooks:AccessToken"] = "sandbox-quickbooks-token",
    };

    private static readonly Dictionary<string, string?> XeroSettings = new()
    {
        ["Connectors:Xero:BaseUrl"] = "http://127.0.0.1:7080/xero",
        ["Connectors:Xero:TenantId"] = "7d3c1f0e-2b4a-4c6d-9e8f-1a2b3c4d5e6f",
        ["Connectors:Xero:AccessToken"] = "sandbox-xero-token",
    };

    [Theory]
    [InlineData(null, typeof(QuickBooksClient))]
    [InlineData("quickbooks", typeof(QuickBooksClient))]
    [InlineData("xero", typeof(XeroClient))]
    [InlineData("XERO", typeof(XeroClient))]
    public void The_erp_connector_is_the_configured_system(string? system, Type expected)
    {
        using ServiceProvider services = Build(system, QuickBooksSettings, XeroSettings);

        IErpConnector erp = services.GetRequiredService<IErpConnector>();

        Assert.IsType(expected, erp);
        Assert.Equal(expected == typeof(XeroClient) ? "xero" : "quickbooks", erp.SystemName);
    }

    [Fact]
    public void An_unknown_system_stops_start_up_naming_the_setting()
    {
        using ServiceProvider services = Build("sap", QuickBooksSettings, XeroSettings);

        OptionsValidationException error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Erp:System 'sap' is not one of: quickbooks, xero.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Xero_in_use_needs_no_quickbooks_settings_but_valid_xero_ones()
    {
        using ServiceProvider valid = Build("xero", XeroSettings);
        using ServiceProvider badTenant = Build("xero", new Dictionary<string, string?>(XeroSettings) { ["Connectors:Xero:TenantId"] = "acme" });

        valid.GetRequiredService<IStartupValidator>().Validate();
        OptionsValidationException error = Assert.Throws<OptionsValidationException>(() => badTenant.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Connectors:Xero:TenantId 'acme'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Quickbooks_in_use_needs_its_settings_and_not_xero_ones()
    {
        using ServiceProvider valid = Build(null, QuickBooksSettings);
        using ServiceProvider missing = Build(null, XeroSettings);

        valid.GetRequiredService<IStartupValidator>().Validate();
        OptionsValidationException error = Assert.Throws<OptionsValidationException>(() => missing.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Connectors:QuickBooks:RealmId", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(string? system, params Dictionary<string, string?>[] settings)
    {
        var values = new Dictionary<string, string?> { [StorageClients.SettingName] = "UseDevelopmentStorage=true" };
        foreach ((string key, string? value) in settings.SelectMany(s => s))
        {
            values[key] = value;
        }

        if (system is not null)
        {
            values["Erp:System"] = system;
        }

        return ErpTestServices.Build(values);
    }
}
