using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using Integration.Activities.Storage;
using Microsoft.AspNetCore.WebUtilities;

namespace Integration.Activities.Operations;

/// <summary>One line of the audit trail: who did what to which target, why, when, and how it ended.</summary>
/// <param name="Action">e.g. "terminate", "replay", "bulk-job.start", "review.answer", "alert.acknowledge".</param>
/// <param name="Target">The instance id, dead-letter id, bulk job id or alert id acted on.</param>
/// <param name="Result">"done", "refused: ..." or "failed: ...", in words a person reads.</param>
public sealed record AuditEntry(
    string Actor, string Role, string Action, string Target, string? Reason, string Result, string CorrelationId, DateTimeOffset At);

/// <summary>What GET /api/v1/audit filters by; set fields combine with AND. From inclusive, To inclusive, both UTC.</summary>
/// <param name="Action">An exact action, or a prefix ending in a dot (e.g. "review." for every review line).</param>
public sealed record AuditFilter(string? Actor, string? Action, string? Target, DateTimeOffset From, DateTimeOffset To);

/// <summary>A page of audit lines, newest first; a null continuation token means there is nothing more in the range.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, string? ContinuationToken);

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

    /// <summary>How many day partitions one request reads at most before it answers with a continuation token.</summary>
    public const int MaxDaysPerRequest = 31;

    /// <summary>
    /// The lines matching the filter, newest first, at most <paramref name="pageSize"/>. Reads the day partitions from
    /// To back to From, at most <see cref="MaxDaysPerRequest"/> of them, and hands back where it stopped as the token.
    /// </summary>
    /// <exception cref="ArgumentException">The continuation token is not one this log issued.</exception>
    public async Task<AuditPage> FindAsync(AuditFilter filter, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        DateTime firstDay = filter.From.UtcDateTime.Date;
        (DateTime day, string? after) = continuationToken is null ? (filter.To.UtcDateTime.Date, null) : ReadToken(continuationToken);
        string newest = RowPrefix(filter.To);
        string oldest = RowPrefix(filter.From) + "~"; // after every row of that tick, whatever its random tail
        var items = new List<AuditEntry>(pageSize);

        for (int days = 0; day >= firstDay; days++, day = day.AddDays(-1), after = null)
        {
            if (days == MaxDaysPerRequest)
            {
                return new AuditPage(items, Token(day, null));
            }

            string partition = day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            string query = $"PartitionKey eq {Quote(partition)} and RowKey {(after is null ? "ge" : "gt")} {Quote(after ?? newest)} and RowKey le {Quote(oldest)}"
                + Equal("Actor", filter.Actor) + Equal("Target", filter.Target) + ActionFilter(filter.Action);
            string? lastRow = after;
            await foreach (TableEntity entity in table.QueryAsync<TableEntity>(query, maxPerPage: pageSize - items.Count + 1, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (items.Count == pageSize)
                {
                    // One more line exists: the page is full, and the next one starts after the last line returned from this day.
                    return new AuditPage(items, Token(day, lastRow));
                }

                items.Add(Read(entity));
                lastRow = entity.RowKey;
            }
        }

        return new AuditPage(items, null);
    }

    private static AuditEntry Read(TableEntity entity) => new(
        entity.GetString("Actor") ?? string.Empty,
        entity.GetString("Role") ?? string.Empty,
        entity.GetString("Action") ?? string.Empty,
        entity.GetString("Target") ?? string.Empty,
        entity.GetString("Reason"),
        entity.GetString("Result") ?? string.Empty,
        entity.GetString("CorrelationId") ?? string.Empty,
        entity.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue);

    private static string RowPrefix(DateTimeOffset at) =>
        (DateTime.MaxValue.Ticks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    private static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string Equal(string property, string? value) =>
        value is null ? string.Empty : $" and {property} eq {Quote(value)}";

    /// <summary>An exact action, or for a prefix ending in a dot every action that sorts from it up to the same text ending in '/' (the next character).</summary>
    private static string ActionFilter(string? action) =>
        action is null ? string.Empty
        : action.EndsWith('.') ? $" and Action ge {Quote(action)} and Action lt {Quote(action[..^1] + "/")}"
        : Equal("Action", action);

    private static string Token(DateTime day, string? afterRow) =>
        WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes($"audit1|{day:yyyyMMdd}|{afterRow}"));

    private static (DateTime Day, string? AfterRow) ReadToken(string token)
    {
        string[] parts;
        try
        {
            parts = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(token)).Split('|');
        }
        catch (FormatException)
        {
            parts = [];
        }

        if (parts.Length != 3 || parts[0] != "audit1" ||
            !DateTime.TryParseExact(parts[1], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime day) ||
            (parts[2].Length > 0 && !IsRowKey(parts[2])))
        {
            throw new ArgumentException("The continuation token is not one this audit log issued.", nameof(token));
        }

        return (day, parts[2].Length == 0 ? null : parts[2]);
    }

    private static bool IsRowKey(string row) =>
        row.Length == 52 && row[19] == '-' && row.AsSpan(0, 19).ContainsAnyExceptInRange('0', '9') is false &&
        row.AsSpan(20).ContainsAnyExcept("0123456789abcdef") is false;
}
