using Azure;
using Azure.Data.Tables;
using Integration.Activities.Storage;
using Integration.Orchestrations.Offboarding;

namespace Integration.Activities.Evidence;

/// <summary>
/// Table "OffboardingEvidence": what auditors read, kept apart from orchestration history so purges
/// never touch it. One partition per offboarding (its id, escaped): a "summary" row with the record's
/// columns and one "system-NNN" row per system line, in the record's order. Every save rewrites the
/// whole partition in one entity-group transaction, so a reader sees one milestone or the next, never
/// a mix, and saving the same record twice is harmless.
/// </summary>
/// <remarks>
/// Queries: by id, a point read of one partition. By employee, a partition-key range: offboarding ids
/// are "{employeeId}-{effective time}", so an employee's records share the prefix "{employeeId}-".
/// Listing without an employee scans the summary rows (one per offboarding; thousands a year at most)
/// and keeps the newest by effective time; at far larger volumes a time-ordered index would be needed.
/// </remarks>
public sealed class OffboardingEvidenceStore(StorageClients storage)
{
    /// <summary>One transaction holds at most 100 operations: the summary plus this many systems.</summary>
    public const int MaxSystems = 99;

    /// <summary>The most summaries one list returns.</summary>
    public const int MaxList = 1000;

    /// <summary>Table keys hold at most 1 KiB; longer ids would be cut and could collide.</summary>
    public const int MaxIdLength = 512;

    private const string SummaryRow = "summary";
    private const string SystemRowPrefix = "system-";

    // A whole record must fit the 4 MiB of one transaction: 99 systems with every text at its limit
    // stay near 2 MiB even in 3-byte UTF-8.
    private const int LongText = 2_000;
    private const int ShortText = 500;

    private static readonly string[] SummaryColumns =
    [
        "OffboardingId", "EmployeeId", "EmployeeName", "EffectiveAt", "Deadline", "StartedAt", "EscalatedAt", "CompletedAt", "Status", "WithinSla", "SystemCount",
    ];

    private readonly TableClient table = storage.Tables.GetTableClient(storage.Names.OffboardingEvidenceTable);

    /// <summary>Replaces the stored record with this one (last write wins); system rows the new record no longer has are deleted in the same transaction.</summary>
    public async Task SaveAsync(OffboardingEvidence record, CancellationToken cancellationToken)
    {
        Validate(record);
        string partition = TableKeys.Escape(record.OffboardingId);
        string writeId = Guid.NewGuid().ToString("N");
        for (int attempt = 1; ; attempt++)
        {
            IReadOnlyList<string> existing = await ExistingRowKeysAsync(record.OffboardingId, partition, cancellationToken).ConfigureAwait(false);
            try
            {
                await table.SubmitTransactionAsync(Actions(record, partition, writeId, existing), cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 404 && attempt < 3)
            {
                // A concurrent save deleted a row this one meant to delete: read the partition again.
            }
        }
    }

    /// <summary>The record with this id, or null when none was saved.</summary>
    public async Task<OffboardingEvidence?> GetAsync(string offboardingId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offboardingId);
        if (offboardingId.Length is 0 or > MaxIdLength)
        {
            return null;
        }

        string partition = TableKeys.Escape(offboardingId);
        TableEntity? summary = null;
        var systems = new List<TableEntity>();
        await foreach (TableEntity e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (e.RowKey == SummaryRow)
            {
                summary = e;
            }
            else if (e.RowKey.StartsWith(SystemRowPrefix, StringComparison.Ordinal))
            {
                systems.Add(e);
            }
        }

        // Keys are injective, but a key too long to hold the id is a hash of it: check the id stored in the row.
        if (summary is null || summary.GetString("OffboardingId") != offboardingId)
        {
            return null;
        }

        string? writeId = summary.GetString("WriteId");
        return new OffboardingEvidence(
            offboardingId,
            summary.GetString("EmployeeId") ?? string.Empty,
            summary.GetString("EmployeeName") ?? string.Empty,
            summary.GetString("InstanceId") ?? string.Empty,
            summary.GetString("CorrelationId") ?? string.Empty,
            summary.GetDateTimeOffset("EffectiveAt") ?? DateTimeOffset.MinValue,
            summary.GetDateTimeOffset("Deadline") ?? DateTimeOffset.MinValue,
            summary.GetDateTimeOffset("StartedAt") ?? DateTimeOffset.MinValue,
            summary.GetDateTimeOffset("EscalatedAt"),
            summary.GetDateTimeOffset("CompletedAt"),
            summary.GetString("Status") ?? string.Empty,
            summary.GetBoolean("WithinSla"),
            systems
                .Where(s => s.GetString("WriteId") == writeId)
                .OrderBy(s => s.GetInt32("Index") ?? int.MaxValue)
                .Select(ToSystem)
                .ToList());
    }

