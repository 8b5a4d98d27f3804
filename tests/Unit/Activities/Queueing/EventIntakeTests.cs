using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Integration.Activities.Queueing;
using Integration.Activities.Storage;
using Integration.Orchestrations.Routing;
using Xunit;

namespace Integration.Tests.Unit.Activities.Queueing;

/// <summary>
/// A request's events are queued side by side, each still deduplicated on its own and recorded only after
/// it is queued; a repeat inside the request is queued once.
/// </summary>
public sealed class EventIntakeTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_events_of_a_batch_are_worked_on_at_the_same_time_not_one_after_another()
    {
        // The lookups wait until as many are in flight as the intake allows at once: done one after another,
        // the first would wait in vain and fail with a timeout.
        var store = new FakeStore { ReleaseLookupsAt = EventIntake.MaxParallel };

        bool[] duplicates = await new EventIntake(store, store).AcceptAsync(Batch(100), CancellationToken.None);

        Assert.All(duplicates, duplicate => Assert.False(duplicate));
        Assert.Equal(EventIntake.MaxParallel, store.MaxInFlight);
        Assert.Equal(100, store.Queued.Count);
    }

    [Fact]
    public async Task Each_event_is_recorded_only_after_it_is_queued()
    {
        var store = new FakeStore();

        await new EventIntake(store, store).AcceptAsync(Batch(100), CancellationToken.None);

        Assert.Equal(100, store.Recorded.Count);
        Assert.All(store.Recorded, id => Assert.True(store.QueuedBeforeRecord[id], $"{id} was recorded before it was queued"));
    }

    [Fact]
    public async Task A_delivery_already_received_is_not_queued_again_and_the_others_are()
    {
        EventEnvelope[] batch = Batch(10);
        var store = new FakeStore();
        store.Received[batch[3].Id] = true;
        store.Received[batch[7].Id] = true;

        bool[] duplicates = await new EventIntake(store, store).AcceptAsync(batch, CancellationToken.None);

        Assert.Equal([false, false, false, true, false, false, false, true, false, false], duplicates);
        Assert.Equal(8, store.Queued.Count);
        Assert.DoesNotContain(batch[3].Id, store.Queued);
    }

    [Fact]
    public async Task The_same_id_twice_in_one_request_is_queued_once_and_the_second_is_a_duplicate()
    {
        EventEnvelope[] three = Batch(2);
        var store = new FakeStore();

        bool[] duplicates = await new EventIntake(store, store).AcceptAsync([three[0], three[1], three[0]], CancellationToken.None);

        Assert.Equal([false, false, true], duplicates);
        Assert.Equal(2, store.Queued.Count);
    }

    [Fact]
    public async Task A_storage_failure_fails_the_request_so_the_sender_retries_it()
    {
        var store = new FakeStore { FailEnqueueOf = "crm-5" };

        await Assert.ThrowsAsync<InvalidOperationException>(() => new EventIntake(store, store).AcceptAsync(Batch(10), CancellationToken.None));
    }

    [Fact]
    public async Task A_busy_storage_answering_one_call_at_a_time_is_not_taken_for_an_outage()
    {
        // Like Azurite, one call at a time, 25 ms each: 50 events' calls queue up, so a call waits over a second for
        // its turn while storage keeps answering. Only no progress at all is an outage.
        var store = new SerialStore(TimeSpan.FromMilliseconds(25));

        bool[] duplicates = await new EventIntake(store, store).AcceptAsync(Batch(60), CancellationToken.None);

        Assert.All(duplicates, duplicate => Assert.False(duplicate));
        Assert.Equal(60, store.Queued);
    }

    [Fact]
    public async Task Storage_that_does_not_answer_is_an_outage_not_a_hang()
    {
        var store = new SerialStore(Timeout.InfiniteTimeSpan);

        StorageUnavailableException outage = await Assert.ThrowsAsync<StorageUnavailableException>(
            () => new EventIntake(store, store).AcceptAsync(Batch(60), CancellationToken.None));

        Assert.Equal(0, store.Queued);
        Assert.False(string.IsNullOrEmpty(outage.Reason));
    }

    [Fact]
    public async Task A_placed_order_is_queued_once_per_subscriber_and_recorded_once_after_all_three()
    {
        var store = new SubscriberStore();

        bool[] duplicates = await new EventIntake(store, store).AcceptAsync([Event(EventTypes.ShopOrderPlaced, "shopify-1")], CancellationToken.None);

        Assert.Equal([false], duplicates);
        Assert.Equal(["crm-order-note", "order-fulfilment", "stock-reservation"], store.Queued.Select(e => e.Subscription!).Order());
        Assert.All(store.Queued, e => Assert.Equal("shopify-1", e.Id));
        Assert.Equal(["shopify-1"], store.Recorded);
        Assert.Equal(3, store.QueuedWhenRecorded);
    }

    [Fact]
    public async Task A_deal_event_is_one_message_for_its_one_subscriber()
    {
        var store = new SubscriberStore();

        await new EventIntake(store, store).AcceptAsync([Event(EventTypes.CrmDealClosed, "crm-9")], CancellationToken.None);

        Assert.Equal("deal-to-invoice", Assert.Single(store.Queued).Subscription);
    }

    [Fact]
    public async Task A_type_no_one_subscribes_to_is_still_queued_once_for_no_subscriber()
    {
        var store = new SubscriberStore();

        await new EventIntake(store, store).AcceptAsync([Event("shop.products.update.v1", "shopify-2")], CancellationToken.None);

        Assert.Null(Assert.Single(store.Queued).Subscription);
    }

    [Fact]
    public async Task A_repeated_placed_order_is_not_queued_again_for_any_subscriber()
    {
        var store = new SubscriberStore();
        var intake = new EventIntake(store, store);
        await intake.AcceptAsync([Event(EventTypes.ShopOrderPlaced, "shopify-1")], CancellationToken.None);

        bool[] duplicates = await intake.AcceptAsync([Event(EventTypes.ShopOrderPlaced, "shopify-1")], CancellationToken.None);

        Assert.Equal([true], duplicates);
        Assert.Equal(3, store.Queued.Count);
    }

    private static EventEnvelope Event(string type, string id) =>
        new(id, id.Split('-')[0], type, Now, Now, "corr-1", "store-a-1001", JsonDocument.Parse("{}").RootElement);

    /// <summary>Queue and dedupe table in memory keeping whole envelopes, and how many were queued when each event was recorded.</summary>
    private sealed class SubscriberStore : IEventQueue, IReceivedEventStore
    {
        public ConcurrentBag<EventEnvelope> Queued { get; } = [];

        public List<string> Recorded { get; } = [];

        public int QueuedWhenRecorded { get; private set; }

        public Task<bool> WasReceivedAsync(EventEnvelope envelope, CancellationToken cancellationToken) => Task.FromResult(Recorded.Contains(envelope.Id));

        public async Task EnqueueAsync(EventEnvelope envelope, CancellationToken cancellationToken)
        {
            await Task.Yield();
            Queued.Add(envelope);
        }

        public Task RecordAsync(EventEnvelope envelope, CancellationToken cancellationToken)
        {
            QueuedWhenRecorded = Queued.Count;
            Recorded.Add(envelope.Id);
            return Task.CompletedTask;
        }
    }

    private static EventEnvelope[] Batch(int count) =>
    [
        .. Enumerable.Range(0, count).Select(i => new EventEnvelope(
            "crm-" + i.ToString(CultureInfo.InvariantCulture), "crm", EventTypes.CrmDealPropertyChanged, Now, Now, "corr-1",
            (1000 + i).ToString(CultureInfo.InvariantCulture), JsonDocument.Parse("{}").RootElement)),
    ];

    /// <summary>A storage account that serves one call at a time, each taking <c>perCall</c> (infinite: it never answers).</summary>
    private sealed class SerialStore(TimeSpan perCall) : IEventQueue, IReceivedEventStore
    {
        private readonly SemaphoreSlim server = new(1, 1);
        private int queued;

        public int Queued => Volatile.Read(ref queued);

        public async Task<bool> WasReceivedAsync(EventEnvelope envelope, CancellationToken cancellationToken)
        {
            await ServeAsync(cancellationToken);
            return false;
        }

        public async Task EnqueueAsync(EventEnvelope envelope, CancellationToken cancellationToken)
        {
            await ServeAsync(cancellationToken);
            Interlocked.Increment(ref queued);
        }

        public Task RecordAsync(EventEnvelope envelope, CancellationToken cancellationToken) => ServeAsync(cancellationToken);

        private async Task ServeAsync(CancellationToken cancellationToken)
        {
            await server.WaitAsync(cancellationToken);
            try
            {
                await Task.Delay(perCall, cancellationToken);
            }
            finally
            {
                server.Release();
            }
        }
    }

    /// <summary>Queue and dedupe table in memory, recording the order of calls and how many overlap.</summary>
    private sealed class FakeStore : IEventQueue, IReceivedEventStore
    {
        private readonly TaskCompletionSource enoughInFlight = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int inFlight;

        /// <summary>Lookups wait until this many are in flight at once; from then on none waits.</summary>
        public int ReleaseLookupsAt { get; init; } = 1;

        public string? FailEnqueueOf { get; init; }

        public int MaxInFlight { get; private set; }

        public ConcurrentDictionary<string, bool> Received { get; } = new(StringComparer.Ordinal);

        public ConcurrentBag<string> Queued { get; } = [];

        public ConcurrentBag<string> Recorded { get; } = [];

        public ConcurrentDictionary<string, bool> QueuedBeforeRecord { get; } = new(StringComparer.Ordinal);

        public async Task<bool> WasReceivedAsync(EventEnvelope envelope, CancellationToken cancellationToken)
        {
            int now = Interlocked.Increment(ref inFlight);
            lock (enoughInFlight)
            {
                MaxInFlight = Math.Max(MaxInFlight, now);
            }

            if (now >= ReleaseLookupsAt)
            {
                enoughInFlight.TrySetResult();
            }

            await enoughInFlight.Task.WaitAsync(TimeSpan.FromSeconds(20), cancellationToken);
            Interlocked.Decrement(ref inFlight);
            return Received.ContainsKey(envelope.Id);
        }

        public async Task EnqueueAsync(EventEnvelope envelope, CancellationToken cancellationToken)
        {
            await Task.Yield();
            if (envelope.Id == FailEnqueueOf)
            {
                throw new InvalidOperationException("storage refused the message");
            }

            Queued.Add(envelope.Id);
            QueuedBeforeRecord.TryAdd(envelope.Id, true);
        }

        public async Task RecordAsync(EventEnvelope envelope, CancellationToken cancellationToken)
        {
            await Task.Yield();
            QueuedBeforeRecord.TryAdd(envelope.Id, false);
            Recorded.Add(envelope.Id);
            Received[envelope.Id] = true;
        }
    }
}
