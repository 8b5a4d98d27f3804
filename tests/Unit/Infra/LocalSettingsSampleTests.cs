using System.Text.Json;
using Integration.Activities.ApiCalls;
using Integration.Activities.Configuration;
using Integration.Activities.Connectors.Erp;
using Integration.Activities.Composition;
using Integration.Activities.Storage;
using Integration.Sandbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace Integration.Tests.Unit.Infra;

/// <summary>
/// local.settings.sample.json (copied to functions/local.settings.json, README) must start the Functions host
/// against the local sandbox with either ERP: its connector settings pass start-up validation and carry the
/// sandbox's own credentials.
/// </summary>
public sealed class LocalSettingsSampleTests
{
    private static readonly Dictionary<string, string> Sample = ReadSample();

    [Fact]
    public void The_sample_selects_quickbooks_with_the_default_reversal()
    {
        Assert.Equal(ErpOptions.QuickBooks, Sample["Erp:System"]);
        Assert.DoesNotContain("Erp:ReopenReversal", Sample.Keys);
    }

    [Theory]
    [InlineData(null, "quickbooks")]
    [InlineData("xero", "xero")]
    public void The_sample_passes_start_up_validation_for_either_erp(string? erpSystem, string expected)
    {
        var values = Sample.ToDictionary(p => p.Key, p => (string?)p.Value, StringComparer.OrdinalIgnoreCase);
        if (erpSystem is not null)
        {
            values["Erp:System"] = erpSystem;
        }

        using ServiceProvider services = Integration.Tests.Unit.Activities.Connectors.ErpTestServices.Build(values);
        services.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal(expected, services.GetRequiredService<IErpConnector>().SystemName);
    }

    [Fact]
    public void The_sample_uses_the_local_sandbox_and_its_credentials()
    {
        var sandbox = new SandboxOptions();

        Assert.Equal(Sample["Connectors:QuickBooks:BaseUrl"].Replace("/quickbooks", "/xero", StringComparison.Ordinal), Sample["Connectors:Xero:BaseUrl"]);
        Assert.Equal("http://127.0.0.1:7080/xero", Sample["Connectors:Xero:BaseUrl"]);
        Assert.Equal(sandbox.XeroTenantId, Guid.Parse(Sample["Connectors:Xero:TenantId"]));
        Assert.Equal(sandbox.XeroAccessToken, Sample["Connectors:Xero:AccessToken"]);
        Assert.Equal(sandbox.QuickBooksAccessToken, Sample["Connectors:QuickBooks:AccessToken"]);
        Assert.Equal(sandbox.HubSpotAccessToken, Sample["Connectors:HubSpot:AccessToken"]);
    }

    [Fact]
    public void The_sample_passes_every_start_up_check_of_the_composition_with_the_sandbox_identity_targets()
    {
        using ServiceProvider services = Composition(Sample);

        services.GetRequiredService<IStartupValidator>().Validate();
        Assert.Equal(
            SandboxIdentityTargetSettings().OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase),
            Sample.Where(p => p.Key.StartsWith("Identity:", StringComparison.OrdinalIgnoreCase)).OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public void Without_identity_targets_start_up_fails_naming_the_setting_unless_offboarding_is_switched_off()
    {
        var withoutTargets = Sample.Where(p => !p.Key.StartsWith("Identity:", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        using (ServiceProvider services = Composition(withoutTargets))
        {
            var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
            Assert.Contains("Identity:Targets names no system that takes part in offboarding", ex.Message, StringComparison.Ordinal);
        }

        withoutTargets["Offboarding:Enabled"] = "false";
        using (ServiceProvider services = Composition(withoutTargets))
        {
            services.GetRequiredService<IStartupValidator>().Validate();
        }
    }

    [Fact]
    public void The_sample_reads_the_events_queue_of_the_hub_in_host_json()
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(Sample.Select(p => KeyValuePair.Create(p.Key, (string?)p.Value)))
            .Build();

        // The same check the Functions app makes at start-up, with the repository's host.json.
        StorageNames names = StorageNames.For(TaskHubName.Resolve(configuration, Path.Combine(BicepFixture.FindRepoRoot(), "host.json")));
        Assert.Null(names.FunctionsQueueSettingProblem(configuration));
    }

    /// <summary>The product's one composition over these settings, as both hosts build it.</summary>
    private static ServiceProvider Composition(Dictionary<string, string> values)
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(p => KeyValuePair.Create(p.Key, (string?)p.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddIntegration(configuration);
        return services.BuildServiceProvider();
    }

    /// <summary>The standalone host's fifteen sandbox targets on the sample's sandbox port, as configuration keys.</summary>
    private static IEnumerable<KeyValuePair<string, string>> SandboxIdentityTargetSettings() =>
        Integration.DevHost.Hosting.SandboxIdentityTargets.For("http://127.0.0.1:7080").Select(p => KeyValuePair.Create(p.Key, p.Value ?? string.Empty));

    /// <summary>The sample's "Values" as configuration keys ("__" becomes ":", as the environment provider does).</summary>
    private static Dictionary<string, string> ReadSample()
    {
        string path = Path.Combine(BicepFixture.FindRepoRoot(), "local.settings.sample.json");
        using JsonDocument sample = JsonDocument.Parse(File.ReadAllText(path));
        return sample.RootElement.GetProperty("Values").EnumerateObject()
            .ToDictionary(p => p.Name.Replace("__", ":", StringComparison.Ordinal), p => p.Value.GetString()!, StringComparer.OrdinalIgnoreCase);
    }
}