    /// <summary>
    /// Summaries, newest effective time first (ties by id, descending); only the employee's when
    /// <paramref name="employeeId"/> is given.
    /// </summary>
    public async Task<IReadOnlyList<OffboardingEvidenceSummary>> ListAsync(string? employeeId, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(max, MaxList);

        var newest = new PriorityQueue<OffboardingEvidenceSummary, (DateTimeOffset, string)>(new NewestLast());
        await foreach (TableEntity e in QuerySummariesAsync(employeeId, extraFilter: null, cancellationToken).ConfigureAwait(false))
        {
            OffboardingEvidenceSummary summary = ToSummary(e);
            newest.Enqueue(summary, (summary.EffectiveAt, summary.OffboardingId));
            if (newest.Count > max)
            {
                newest.Dequeue(); // the oldest of those kept
            }
        }

        var list = new List<OffboardingEvidenceSummary>(newest.Count);
        while (newest.Count > 0)
        {
            list.Add(newest.Dequeue());
        }

        list.Reverse();
        return list;
    }

    /// <summary>
    /// The id of a completed (or completed-late) offboarding of this employee for this effective time,
    /// compared to the second as the offboarding id is; null when there is none.
    /// </summary>
    public async Task<string?> FindCompletedAsync(string employeeId, DateTimeOffset effectiveAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(employeeId);
        string completed = OffboardingEvidence.Completed, completedLate = OffboardingEvidence.CompletedLate;
        string statusFilter = TableClient.CreateQueryFilter($"Status eq {completed} or Status eq {completedLate}");
        long second = WholeSeconds(effectiveAt);
        await foreach (TableEntity e in QuerySummariesAsync(employeeId, statusFilter, cancellationToken).ConfigureAwait(false))
        {
            if (e.GetDateTimeOffset("EffectiveAt") is { } at && WholeSeconds(at) == second && e.GetString("OffboardingId") is { } id)
            {
                return id;
            }
        }

        return null;
    }

    private static void Validate(OffboardingEvidence record)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrWhiteSpace(record.OffboardingId);
        ArgumentException.ThrowIfNullOrWhiteSpace(record.EmployeeId);
        ArgumentNullException.ThrowIfNull(record.Systems);
        if (record.OffboardingId.Length > MaxIdLength)
        {
            throw new ArgumentException($"Offboarding id longer than {MaxIdLength} characters.", nameof(record));
        }

        if (!record.OffboardingId.StartsWith(record.EmployeeId + "-", StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"Offboarding id '{record.OffboardingId}' does not start with '{record.EmployeeId}-'; the store finds an employee's records by that prefix.", nameof(record));
        }

