using Integration.Activities.Configuration;
using Microsoft.Extensions.Options;
using Xunit;

namespace Integration.Tests.Unit.Activities.Configuration;

/// <summary>Start-up validation of "Erp" and "Connectors:Xero": each failure names the setting and what it accepts.</summary>
public sealed class ErpOptionsTests
{
    private readonly ErpOptionsValidator erp = new();
    private readonly ConnectorOptionsValidator connectors = new();

    [Fact]
    public void Defaults_are_quickbooks_and_void_and_pass()
    {
        var options = new ErpOptions();

        Assert.True(erp.Validate(null, options).Succeeded);
        Assert.Equal("quickbooks", options.System);
        Assert.False(options.IsXero);
        Assert.Equal("void", options.ReopenReversalMode);
    }

    [Fact]
    public void Values_are_matched_ignoring_case_and_surrounding_space()
    {
        var options = new ErpOptions { System = " Xero", ReopenReversal = "CREDIT " };

        Assert.True(erp.Validate(null, options).Succeeded);
        Assert.True(options.IsXero);
        Assert.Equal("credit", options.ReopenReversalMode);
    }

    [Theory]
    [InlineData("sap")]
    [InlineData("")]
    [InlineData("quickbooks-online")]
    public void An_unknown_system_fails_naming_the_setting_and_the_systems(string system)
    {
        ValidateOptionsResult result = erp.Validate(null, new ErpOptions { System = system });

        string failure = Assert.Single(result.Failures!);
        Assert.StartsWith($"Erp:System '{system}'", failure, StringComparison.Ordinal);
        Assert.EndsWith("quickbooks, xero.", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_reversal_fails_naming_the_setting_and_the_modes()
    {
        ValidateOptionsResult result = erp.Validate(null, new ErpOptions { ReopenReversal = "refund" });

        string failure = Assert.Single(result.Failures!);
        Assert.StartsWith("Erp:ReopenReversal 'refund'", failure, StringComparison.Ordinal);
        Assert.EndsWith("void, credit.", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_xero_options_pass()
    {
        Assert.True(connectors.Validate(null, ValidXero()).Succeeded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("acme-tenant")]
    public void A_xero_tenant_that_is_not_a_guid_fails_naming_the_setting(string tenant)
    {
        XeroOptions options = ValidXero();
        options.TenantId = tenant;

        string failure = Assert.Single(connectors.Validate(null, options).Failures!);
        Assert.StartsWith("Connectors:Xero:TenantId", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Unbound_xero_options_fail_on_url_token_and_tenant()
    {
        ValidateOptionsResult result = connectors.Validate(null, new XeroOptions());

        Assert.Equal(
            ["Connectors:Xero:BaseUrl", "Connectors:Xero:AccessToken", "Connectors:Xero:TenantId"],
            result.Failures!.Select(f => f.Split(' ')[0]));
    }

    private static XeroOptions ValidXero() =>
        new() { BaseUrl = "https://api.xero.com", AccessToken = "eyJ.token", TenantId = "7d3c1f0e-2b4a-4c6d-9e8f-1a2b3c4d5e6f" };
}
