using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Integration.Activities.Storage;

namespace Integration.Activities.Operations;

/// <summary>
/// The operations overview: workflows by workflow × runtime status and live ones by step, open dead letters and
/// alerts, reviews waiting, the events queue's backlog, and workflows started, completed and failed per hour over the last
/// <see cref="InstanceSummaryReader.HourCount"/> hours (for the console's chart). Every count is bounded; <paramref name="Complete"/> is
/// false when a scan stopped at its limit (the counts are then lower bounds).
/// </summary>
public sealed record InstanceSummaryView(
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> ByWorkflow,
    IReadOnlyDictionary<string, int> LiveByStep,
    int ReviewsWaiting,
    int OpenDeadLetters,
    int OpenAlerts,
    long EventsQueueLength,
    double? OldestEventAgeSeconds,
    bool Complete,
    int InstancesRead,
    IReadOnlyList<InstanceHourCounts> ByHour);

/// <summary>One hour of the summary's time series: workflows created in it, and those whose last change in it left them Completed or Failed.</summary>
public sealed record InstanceHourCounts(DateTimeOffset Hour, int Started, int Completed, int Failed);

/// <summary>Reads the summary from the Instances table (one bounded scan), the dead-letter and alert tables (one column each) and the events queue (properties and a peek).</summary>
public sealed class InstanceSummaryReader(IInstanceRows rows, StorageClients storage, TimeProvider time)
{
    /// <summary>Most instance rows one summary reads; a larger hub answers counts so far with complete = false.</summary>
    public const int InstanceScanLimit = 20_000;

    /// <summary>Most open dead letters or alerts counted.</summary>
    public const int RecordScanLimit = 10_000;

    public const string AwaitingReviewStep = "awaiting-review";

    /// <summary>How many whole hours the time series covers, ending with the current hour.</summary>
    public const int HourCount = 24;

    /// <summary>How long the instance scan may take before it answers what it has (complete = false), well inside the route's 3 s storage deadline.</summary>
    public static readonly TimeSpan InstanceScanBudget = TimeSpan.FromSeconds(1.5);

    private static readonly string[] LiveStatuses = ["Running", "Pending", "Suspended"];

    public async Task<InstanceSummaryView> ReadAsync(CancellationToken cancellationToken)
    {
        InstanceRowBatch instances = await rows.QueryAsync(new InstanceRowQuery(null, null, [], InstanceTableFinder.Floor, null), InstanceScanLimit, cancellationToken, InstanceScanBudget).ConfigureAwait(false);
        (IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> byWorkflow, IReadOnlyDictionary<string, int> byStep) = Count(instances.Rows);
        // Each dead letter has a row and an index row with the same status: count the index partition only.
        (int deadLetters, bool deadLettersComplete) = await CountAsync(
            storage.Names.DeadLettersTable, TableClient.CreateQueryFilter($"PartitionKey eq {DeadLetters.DeadLetterStore.IndexPartition} and Status eq {DeadLetters.DeadLetterStore.Open}"), cancellationToken).ConfigureAwait(false);
        (int alerts, bool alertsComplete) = await CountAsync(storage.Names.AlertsTable, TableClient.CreateQueryFilter($"State eq {"open"}"), cancellationToken).ConfigureAwait(false);
        (long queueLength, double? oldestAge) = await QueueAsync(cancellationToken).ConfigureAwait(false);
        return new InstanceSummaryView(
            byWorkflow, byStep, byStep.TryGetValue(AwaitingReviewStep, out int reviews) ? reviews : 0, deadLetters, alerts, queueLength, oldestAge,
            !instances.Truncated && deadLettersComplete && alertsComplete, instances.Rows.Count, ByHour(instances.Rows, time.GetUtcNow()));
    }

