using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Integration.Activities.Storage;

namespace Integration.DevHost.Queues;

/// <summary>
/// Keeps a received queue message invisible while it is handled, one short lease at a time, so the
/// message of a host that died mid-handling is delivered again within one lease, not after a long
/// fixed hold; a slow handler keeps its message for as long as it runs. A failed renewal (storage down) is
/// retried at the next tick rather than ending the renewals, and nothing here ever throws.
/// </summary>
public sealed partial class MessageLease
{
    /// <summary>The lease a message is received with and renewed by; a crashed host's message reappears after this.</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(30);

    private readonly QueueClient queue;
    private readonly string messageId;
    private readonly TimeSpan duration;
    private readonly ILogger log;
    private readonly CancellationTokenSource stop = new();
    private readonly Task renewing;
    private string popReceipt;

    private MessageLease(QueueClient queue, QueueMessage message, TimeSpan duration, ILogger log)
    {
        this.queue = queue;
        messageId = message.MessageId;
        popReceipt = message.PopReceipt;
        this.duration = duration;
        this.log = log;
        renewing = RenewAsync();
    }

    /// <summary>Starts renewing a message received with <paramref name="duration"/> of visibility, at a third of it.</summary>
    public static MessageLease Hold(QueueClient queue, QueueMessage message, TimeSpan duration, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.FromSeconds(1));
        return new MessageLease(queue, message, duration, log);
    }

    /// <summary>Stops renewing and returns the pop receipt that settles (deletes or updates) the message now.</summary>
    public async Task<string> EndAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        await renewing.ConfigureAwait(false);
        stop.Dispose();
        return popReceipt;
    }

    private async Task RenewAsync()
    {
        using var timer = new PeriodicTimer(duration / 3);
        bool failing = false;
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token).ConfigureAwait(false))
            {
                try
                {
                    // Not cancelled by EndAsync: an update cut off mid-flight could change the receipt unseen.
                    Response<UpdateReceipt> renewed = await queue.UpdateMessageAsync(messageId, popReceipt, visibilityTimeout: duration, cancellationToken: CancellationToken.None).ConfigureAwait(false);
                    popReceipt = renewed.Value.PopReceipt;
                    failing = false;
                }
                catch (RequestFailedException ex) when (ex.Status is 400 or 404)
                {
                    // The receipt is no longer valid (the lease lapsed and another receive took the message):
                    // it is delivered again; the handlers absorb a repeat.
                    LogLeaseLost(queue.Name, messageId, ex.ErrorCode);
                    return;
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // Storage blinked: the lease still has two renewals' worth of time; try again on the next tick.
                    // A renewal that fails while the lease is being ended is no failure of the caller's: it settles
                    // the message with the receipt it has, or the message is delivered again.
                    if (!failing && !stop.IsCancellationRequested)
                    {
                        LogRenewFailed(queue.Name, messageId, StorageOutage.Describe(ex));
                    }

                    failing = true;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Ended: the caller settles the message.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not extend the lease on message {MessageId} of {Queue} ({Failure}); retrying at the next renewal, and it may be delivered again")]
    private partial void LogRenewFailed(string queue, string messageId, string failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The lease on message {MessageId} of {Queue} was lost ({ErrorCode}); it will be delivered again")]
    private partial void LogLeaseLost(string queue, string messageId, string? errorCode);
}