        if (record.Systems.Count > MaxSystems || record.Systems.Any(s => s is null))
        {
            throw new ArgumentException($"An evidence record holds 0 to {MaxSystems} system lines, none null.", nameof(record));
        }
    }

    /// <summary>Row keys now in the partition; refuses to overwrite another id's record that escapes to the same key.</summary>
    private async Task<IReadOnlyList<string>> ExistingRowKeysAsync(string offboardingId, string partition, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        await foreach (TableEntity e in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), select: ["RowKey", "OffboardingId"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (e.RowKey == SummaryRow && e.GetString("OffboardingId") is { } stored && stored != offboardingId)
            {
                throw new InvalidOperationException($"Offboarding ids '{stored}' and '{offboardingId}' map to the same table key '{partition}'.");
            }

            keys.Add(e.RowKey);
        }

        return keys;
    }

    private static List<TableTransactionAction> Actions(OffboardingEvidence record, string partition, string writeId, IReadOnlyList<string> existing)
    {
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpsertReplace, SummaryEntity(record, partition, writeId)) };
        var written = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < record.Systems.Count; i++)
        {
            TableEntity row = SystemEntity(record.Systems[i], i, partition, writeId);
            written.Add(row.RowKey);
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, row));
        }

        actions.AddRange(existing
            .Where(key => key.StartsWith(SystemRowPrefix, StringComparison.Ordinal) && !written.Contains(key))
            .Select(key => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, key), ETag.All)));
        return actions;
    }

    private static TableEntity SummaryEntity(OffboardingEvidence r, string partition, string writeId) => new(partition, SummaryRow)
    {
        ["OffboardingId"] = r.OffboardingId,
        ["EmployeeId"] = r.EmployeeId,
        ["EmployeeName"] = Truncate(r.EmployeeName, ShortText),
        ["InstanceId"] = Truncate(r.InstanceId, ShortText),
        ["CorrelationId"] = Truncate(r.CorrelationId, ShortText),
        ["EffectiveAt"] = r.EffectiveAt.ToUniversalTime(),
        ["Deadline"] = r.Deadline.ToUniversalTime(),
        ["StartedAt"] = r.StartedAt.ToUniversalTime(),
        ["EscalatedAt"] = r.EscalatedAt?.ToUniversalTime(),
        ["CompletedAt"] = r.CompletedAt?.ToUniversalTime(),
        ["Status"] = Truncate(r.Status, ShortText),
        ["WithinSla"] = r.WithinSla,
        ["SystemCount"] = r.Systems.Count,
        ["WriteId"] = writeId,
    };

    private static TableEntity SystemEntity(SystemEvidence s, int index, string partition, string writeId) =>
        new(partition, SystemRowPrefix + index.ToString("D3", System.Globalization.CultureInfo.InvariantCulture))
        {
            ["Index"] = index,
            ["System"] = Truncate(s.System, ShortText),
            ["Kind"] = Truncate(s.Kind, ShortText),
            ["AccountKey"] = Truncate(s.AccountKey, ShortText),
            ["State"] = Truncate(s.State, ShortText),
            ["RevokedAt"] = s.RevokedAt?.ToUniversalTime(),
            ["Attempts"] = s.Attempts,
            ["CallCorrelationId"] = Truncate(s.CallCorrelationId, ShortText),
            ["LastError"] = Truncate(s.LastError, LongText),
            ["Late"] = s.Late,
            ["SettledBy"] = Truncate(s.SettledBy, ShortText),
            ["Detail"] = Truncate(s.Detail, LongText),
            ["WriteId"] = writeId,
        };

    private static SystemEvidence ToSystem(TableEntity e) => new(
        e.GetString("System") ?? string.Empty,
        e.GetString("Kind") ?? string.Empty,
        e.GetString("AccountKey"),
        e.GetString("State") ?? string.Empty,
        e.GetDateTimeOffset("RevokedAt"),
        e.GetInt32("Attempts") ?? 0,
        e.GetString("CallCorrelationId"),
        e.GetString("LastError"),
        e.GetBoolean("Late") ?? false,
        e.GetString("SettledBy"),
        e.GetString("Detail"));

    private static OffboardingEvidenceSummary ToSummary(TableEntity e) => new(
        e.GetString("OffboardingId") ?? e.PartitionKey,
        e.GetString("EmployeeId") ?? string.Empty,
        e.GetString("EmployeeName") ?? string.Empty,
        e.GetDateTimeOffset("EffectiveAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("Deadline") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("StartedAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("EscalatedAt"),
        e.GetDateTimeOffset("CompletedAt"),
        e.GetString("Status") ?? string.Empty,
        e.GetBoolean("WithinSla"),
        e.GetInt32("SystemCount") ?? 0);

    /// <summary>Summary rows, of one employee when given (a key range on the id prefix, then the exact employee id).</summary>
    private IAsyncEnumerable<TableEntity> QuerySummariesAsync(string? employeeId, string? extraFilter, CancellationToken cancellationToken)
    {
        string summaryRow = SummaryRow;
        string filter = TableClient.CreateQueryFilter($"RowKey eq {summaryRow}");
        if (!string.IsNullOrEmpty(employeeId))
        {
            string prefix = TableKeys.Escape(employeeId) + "-";
            string upper = prefix[..^1] + "."; // '.' follows '-': the smallest key after every "{prefix}…"
            filter += " and " + TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {upper} and EmployeeId eq {employeeId}");
        }

        if (extraFilter is not null)
        {
            filter += $" and ({extraFilter})";
        }

        return table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: SummaryColumns, cancellationToken: cancellationToken);
    }

    private static long WholeSeconds(DateTimeOffset value) => value.UtcTicks / TimeSpan.TicksPerSecond;

    private static string? Truncate(string? value, int max) => value is not null && value.Length > max ? value[..max] + "…" : value;

    /// <summary>Orders the heap so the oldest (then smallest id) leaves first.</summary>
    private sealed class NewestLast : IComparer<(DateTimeOffset At, string Id)>
    {
        public int Compare((DateTimeOffset At, string Id) x, (DateTimeOffset At, string Id) y)
        {
            int byTime = x.At.CompareTo(y.At);
            return byTime != 0 ? byTime : string.CompareOrdinal(x.Id, y.Id);
        }
    }
}
