using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Integration.Activities.Storage;
using Integration.DevHost.Hosting;

namespace Integration.DevHost.Queues;

/// <summary>
/// The standalone host's queue trigger, with the Functions queue trigger's semantics from host.json:
/// batches of batchSize, a new batch when in-flight work drops to newBatchThreshold, polling that
/// backs off to maxPollingInterval when idle, a failed message retried after visibilityTimeout, and
/// after maxDequeueCount attempts moved to "{queue}-poison". A message being handled is held by a
/// renewed <see cref="MessageLease"/>, so one a crashed host had taken is delivered again within a lease.
/// A storage outage pauses it (retrying every maxPollingInterval) and never ends it; on stop, messages still
/// being handled are left unacknowledged for redelivery rather than waited for.
/// </summary>
public sealed partial class QueueListener(
    QueueServiceClient queues,
    string queueName,
    Func<string, CancellationToken, Task> handler,
    QueueTriggerSettings settings,
    ILogger<QueueListener> log) : BackgroundService
{
    private static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(50);

    private readonly SemaphoreSlim slotFreed = new(0);
    private int inFlight;
    private DateTimeOffset? outageStarted;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        QueueClient queue = queues.GetQueueClient(queueName);
        QueueClient poison = queues.GetQueueClient(queueName + "-poison");
        await UntilStorageAnswersAsync(async ct =>
        {
            await queue.CreateIfNotExistsAsync(cancellationToken: ct).ConfigureAwait(false);
            await poison.CreateIfNotExistsAsync(cancellationToken: ct).ConfigureAwait(false);
        }, stoppingToken).ConfigureAwait(false);

        TimeSpan delay = MinPollingInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (Volatile.Read(ref inFlight) > settings.NewBatchThreshold)
            {
                await slotFreed.WaitAsync(stoppingToken).ConfigureAwait(false);
                continue;
            }

            QueueMessage[]? messages = null;
            await UntilStorageAnswersAsync(
                async ct => messages = (await queue.ReceiveMessagesAsync(Math.Clamp(settings.BatchSize, 1, 32), MessageLease.DefaultDuration, ct).ConfigureAwait(false)).Value,
                stoppingToken).ConfigureAwait(false);

            if (messages!.Length == 0)
            {
                await Task.Delay(delay, stoppingToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, settings.MaxPollingInterval.Ticks));
                continue;
            }

            delay = MinPollingInterval;
            foreach (QueueMessage message in messages)
            {
                Interlocked.Increment(ref inFlight);
                _ = ProcessAsync(queue, poison, message, stoppingToken);
            }
        }
    }

    /// <summary>
    /// Runs a storage call until it succeeds, pausing maxPollingInterval between tries: any failure (an outage
    /// ends in AggregateException, timeouts, 5xx...) is retried, so the listener outlives the outage and picks
    /// up where it was. Logged once when storage goes and once when it returns. Only stopping ends it.
    /// </summary>
    private async Task UntilStorageAnswersAsync(Func<CancellationToken, Task> call, CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                await call(stoppingToken).ConfigureAwait(false);
                if (outageStarted is { } since)
                {
                    LogStorageBack(queueName, DateTimeOffset.UtcNow - since);
                    outageStarted = null;
                }

                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                if (outageStarted is null)
                {
                    outageStarted = DateTimeOffset.UtcNow;
                    LogStorageUnavailable(queueName, StorageOutage.Describe(ex));
                }
            }

            await Task.Delay(settings.MaxPollingInterval, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>Handles one message and settles it; never throws (whatever is not settled comes back when its lease lapses).</summary>
    private async Task ProcessAsync(QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken stoppingToken)
    {
        try
        {
            if (message.DequeueCount > settings.MaxDequeueCount)
            {
                // Seen more often than allowed without a verdict (e.g. the host died mid-processing).
                await MoveToPoisonAsync(queue, poison, message, message.PopReceipt).ConfigureAwait(false);
                return;
            }

            MessageLease held = MessageLease.Hold(queue, message, MessageLease.DefaultDuration, log);
            Exception? failure = null;
            string receipt;
            try
            {
                await handler(message.Body.ToString(), stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                failure = ex;
            }
            finally
            {
                receipt = await held.EndAsync().ConfigureAwait(false);
            }

            if (failure is null)
            {
                await queue.DeleteMessageAsync(message.MessageId, receipt, CancellationToken.None).ConfigureAwait(false);
                return;
            }

            LogHandlerFailed(failure, queueName, message.MessageId, message.DequeueCount);
            if (message.DequeueCount >= settings.MaxDequeueCount)
            {
                await MoveToPoisonAsync(queue, poison, message, receipt).ConfigureAwait(false);
            }
            else
            {
                await queue.UpdateMessageAsync(message.MessageId, receipt, visibilityTimeout: settings.VisibilityTimeout, cancellationToken: CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping mid-handling: not acknowledged, so the message is delivered again once its lease lapses.
            LogLeftForRedelivery(queueName, message.MessageId);
        }
        catch (Exception ex)
        {
            // Storage failed while settling: the message becomes visible again when its lease lapses; nothing is lost.
            LogSettleFailed(queueName, message.MessageId, StorageOutage.Describe(ex));
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
            slotFreed.Release();
        }
    }

    private async Task MoveToPoisonAsync(QueueClient queue, QueueClient poison, QueueMessage message, string popReceipt)
    {
        await poison.SendMessageAsync(message.Body, cancellationToken: CancellationToken.None).ConfigureAwait(false);
        await queue.DeleteMessageAsync(message.MessageId, popReceipt, CancellationToken.None).ConfigureAwait(false);
        LogPoisoned(queueName, message.MessageId, message.DequeueCount);
    }

    public override void Dispose()
    {
        slotFreed.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage is unavailable to the {Queue} listener ({Failure}); retrying every polling interval until it answers")]
    private partial void LogStorageUnavailable(string queue, string failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage answers the {Queue} listener again after {Outage}; resuming")]
    private partial void LogStorageBack(string queue, TimeSpan outage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handling message {MessageId} from {Queue} failed (attempt {DequeueCount})")]
    private partial void LogHandlerFailed(Exception ex, string queue, string messageId, long dequeueCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not settle message {MessageId} on {Queue} ({Failure}); it will be redelivered")]
    private partial void LogSettleFailed(string queue, string messageId, string failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: message {MessageId} of {Queue} was not finished and will be delivered again")]
    private partial void LogLeftForRedelivery(string queue, string messageId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} moved from {Queue} to its poison queue after {DequeueCount} attempts")]
    private partial void LogPoisoned(string queue, string messageId, long dequeueCount);
}