    /// <summary>
    /// Per hour (UTC, oldest first, <see cref="HourCount"/> of them ending with the hour of <paramref name="now"/>): instances
    /// created, and Completed or Failed ones by their last update (the engine keeps no separate end time; a finished
    /// instance is not updated again unless an operator acts on it).
    /// </summary>
    public static IReadOnlyList<InstanceHourCounts> ByHour(IEnumerable<InstanceRow> instances, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(instances);
        var current = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);
        DateTimeOffset first = current.AddHours(-(HourCount - 1));
        var started = new int[HourCount];
        var completed = new int[HourCount];
        var failed = new int[HourCount];
        foreach (InstanceRow row in instances)
        {
            if (Slot(row.CreatedTime) is { } s)
            {
                started[s]++;
            }

            if (Slot(row.LastUpdatedTime) is { } e)
            {
                if (string.Equals(row.RuntimeStatus, "Completed", StringComparison.OrdinalIgnoreCase))
                {
                    completed[e]++;
                }
                else if (string.Equals(row.RuntimeStatus, "Failed", StringComparison.OrdinalIgnoreCase))
                {
                    failed[e]++;
                }
            }
        }

        return Enumerable.Range(0, HourCount).Select(i => new InstanceHourCounts(first.AddHours(i), started[i], completed[i], failed[i])).ToArray();

        int? Slot(DateTimeOffset at) => at >= first && at < current.AddHours(1) ? (int)((at - first).Ticks / TimeSpan.TicksPerHour) : null;
    }

    /// <summary>Counts by workflow and runtime status, and live instances (running, pending, suspended) by their current step.</summary>
    public static (IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> ByWorkflow, IReadOnlyDictionary<string, int> LiveByStep) Count(IEnumerable<InstanceRow> instances)
    {
        ArgumentNullException.ThrowIfNull(instances);
        var byWorkflow = new SortedDictionary<string, SortedDictionary<string, int>>(StringComparer.Ordinal);
        var byStep = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (InstanceRow row in instances)
        {
            string workflow = WorkflowCatalog.Identify(row.InstanceId, row.Name).Workflow;
            string status = row.RuntimeStatus ?? "Unknown";
            SortedDictionary<string, int> statuses = byWorkflow.TryGetValue(workflow, out var s) ? s : byWorkflow[workflow] = new(StringComparer.Ordinal);
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (LiveStatuses.Contains(status, StringComparer.OrdinalIgnoreCase))
            {
                string step = WorkflowSteps.Read(row.CustomStatus).Step ?? "(none)";
                byStep[step] = byStep.GetValueOrDefault(step) + 1;
            }
        }

        return (byWorkflow.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<string, int>)p.Value, StringComparer.Ordinal), byStep);
    }

    /// <summary>Rows the filter matches, reading only the keys; a table not created yet counts 0.</summary>
    private async Task<(int Count, bool Complete)> CountAsync(string tableName, string filter, CancellationToken cancellationToken)
    {
        int count = 0;
        try
        {
            await foreach (TableEntity _ in storage.Tables.GetTableClient(tableName)
                .QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["PartitionKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (++count > RecordScanLimit)
                {
                    return (RecordScanLimit, false);
                }
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return (0, true);
        }

        return (count, true);
    }

    /// <summary>The approximate length (the service's own count) and the age of the message at the head (a peek, which leaves it in place).</summary>
    private async Task<(long Length, double? OldestAgeSeconds)> QueueAsync(CancellationToken cancellationToken)
    {
        QueueClient queue = storage.Queues.GetQueueClient(storage.Names.EventsQueue);
        try
        {
            QueueProperties properties = await queue.GetPropertiesAsync(cancellationToken).ConfigureAwait(false);
            PeekedMessage[] head = (await queue.PeekMessagesAsync(1, cancellationToken).ConfigureAwait(false)).Value;
            double? age = head is [{ InsertedOn: { } inserted }] ? Math.Max(0, (time.GetUtcNow() - inserted).TotalSeconds) : null;
            return (properties.ApproximateMessagesCount, age);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return (0, null);
        }
    }
}
