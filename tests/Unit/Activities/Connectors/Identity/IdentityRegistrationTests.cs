using System.Net;
using Integration.Activities.ApiCalls;
using Integration.Activities.Connectors.Identity;
using Integration.Activities.Storage;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.Offboarding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace Integration.Tests.Unit.Activities.Connectors.Identity;

/// <summary>AddIdentityTargets: every kind has a connector behind the resilience pipeline, and start-up validates "Identity".</summary>
public sealed class IdentityRegistrationTests
{
    [Fact]
    public void Every_kind_resolves_to_its_connector()
    {
        using ServiceProvider services = Build([]);

        IdentityConnectors connectors = services.GetRequiredService<IdentityConnectors>();

        Assert.All(IdentityKinds.All, kind => Assert.Equal(kind, connectors.For(kind.ToUpperInvariant()).Kind));
        Assert.Equal(8, services.GetServices<IIdentityConnector>().Select(c => c.GetType()).Distinct().Count());
    }

    [Fact]
    public void An_unknown_kind_is_permanent()
    {
        using ServiceProvider services = Build([]);

        var failure = Assert.Throws<PermanentActivityFailureException>(() => services.GetRequiredService<IdentityConnectors>().For("ldap"));

        Assert.Contains("ldap", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_identity_section_starts_with_no_targets()
    {
        using ServiceProvider services = Build([]);

        services.GetRequiredService<IStartupValidator>().Validate();

        Assert.Empty(services.GetRequiredService<IOptions<Integration.Activities.Configuration.IdentityOptions>>().Value.Targets);
    }

    [Fact]
    public void A_misconfigured_target_stops_start_up_naming_the_target_and_setting()
    {
        using ServiceProvider services = Build(new()
        {
            ["Identity:Targets:github:Kind"] = "github",
            ["Identity:Targets:github:BaseUrl"] = "https://api.github.test",
            ["Identity:Targets:github:Token"] = "t",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Identity:Targets:github:Organization is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connectors_are_typed_clients_behind_the_resilience_pipeline()
    {
        var vendor = new FakeVendor();
        vendor.Answer(HttpStatusCode.ServiceUnavailable).Answer(HttpStatusCode.OK, """{"id":"00u1","status":"DEPROVISIONED"}""");
        using ServiceProvider services = Build(new() { ["Connectors:Resilience:RetryBaseDelayMilliseconds"] = "1" }, s =>
            s.AddHttpClient<OktaConnector>().ConfigurePrimaryHttpMessageHandler(() => vendor));

        IdentityRevocation result = await services.GetRequiredService<IdentityConnectors>().For("okta")
            .RevokeAsync("okta", FakeVendor.Target("okta"), "jane@acme.test", FakeVendor.Correlation, default);

        Assert.Equal(AccessOutcomes.AlreadyRevoked, result.Outcome);
        Assert.Equal(2, vendor.Requests.Count);
        Assert.All(vendor.Requests, r => Assert.Equal(FakeVendor.Correlation, r.CallLogCorrelationId));
    }

    private static ServiceProvider Build(Dictionary<string, string?> values, Action<IServiceCollection>? more = null)
    {
        values.TryAdd(StorageClients.SettingName, "UseDevelopmentStorage=true");
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(new StorageClients(configuration));
        services.AddSingleton<ApiCallLog>();
        services.AddIdentityTargets(configuration);
        more?.Invoke(services);
        return services.BuildServiceProvider();
    }
}
