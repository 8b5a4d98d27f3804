using Integration.Activities.Storage;
using Integration.Orchestrations.Routing;

namespace Integration.Activities.Queueing;

/// <summary>
/// Queues the events of one accepted request, each deduplicated on its own: the same id twice in the request
/// is queued once; an id already in ReceivedEvents is not queued again; every other event is queued, one message
/// per subscriber (<see cref="EventSubscriptions"/>, side by side), and then recorded (recorded after queueing,
/// so a crash in between queues a duplicate rather than losing an event).
/// The events go through that sequence side by side, up to <see cref="MaxParallel"/> at a time: a HubSpot
/// batch of 100 makes 200-300 storage calls, and one after another they took seconds, close to the ~5 s after
/// which HubSpot retries the whole batch.
/// </summary>
public sealed class EventIntake(IEventQueue queue, IReceivedEventStore received)
{
    /// <summary>
    /// Events of one request in flight at once. On the shared 2-core bench machine a batch of 100 took p50 1.0 s
    /// with 16, 0.59 s with 50 and 0.57 s with 100 (bench (k), back to back): 50 hides the round trips without
    /// sending a whole batch's calls to storage at once.
    /// </summary>
    public const int MaxParallel = 50;

    /// <returns>For each envelope, in order: true when it was a duplicate (in this request or already received) and was not queued.</returns>
    public async Task<bool[]> AcceptAsync(IReadOnlyList<EventEnvelope> envelopes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelopes);
        var duplicate = new bool[envelopes.Count];
        var firsts = new List<int>(envelopes.Count);
        var seenInRequest = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < envelopes.Count; i++)
        {
            if (seenInRequest.Add(envelopes[i].Id))
            {
                firsts.Add(i);
            }
            else
            {
                duplicate[i] = true;
            }
        }

        // One deadline for the request, re-armed as each storage call starts and as each answers: it trips only
        // when storage makes no progress for a whole budget (it does not answer), not when a call waits behind
        // the others in a busy but answering account (a batch's calls queue up in Azurite's one thread).
        using var deadline = new StorageDeadline(StorageOutage.CallDeadline, cancellationToken);
        try
        {
            if (firsts.Count == 1)
            {
                duplicate[firsts[0]] = !await AcceptOneAsync(envelopes[firsts[0]], deadline).ConfigureAwait(false);
                return duplicate;
            }

            await Parallel.ForEachAsync(
                firsts,
                new ParallelOptions { MaxDegreeOfParallelism = MaxParallel, CancellationToken = cancellationToken },
                async (i, _) => duplicate[i] = !await AcceptOneAsync(envelopes[i], deadline).ConfigureAwait(false)).ConfigureAwait(false);
            return duplicate;
        }
        catch (Exception ex) when (deadline.IsOutage(ex))
        {
            throw new StorageUnavailableException(StorageOutage.Describe(ex), ex);
        }
    }

    /// <returns>False when the delivery had already been received.</returns>
    private async Task<bool> AcceptOneAsync(EventEnvelope envelope, StorageDeadline deadline)
    {
        bool seen = await received.WasReceivedAsync(envelope, deadline.NextCall()).ConfigureAwait(false);
        deadline.Answered();
        if (seen)
        {
            return false;
        }

        // One message per subscriber, so each has its own retries and dead letter; a type no one subscribes to is
        // still queued once, for the dispatcher to record as ignored.
        IReadOnlyList<string> subscribers = EventSubscriptions.For(envelope.Type);
        if (subscribers.Count == 0)
        {
            await queue.EnqueueAsync(envelope with { Subscription = null }, deadline.NextCall()).ConfigureAwait(false);
            deadline.Answered();
        }
        else
        {
            await Task.WhenAll(subscribers.Select(async s =>
            {
                await queue.EnqueueAsync(envelope with { Subscription = s }, deadline.NextCall()).ConfigureAwait(false);
                deadline.Answered();
            })).ConfigureAwait(false);
        }

        await received.RecordAsync(envelope, deadline.NextCall()).ConfigureAwait(false);
        deadline.Answered();
        return true;
    }
}
