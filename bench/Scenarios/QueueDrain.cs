using System.Diagnostics;
using Azure.Storage.Queues;

namespace Integration.Bench.Scenarios;

/// <summary>
/// Waits until the host's events queue is empty, so the ignored events of the acceptance run are
/// dispatched before the end-to-end clock starts and do not sit in front of its events.
/// </summary>
public static class QueueDrain
{
    /// <returns>The backlog seen first, the time it took to drain, and whether it drained before the timeout.</returns>
    public static async Task<(int Backlog, TimeSpan Took, bool Drained)> WaitAsync(string storage, string queueName, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var queue = new QueueClient(storage, queueName);
        var start = Stopwatch.GetTimestamp();
        int? backlog = null;
        while (Stopwatch.GetElapsedTime(start) < timeout)
        {
            var count = (await queue.GetPropertiesAsync(cancellationToken).ConfigureAwait(false)).Value.ApproximateMessagesCount;
            backlog ??= count;
            if (count == 0)
            {
                return (backlog.Value, Stopwatch.GetElapsedTime(start), true);
            }

            await Task.Delay(250, cancellationToken).ConfigureAwait(false);
        }

        return (backlog ?? -1, Stopwatch.GetElapsedTime(start), false);
    }
}
