using System.Threading.Channels;
using Azure.Data.Tables;
using Integration.Activities.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Integration.Activities.ApiCalls;

/// <summary>
/// Table "ApiCallLog" (partition = correlation id): every outbound call, for support staff tracing a
/// workflow. Writes go through a bounded in-memory channel and a background writer so logging does
/// not add table latency to each vendor call; on shutdown the channel is drained.
/// </summary>
public sealed partial class ApiCallLog(StorageClients storage, ILogger<ApiCallLog> log) : BackgroundService
{
    private readonly TableClient table = storage.Tables.GetTableClient(storage.Names.ApiCallLogTable);
    private readonly Channel<ApiCallRecord> pending = Channel.CreateBounded<ApiCallRecord>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private long sequence;

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
                e.GetDateTimeOffset("StartedAt") ?? DateTimeOffset.MinValue));
        }

        return records;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        pending.Writer.TryComplete();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (ApiCallRecord record in pending.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            try
            {
                await table.AddEntityAsync(ToEntity(record), CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException)
            {
                LogWriteFailed(ex, record.CorrelationId);
            }
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
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write an API call log entry ({CorrelationId})")]
    private partial void LogWriteFailed(Exception ex, string correlationId);
}
