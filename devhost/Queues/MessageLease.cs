using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace Integration.DevHost.Queues;

/// <summary>
/// Keeps a received queue message invisible while it is handled, one short lease at a time, so the
/// message of a host that died mid-handling is delivered again within one lease, not after a long
/// fixed hold; a slow handler keeps its message for as long as it runs.
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
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token).ConfigureAwait(false))
            {
                // Not cancelled by EndAsync: an update cut off mid-flight could change the receipt unseen.
                Response<UpdateReceipt> renewed = await queue.UpdateMessageAsync(messageId, popReceipt, visibilityTimeout: duration, cancellationToken: CancellationToken.None).ConfigureAwait(false);
                popReceipt = renewed.Value.PopReceipt;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Ended: the caller settles the message.
        }
        catch (Exception ex) when (ex is RequestFailedException or HttpRequestException)
        {
            // The lease lapses and the message may be delivered again; the handlers absorb a repeat.
            LogRenewFailed(ex, queue.Name, messageId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not extend the lease on message {MessageId} of {Queue}; it may be delivered again")]
    private partial void LogRenewFailed(Exception ex, string queue, string messageId);
}
