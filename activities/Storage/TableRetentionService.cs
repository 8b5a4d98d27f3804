using Azure;
using Azure.Data.Tables;
using Integration.Activities.DeadLetters;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integration.Activities.Storage;

/// <summary>What one pruning run deleted, per table.</summary>
public sealed record RetentionRun(int ReceivedEvents, int ApiCalls, int ResolvedDeadLetters, bool HitLimit);

/// <summary>Which rows of one table are old enough to delete: an OData filter over the row's Timestamp (and state).</summary>
public sealed record RetentionPolicy(string Table, string Filter);

/// <summary>
/// Deletes the rows of the tables that grow with traffic once they are older than their window
/// (<see cref="RetentionOptions"/>): received delivery ids, API call log entries, and dead letters no longer
/// open. Age is the row's Timestamp (its last write). Every run is bounded: pages of 1,000 keys, at most
/// MaxDeletesPerRun rows per table, deleted in entity-group transactions of up to 100 rows of one partition.
/// A storage outage or any other failure is logged and retried with back-off; only shutdown ends the loop.
/// </summary>
/// <remarks>
/// The old rows are found with a filter on Timestamp, which Table Storage (and Azurite) answer by scanning the
/// table; that is acceptable for a background job every few minutes, not for a request path.
/// </remarks>
/// <param name="firstRunDelay">How long the first run waits after start-up, away from the start-up work (1 minute; tests shorten it).</param>
public sealed partial class TableRetentionService(
    StorageClients storage, IOptionsMonitor<RetentionOptions> options, TimeProvider time, ILogger<TableRetentionService> log, TimeSpan? firstRunDelay = null)
    : BackgroundService
{

    private const int PageSize = 1000;
    private const int TransactionSize = 100;
    private const int ParallelPartitions = 4;

    private static readonly TimeSpan AfterFullRun = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan FirstBackOff = TimeSpan.FromSeconds(5);
    private static readonly string[] KeyColumns = ["PartitionKey", "RowKey"];

    /// <summary>One pass over the three tables, each bounded by <see cref="RetentionOptions.MaxDeletesPerRun"/>.</summary>
    public async Task<RetentionRun> PruneOnceAsync(CancellationToken cancellationToken)
    {
        RetentionOptions settings = options.CurrentValue;
        var deleted = new List<int>();
        foreach (RetentionPolicy policy in Policies(storage.Names, settings, time.GetUtcNow()))
        {
            deleted.Add(await PruneTableAsync(storage.Tables.GetTableClient(policy.Table), policy.Filter, settings.MaxDeletesPerRun, cancellationToken).ConfigureAwait(false));
        }

        return new RetentionRun(deleted[0], deleted[1], deleted[2], deleted.Any(d => d >= settings.MaxDeletesPerRun));
    }

    /// <summary>ReceivedEvents, ApiCallLog and DeadLetters (only those no longer open), each against its own window.</summary>
    public static IReadOnlyList<RetentionPolicy> Policies(StorageNames names, RetentionOptions settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(settings);
        string open = DeadLetterStore.Open;
        return
        [
            new(names.ReceivedEventsTable, TableClient.CreateQueryFilter($"Timestamp lt {now - settings.ReceivedEvents}")),
            new(names.ApiCallLogTable, TableClient.CreateQueryFilter($"Timestamp lt {now - settings.ApiCallLog}")),
            new(names.DeadLettersTable, TableClient.CreateQueryFilter($"Status ne {open} and Timestamp lt {now - settings.ResolvedDeadLetters}")),
        ];
    }

    /// <returns>Rows deleted (or found already gone) from the table, at most <paramref name="max"/>.</returns>
    public static async Task<int> PruneTableAsync(TableClient table, string filter, int max, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        int deleted = 0;
        try
        {
            await foreach (Page<TableEntity> page in table.QueryAsync<TableEntity>(filter, PageSize, KeyColumns, cancellationToken).AsPages().ConfigureAwait(false))
            {
                List<TableEntity> rows = page.Values.Take(max - deleted).ToList();
                await DeleteAsync(table, rows, cancellationToken).ConfigureAwait(false);
                deleted += rows.Count;
                if (deleted >= max)
                {
                    break;
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404 && ex.ErrorCode == "TableNotFound")
        {
            // Nothing was ever written to it.
        }

        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        TimeSpan wait = firstRunDelay ?? TimeSpan.FromMinutes(1);
        int failures = 0;
        while (true)
        {
            await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
            try
            {
                RetentionRun run = await PruneOnceAsync(stoppingToken).ConfigureAwait(false);
                failures = 0;
                wait = run.HitLimit ? AfterFullRun : options.CurrentValue.Interval;
                if (run.ReceivedEvents + run.ApiCalls + run.ResolvedDeadLetters > 0)
                {
                    LogPruned(run.ReceivedEvents, run.ApiCalls, run.ResolvedDeadLetters);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Storage down or refusing: keep the host up and try again, backing off to the usual interval.
                failures++;
                TimeSpan interval = options.CurrentValue.Interval;
                wait = TimeSpan.FromTicks(Math.Min(interval.Ticks, FirstBackOff.Ticks << Math.Min(failures - 1, 16)));
                LogFailed(ex, wait.TotalSeconds);
            }
        }
    }

    /// <summary>Deletes rows partition by partition, 100 to a transaction; a row another host deleted first is not an error.</summary>
    private static Task DeleteAsync(TableClient table, List<TableEntity> rows, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            rows.GroupBy(r => r.PartitionKey, StringComparer.Ordinal).SelectMany(g => g.Chunk(TransactionSize)),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelPartitions, CancellationToken = cancellationToken },
            async (chunk, ct) =>
            {
                if (chunk.Length > 1)
                {
                    try
                    {
                        await table.SubmitTransactionAsync(
                            chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)), ct).ConfigureAwait(false);
                        return;
                    }
                    catch (TableTransactionFailedException ex) when (ex.Status == 404)
                    {
                        // One row was already gone, which fails the whole transaction: delete them one by one.
                    }
                }

                foreach (TableEntity row in chunk)
                {
                    await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, ct).ConfigureAwait(false);
                }
            });

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: deleted {ReceivedEvents} ReceivedEvents, {ApiCalls} ApiCallLog and {DeadLetters} resolved DeadLetters rows older than their windows")]
    private partial void LogPruned(int receivedEvents, int apiCalls, int deadLetters);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention: pruning old rows failed; trying again in {Seconds} s")]
    private partial void LogFailed(Exception ex, double seconds);
}
