using Integration.Activities.Storage;
using Integration.Functions.Hosting;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace Integration.Tests.Unit.Hosts;

/// <summary>The Functions app refuses to start when its queue trigger would read another hub's queue (or none).</summary>
public sealed class FunctionsStartupChecksTests
{
    [Fact]
    public void A_queue_setting_that_matches_the_hub_starts()
    {
        FunctionsStartupChecks.ThrowIfMisconfigured(Config(
            (TaskHubName.FunctionsSetting, "ProdHub"), (StorageNames.EventsQueueSetting, "prodhub-events")));
    }

    [Fact]
    public void A_hub_override_without_the_matching_queue_setting_stops_start_up_naming_the_setting()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => FunctionsStartupChecks.ThrowIfMisconfigured(Config(
            (TaskHubName.FunctionsSetting, "ProdHub"), (StorageNames.EventsQueueSetting, "integrationhub-events"))));

        Assert.Contains(StorageNames.EventsQueueSetting, ex.Message, StringComparison.Ordinal);
        Assert.Contains("'prodhub-events'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_standalone_hub_setting_is_refused_under_functions()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => FunctionsStartupChecks.ThrowIfMisconfigured(Config(
            (TaskHubName.StandaloneSetting, "ProdHub"), (StorageNames.EventsQueueSetting, "prodhub-events"))));

        Assert.Contains(TaskHubName.FunctionsSetting, ex.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Config(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
}
