using System.Threading.Channels;
using Azure;
using Azure.Data.Tables;
using Integration.Activities.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Integration.Activities.ApiCalls;

/// <summary>
/// Table "ApiCallLog" (partition = correlation id): every outbound call, for support staff tracing a
/// workflow. Writes go through a bounded in-memory channel and a background writer so logging does
/// not add table latency to each vendor call. A storage outage pauses the writer (records wait, oldest
/// dropped past 10,000) and never stops it; on shutdown the channel is drained for up to 2 seconds.
/// </summary>
public sealed partial class ApiCallLog(StorageClients storage, ILogger<ApiCallLog> log) : BackgroundService
{
    private readonly TableClient table = storage.Tables.GetTableClient(storage.Names.ApiCallLogTable);
    private readonly Channel<ApiCallRecord> pending = Channel.CreateBounded<ApiCallRecord>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    /// <summary>How long records still queued at shutdown may take to reach storage before the rest are dropped.</summary>
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan FirstRetryPause = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxRetryPause = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource drainDeadline = new();
    private long sequence;
    private DateTimeOffset? outageStarted;
    private bool givenUp;
    private int dropped;

    public void Record(ApiCallRecord record) => pending.Writer.TryWrite(record);

    public async Task<IReadOnlyList<ApiCallRecord>> ListAsync(string correlationId, CancellationToken cancellationToken)
    {
        var records = new List<ApiCallRecord>();
        string pk = TableKeys.Escape(correlationId);
        await foreach (TableEntity e in table.QueryAsync<TableEntity>(x => x.PartitionKey == pk, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            records.Add(new ApiCallRecord(
                correlationId,
                e.GetString("System") ?? string.Empty,
                e.GetString("Method") ?? string.Empty,
                e.GetString("Url") ?? string.Empty,
                e.GetInt32("Status"),
                e.GetDouble("DurationMs") ?? 0,
                e.GetString("RequestBody"),
                e.GetString("ResponseBody"),
                e.GetString("Error"),
                e.GetDateTimeOffset("StartedAt") ?? DateTimeOffset.MinValue,
                e.GetString("TraceId")));
        }

        return records;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        pending.Writer.TryComplete();

        // What is still queued gets a short while to reach storage; the host's stop is not held longer.
        drainDeadline.CancelAfter(DrainTimeout);
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        drainDeadline.Dispose();
        base.Dispose();
    }

    /// <summary>
    /// Writes each record, and while storage is down keeps the record and retries it with a growing pause
    /// (records arriving meanwhile wait in the channel), so an outage loses nothing the channel can hold and
    /// the loop never ends on its own. Logged once when storage goes and once when it comes back.
    /// </summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (ApiCallRecord record in pending.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            if (givenUp)
            {
                dropped++;
                continue;
            }

            await WriteAsync(record, stoppingToken).ConfigureAwait(false);
        }

        if (dropped > 0)
        {
            LogDroppedAtShutdown(dropped);
        }
    }

    private async Task WriteAsync(ApiCallRecord record, CancellationToken stoppingToken)
    {
        TableEntity entity = ToEntity(record);
        TimeSpan pause = FirstRetryPause;
        while (true)
        {
            try
            {
                await table.AddEntityAsync(entity, drainDeadline.Token).ConfigureAwait(false);
                if (outageStarted is { } since)
                {
                    LogStorageBack(DateTimeOffset.UtcNow - since);
                    outageStarted = null;
                }

                return;
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // An earlier try was stored although its answer was lost.
                return;
            }
            catch (Exception ex) when (stoppingToken.IsCancellationRequested && (drainDeadline.IsCancellationRequested || StorageOutage.IsOutage(ex)))
            {
                // Stopping with storage down or slow: keep the stop fast and say how much was not written.
                givenUp = true;
                dropped++;
                LogGivingUpAtShutdown(ex.GetType().Name);
                return;
            }
            catch (Exception ex) when (!StorageOutage.IsOutage(ex))
            {
                // This record, not storage, is the problem (e.g. refused as too large): retrying would not help.
                LogWriteFailed(ex, record.CorrelationId);
                return;
            }
            catch (Exception ex)
            {
                if (outageStarted is null)
                {
                    outageStarted = DateTimeOffset.UtcNow;
                    LogStorageUnavailable(StorageOutage.Describe(ex));
                }
            }

            try
            {
                await Task.Delay(pause, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping: one more try, then give up.
            }

            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxRetryPause.Ticks));
        }
    }

    private TableEntity ToEntity(ApiCallRecord r)
    {
        long seq = Interlocked.Increment(ref sequence);
        return new TableEntity(TableKeys.Escape(r.CorrelationId), $"{r.StartedAt.UtcTicks:D19}-{Environment.ProcessId}-{seq:D10}")
        {
            ["System"] = r.System,
            ["Method"] = r.Method,
            ["Url"] = r.Url,
            ["Status"] = r.Status,
            ["DurationMs"] = r.DurationMs,
            ["RequestBody"] = r.RequestBody,
            ["ResponseBody"] = r.ResponseBody,
            ["Error"] = r.Error,
            ["StartedAt"] = r.StartedAt,
            ["TraceId"] = r.TraceId,
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write an API call log entry ({CorrelationId})")]
    private partial void LogWriteFailed(Exception ex, string correlationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage is unavailable ({Failure}); API call log entries wait in memory and are retried until it answers")]
    private partial void LogStorageUnavailable(string failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage answers again after {Outage}; API call log entries are being written")]
    private partial void LogStorageBack(TimeSpan outage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping while storage does not answer ({Failure}); API call log entries still in memory are not written")]
    private partial void LogGivingUpAtShutdown(string failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} API call log entries were not written: storage did not answer while the host stopped")]
    private partial void LogDroppedAtShutdown(int count);
}
