using Integration.Activities.Storage;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace Integration.Tests.Unit.Activities.Storage;

/// <summary>
/// The product's queues and tables are named from the task hub, so two deployments (or a test and a developer)
/// on one storage account never read each other's events, dedupe rows or dead letters.
/// </summary>
public sealed class StorageNamesTests
{
    [Fact]
    public void Two_hubs_share_no_queue_or_table()
    {
        StorageNames a = StorageNames.For("IntegrationHub"), b = StorageNames.For("StagingHub");

        Assert.Empty(a.Queues.Intersect(b.Queues, StringComparer.OrdinalIgnoreCase));
        Assert.Empty(a.Tables.Intersect(b.Tables, StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public void Names_follow_the_durable_task_pattern_of_the_hub()
    {
        StorageNames names = StorageNames.For("IntegrationHub");

        Assert.Equal("integrationhub-events", names.EventsQueue);
        Assert.Equal("integrationhub-events-poison", names.EventsPoisonQueue);
        Assert.Equal("IntegrationHubReceivedEvents", names.ReceivedEventsTable);
        Assert.Equal("IntegrationHubDeadLetters", names.DeadLettersTable);
        Assert.Equal(StorageNames.TableSuffixes.Select(s => "IntegrationHub" + s), names.Tables);
        Assert.Contains(names.ApiCallLogTable, names.Tables);
        Assert.Contains(names.CrossReferencesTable, names.Tables);
        Assert.Contains(names.OffboardingEvidenceTable, names.Tables);
    }

    [Fact]
    public void The_longest_hub_still_gives_valid_storage_names()
    {
        StorageNames names = StorageNames.For("H" + new string('x', TaskHubName.MaxLength - 1));

        // Queue names: 3-63 lower-case letters, digits and single hyphens; table names: 3-63 letters and digits.
        Assert.All(names.Queues, q => Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", q));
        Assert.All(names.Queues.Concat(names.Tables), n => Assert.InRange(n.Length, 3, 63));
        Assert.All(names.Tables, t => Assert.Matches("^[A-Za-z][A-Za-z0-9]*$", t));
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("1hub")]
    [InlineData("my-hub")]
    [InlineData("hub_1")]
    [InlineData("Hub41CharactersLongxxxxxxxxxxxxxxxxxxxxxx")]
    public void An_invalid_hub_name_is_refused_with_the_rule(string hub)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => StorageNames.For(hub));

        Assert.Contains("3 to 40 letters or digits", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_standalone_override_wins_then_the_functions_override_then_host_json()
    {
        string hostJson = Path.GetTempFileName();
        try
        {
            File.WriteAllText(hostJson, """{ "version": "2.0", "extensions": { "durableTask": { "hubName": "FromHostJson" } } }""");

            Assert.Equal("FromHostJson", TaskHubName.Resolve(Config(), hostJson));
            Assert.Equal("FromFunctions", TaskHubName.Resolve(Config((TaskHubName.FunctionsSetting, "FromFunctions")), hostJson));
            Assert.Equal("FromEngine", TaskHubName.Resolve(Config((TaskHubName.FunctionsSetting, "FromFunctions"), (TaskHubName.StandaloneSetting, "FromEngine")), hostJson));
        }
        finally
        {
            File.Delete(hostJson);
        }
    }

    [Fact]
    public void No_hub_anywhere_stops_start_up_naming_the_settings()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => TaskHubName.Resolve(Config(), Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "host.json")));

        Assert.Contains("hubName", ex.Message, StringComparison.Ordinal);
        Assert.Contains(TaskHubName.FunctionsSetting, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_override_names_where_it_came_from()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => TaskHubName.Resolve(Config((TaskHubName.FunctionsSetting, "bad-hub"))));

        Assert.Contains(TaskHubName.FunctionsSetting, ex.Message, StringComparison.Ordinal);
        Assert.Contains("'bad-hub'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_functions_queue_setting_must_name_the_hubs_events_queue()
    {
        StorageNames names = StorageNames.For("IntegrationHub");

        Assert.Null(names.FunctionsQueueSettingProblem(Config((StorageNames.EventsQueueSetting, "integrationhub-events"))));
        Assert.Contains("not set", names.FunctionsQueueSettingProblem(Config()), StringComparison.Ordinal);
        string? wrong = names.FunctionsQueueSettingProblem(Config((StorageNames.EventsQueueSetting, "integration-events")));
        Assert.Contains("'integrationhub-events'", wrong, StringComparison.Ordinal);
        Assert.Contains("'integration-events'", wrong, StringComparison.Ordinal);
    }

    private static IConfiguration Config(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
}
