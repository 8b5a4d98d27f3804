using System.Net;
using System.Net.Sockets;
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

    [Fact]
    public async Task Renewals_failing_because_storage_is_unreachable_neither_throw_nor_end_the_lease_early()
    {
        int closedPort = TestEnvironment.FreePort(); // nothing listens there: every renewal fails as in an outage
        string connection = TestEnvironment.DevelopmentStorage(closedPort, closedPort, closedPort);
        var unreachable = new QueueClient(connection, "lease-outage", new QueueClientOptions { Retry = { MaxRetries = 1, Delay = TimeSpan.FromMilliseconds(10) } });
        QueueMessage taken = QueuesModelFactory.QueueMessage("message-1", "receipt-1", "event", dequeueCount: 1);

        MessageLease held = MessageLease.Hold(unreachable, taken, Lease, NullLogger.Instance);
        await Task.Delay(Lease * 1.5); // two renewals, each failing with the SDK's AggregateException
        string receipt = await held.EndAsync();

        Assert.Equal("receipt-1", receipt);
    }

    [Fact]
    public async Task Ending_the_lease_while_a_renewal_is_failing_returns_the_receipt_it_has()
    {
        // A storage endpoint that takes each connection and drops it half a second later: the first renewal (at a
        // third of the lease) is still in flight when the lease is ended, and fails after that.
        using var dropping = new TcpListener(IPAddress.Loopback, 0);
        dropping.Start();
        using var stopDropping = new CancellationTokenSource();
        Task accepting = DropConnectionsAsync(dropping, TimeSpan.FromMilliseconds(500), stopDropping.Token);
        int port = ((IPEndPoint)dropping.LocalEndpoint).Port;
        string connection = TestEnvironment.DevelopmentStorage(port, port, port);
        var failing = new QueueClient(connection, "lease-outage", new QueueClientOptions { Retry = { MaxRetries = 0 } });
        QueueMessage taken = QueuesModelFactory.QueueMessage("message-1", "receipt-1", "event", dequeueCount: 1);

        MessageLease held = MessageLease.Hold(failing, taken, TimeSpan.FromMilliseconds(1500), NullLogger.Instance);
        await Task.Delay(TimeSpan.FromMilliseconds(700));
        string receipt = await held.EndAsync();

        Assert.Equal("receipt-1", receipt);
        await stopDropping.CancelAsync();
        await accepting;
    }

    private static async Task DropConnectionsAsync(TcpListener listener, TimeSpan after, CancellationToken stop)
    {
        var open = new List<Task>();
        try
        {
            while (true)
            {
                TcpClient client = await listener.AcceptTcpClientAsync(stop);
                open.Add(Task.Delay(after, CancellationToken.None).ContinueWith(_ => client.Dispose(), TaskScheduler.Default));
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped by the test.
        }

        await Task.WhenAll(open);
    }
}
