using Azure.Data.Tables;
using Azure.Storage.Queues;
using Integration.Activities.Storage;
using Integration.Tests.System.Infrastructure;

namespace Integration.Tests.System.EndToEnd;

/// <summary>A message that can never be dispatched is retried per host.json, poisoned, dead-lettered and alerted.</summary>
[Collection(StandaloneHostCollection.Name)]
public sealed class PoisonQueueTests(StandaloneHostFixture fixture)
{
    [Fact]
    public async Task Undispatchable_message_ends_as_a_dead_letter_with_an_alert()
    {
        string marker = "not-an-envelope-" + Guid.NewGuid().ToString("N");
        var queue = new QueueClient(TestEnvironment.StorageConnectionString, StorageNames.For(fixture.Host.TaskHub).EventsQueue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.SendMessageAsync($"{{\"garbage\":\"{marker}\"}}");

        // maxDequeueCount 5 with a 5 s visibility timeout: about 25 s.
        await Eventually.Until(
            fixture.Sandbox.AlertsAsync,
            alerts => alerts.Any(a => a!.ToJsonString().Contains("Event dead-lettered", StringComparison.Ordinal) && a.ToJsonString().Contains("unparseable-", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(90),
            "the poisoned message's alert");

        var table = new TableClient(TestEnvironment.StorageConnectionString, StorageNames.For(fixture.Host.TaskHub).DeadLettersTable);
        bool recorded = false;
        await foreach (TableEntity letter in table.QueryAsync<TableEntity>(e => e.PartitionKey == "event"))
        {
            recorded |= letter.GetString("Detail")?.Contains(marker, StringComparison.Ordinal) == true;
        }

        Assert.True(recorded, "the dead letter keeps the whole message so it can be replayed");
    }
}
