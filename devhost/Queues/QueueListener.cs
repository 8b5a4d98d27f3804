using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Integration.DevHost.Hosting;

namespace Integration.DevHost.Queues;

/// <summary>
/// The standalone host's queue trigger, with the Functions queue trigger's semantics from host.json:
/// batches of batchSize, a new batch when in-flight work drops to newBatchThreshold, polling that
/// backs off to maxPollingInterval when idle, a failed message retried after visibilityTimeout, and
/// after maxDequeueCount attempts moved to "{queue}-poison". A message being handled is held by a
/// renewed <see cref="MessageLease"/>, so one a crashed host had taken is delivered again within a lease.
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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        QueueClient queue = queues.GetQueueClient(queueName);
        QueueClient poison = queues.GetQueueClient(queueName + "-poison");
        await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken).ConfigureAwait(false);
        await poison.CreateIfNotExistsAsync(cancellationToken: stoppingToken).ConfigureAwait(false);
        TimeSpan delay = MinPollingInterval;
        var running = new List<Task>();

        while (!stoppingToken.IsCancellationRequested)
        {
            if (Volatile.Read(ref inFlight) > settings.NewBatchThreshold)
            {
                await slotFreed.WaitAsync(stoppingToken).ConfigureAwait(false);
                continue;
            }

            QueueMessage[] messages;
            try
            {
                messages = (await queue.ReceiveMessagesAsync(Math.Clamp(settings.BatchSize, 1, 32), MessageLease.DefaultDuration, stoppingToken).ConfigureAwait(false)).Value;
            }
            catch (Exception ex) when (ex is RequestFailedException or HttpRequestException && !stoppingToken.IsCancellationRequested)
            {
                LogReceiveFailed(ex, queueName);
                await Task.Delay(settings.MaxPollingInterval, stoppingToken).ConfigureAwait(false);
                continue;
            }

            if (messages.Length == 0)
            {
                await Task.Delay(delay, stoppingToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, settings.MaxPollingInterval.Ticks));
                continue;
            }

            delay = MinPollingInterval;
            running.RemoveAll(t => t.IsCompleted);
            foreach (QueueMessage message in messages)
            {
                Interlocked.Increment(ref inFlight);
                running.Add(ProcessAsync(queue, poison, message, stoppingToken));
            }
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }

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
        catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or OperationCanceledException)
        {
            // The message becomes visible again when its lease lapses; nothing is lost.
            LogSettleFailed(ex, queueName, message.MessageId);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Receiving from {Queue} failed; retrying")]
    private partial void LogReceiveFailed(Exception ex, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handling message {MessageId} from {Queue} failed (attempt {DequeueCount})")]
    private partial void LogHandlerFailed(Exception ex, string queue, string messageId, long dequeueCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not settle message {MessageId} on {Queue}; it will be redelivered")]
    private partial void LogSettleFailed(Exception ex, string queue, string messageId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} moved from {Queue} to its poison queue after {DequeueCount} attempts")]
    private partial void LogPoisoned(string queue, string messageId, long dequeueCount);
}
