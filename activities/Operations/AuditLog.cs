using Azure.Data.Tables;
using Integration.Activities.Storage;

namespace Integration.Activities.Operations;

/// <summary>One line of the audit trail: who did what to which target, why, when, and how it ended.</summary>
/// <param name="Action">e.g. "terminate", "replay", "bulk-job.start", "review.answer", "alert.acknowledge".</param>
/// <param name="Target">The instance id, dead-letter id, bulk job id or alert id acted on.</param>
/// <param name="Result">"done", "refused: ..." or "failed: ...", in words a person reads.</param>
public sealed record AuditEntry(
    string Actor, string Role, string Action, string Target, string? Reason, string Result, string CorrelationId, DateTimeOffset At);

/// <summary>
/// Table "{hub}Audit": append-only. Rows are only ever added (AddEntity, never upsert), keyed newest first
/// by time, so the trail reads in order and nothing the API offers can change or delete a line.
/// </summary>
public sealed class AuditLog(StorageClients storage, TimeProvider time)
{
    private readonly TableClient table = storage.Tables.GetTableClient(storage.Names.AuditTable);

    /// <summary>Adds a line dated now; returns it as stored.</summary>
    public async Task<AuditEntry> WriteAsync(OperationsCaller caller, string action, string target, string? reason, string result, string correlationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var entry = new AuditEntry(caller.Name, caller.RoleName, action, target, reason, result, correlationId, time.GetUtcNow());

        // Partition per day, rows newest first within it; a random tail keeps two lines in the same tick apart.
        string partition = entry.At.UtcDateTime.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        string row = $"{DateTime.MaxValue.Ticks - entry.At.UtcTicks:D19}-{Guid.NewGuid():N}";
        var entity = new TableEntity(partition, row)
        {
            ["Actor"] = entry.Actor,
            ["Role"] = entry.Role,
            ["Action"] = entry.Action,
            ["Target"] = entry.Target,
            ["Reason"] = entry.Reason,
            ["Result"] = entry.Result,
            ["CorrelationId"] = entry.CorrelationId,
            ["At"] = entry.At,
        };
        await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
        return entry;
    }
}
