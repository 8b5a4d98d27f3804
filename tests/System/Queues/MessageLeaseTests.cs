using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Integration.DevHost.Queues;
using Integration.Tests.System.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Integration.Tests.System.Queues;

/// <summary>The standalone queue listener's lease on Azurite: held while handled, settled with the latest receipt.</summary>
public sealed class MessageLeaseTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_held_message_stays_invisible_past_its_lease_and_the_final_receipt_deletes_it()
    {
        var queue = new QueueClient(TestEnvironment.StorageConnectionString, "lease-" + Guid.NewGuid().ToString("N")[..12]);
        await queue.CreateAsync();
        await queue.SendMessageAsync("event");
        QueueMessage taken = Assert.Single((await queue.ReceiveMessagesAsync(1, Lease)).Value);

        MessageLease held = MessageLease.Hold(queue, taken, Lease, NullLogger.Instance);
        await Task.Delay(Lease * 3); // a slow handler: three leases long
        QueueMessage[] seenByAnother = (await queue.ReceiveMessagesAsync(1, Lease)).Value;
        string receipt = await held.EndAsync();

        Assert.Empty(seenByAnother);
        Assert.NotEqual(taken.PopReceipt, receipt);
        await queue.DeleteMessageAsync(taken.MessageId, receipt);
        Assert.Empty((await queue.PeekMessagesAsync(1)).Value);
        await queue.DeleteAsync();
    }
}
