using System.Text.Json;
using Azure.Data.Tables;
using Integration.Activities.DeadLetters;
using Integration.Activities.Queueing;
using Integration.Activities.Storage;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.Routing;
using Integration.Tests.System.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Integration.Tests.System.Storage;

/// <summary>On Azurite: ids that differ only in characters table keys refuse are different deliveries and different dead letters.</summary>
public sealed class InjectiveKeysOnAzuriteTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private readonly StorageClients storage = new(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageClients.SettingName] = TestEnvironment.StorageConnectionString,
            [TaskHubName.StandaloneSetting] = TestEnvironment.NewTaskHubName("keys"),
        })
        .Build());

    [Fact]
    public async Task A_delivery_msg_slash_x_does_not_make_msg_underscore_x_a_duplicate()
    {
        await storage.Tables.CreateTableIfNotExistsAsync(storage.Names.ReceivedEventsTable);
        var received = new ReceivedEventStore(storage);
        string unique = Guid.NewGuid().ToString("N");
        EventEnvelope slash = Envelope($"app-msg/{unique}"), underscore = Envelope($"app-msg_{unique}");

        await received.RecordAsync(slash, CancellationToken.None);

        Assert.True(await received.WasReceivedAsync(slash, CancellationToken.None));
        Assert.False(await received.WasReceivedAsync(underscore, CancellationToken.None));
    }

    [Fact]
    public async Task Two_ids_over_the_key_length_that_differ_only_at_the_end_are_two_deliveries()
    {
        await storage.Tables.CreateTableIfNotExistsAsync(storage.Names.ReceivedEventsTable);
        var received = new ReceivedEventStore(storage);
        string stem = "crm-" + Guid.NewGuid().ToString("N") + new string('7', 1000);

        await received.RecordAsync(Envelope(stem + "1"), CancellationToken.None);

        Assert.True(await received.WasReceivedAsync(Envelope(stem + "1"), CancellationToken.None));
        Assert.False(await received.WasReceivedAsync(Envelope(stem + "2"), CancellationToken.None));
    }

    [Fact]
    public async Task Dead_letters_for_msg_slash_x_and_msg_underscore_x_are_two_rows()
    {
        await storage.Tables.CreateTableIfNotExistsAsync(storage.Names.DeadLettersTable);
        var letters = new DeadLetterStore(storage, TimeProvider.System);
        string unique = Guid.NewGuid().ToString("N");

        await letters.RecordAsync(new DeadLetterInput("event", $"app-msg/{unique}", "corr-1", "first", null), CancellationToken.None);
        await letters.RecordAsync(new DeadLetterInput("event", $"app-msg_{unique}", "corr-2", "second", null), CancellationToken.None);

        var table = storage.Tables.GetTableClient(storage.Names.DeadLettersTable);
        var reasons = new List<string>();
        await foreach (TableEntity row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"event"}")))
        {
            if (row.GetString("Reference")?.EndsWith(unique, StringComparison.Ordinal) == true)
            {
                reasons.Add(row.GetString("Reason")!);
            }
        }

        Assert.Equal(["first", "second"], reasons.Order(StringComparer.Ordinal));
    }

    private static EventEnvelope Envelope(string id) =>
        new(id, id[..id.IndexOf('-', StringComparison.Ordinal)], EventTypes.CrmDealClosed, Now, Now, "corr-1", "1", JsonDocument.Parse("{}").RootElement);
}
