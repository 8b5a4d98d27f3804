using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Integration.Activities.Storage;

namespace Integration.Activities.Operations;

/// <summary>The columns of the engine's Instances table a list needs (never Input or Output, which can be large).</summary>
public sealed record InstanceRow(
    string InstanceId, string? Name, string? RuntimeStatus, string? CustomStatus, DateTimeOffset CreatedTime, DateTimeOffset LastUpdatedTime);

/// <summary>
/// One server-side query of the Instances table: instance ids starting with <paramref name="IdPrefix"/> (a PartitionKey
/// range), the orchestrator <paramref name="Name"/>, any of <paramref name="Statuses"/>, and CreatedTime in
/// [<paramref name="CreatedFrom"/>, <paramref name="CreatedTo"/>) ([.., ..] when <paramref name="CreatedToInclusive"/>).
/// </summary>
public sealed record InstanceRowQuery(
    string? IdPrefix,
    string? Name,
    IReadOnlyList<string> Statuses,
    DateTimeOffset CreatedFrom,
    DateTimeOffset? CreatedTo,
    bool CreatedToInclusive = false);

/// <summary>What one query returned: at most the rows asked for, and whether more matched.</summary>
public sealed record InstanceRowBatch(IReadOnlyList<InstanceRow> Rows, bool Truncated);

/// <summary>The reads the finder and the summary make of the engine's Instances table; a seam so the paging algorithm is unit-tested without storage.</summary>
public interface IInstanceRows
{
    /// <summary>
    /// Up to <paramref name="max"/> rows matching the query, in no particular order; with <paramref name="timeBudget"/>,
    /// no further page is asked for once it is spent (the batch is then truncated).
    /// </summary>
    Task<InstanceRowBatch> QueryAsync(InstanceRowQuery query, int max, CancellationToken cancellationToken, TimeSpan? timeBudget = null);

    /// <summary>One instance by id (a point read), or null.</summary>
    Task<InstanceRow?> GetAsync(string instanceId, CancellationToken cancellationToken);
}

/// <summary>
/// Reads the Azure Storage backend's own "{hub}Instances" table (PartitionKey = instance id, RowKey = ""), which both
/// hosts' engines write: the same table Durable Functions tooling reads, so nothing extra is stored per instance.
/// </summary>
public sealed class InstanceTableRows(StorageClients storage) : IInstanceRows
{
    private static readonly string[] Columns = ["PartitionKey", "Name", "RuntimeStatus", "CustomStatus", "CreatedTime", "LastUpdatedTime"];

    private TableClient Table => storage.Tables.GetTableClient(storage.Names.TaskHub + "Instances");

    public async Task<InstanceRowBatch> QueryAsync(InstanceRowQuery query, int max, CancellationToken cancellationToken, TimeSpan? timeBudget = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        var rows = new List<InstanceRow>(Math.Min(max, 1000));
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            await foreach (Page<TableEntity> page in Table.QueryAsync<TableEntity>(ODataFilter(query), maxPerPage: Math.Min(max + 1, 1000), select: Columns, cancellationToken: cancellationToken)
                .AsPages().ConfigureAwait(false))
            {
                foreach (TableEntity e in page.Values)
                {
                    if (rows.Count == max)
                    {
                        return new InstanceRowBatch(rows, Truncated: true);
                    }

                    rows.Add(ToRow(e));
                }

                if (page.ContinuationToken is not null && timeBudget is { } budget && System.Diagnostics.Stopwatch.GetElapsedTime(started) > budget)
                {
                    return new InstanceRowBatch(rows, Truncated: true);
                }
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No instance was ever started on this hub: the engine creates the table on first use.
        }

        return new InstanceRowBatch(rows, Truncated: false);
    }

    public async Task<InstanceRow?> GetAsync(string instanceId, CancellationToken cancellationToken)
    {
        try
        {
            NullableResponse<TableEntity> found = await Table.GetEntityIfExistsAsync<TableEntity>(instanceId, string.Empty, Columns, cancellationToken).ConfigureAwait(false);
            return found.HasValue && found.Value is { } e ? ToRow(e) : null;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>The OData filter of a query: the id prefix as a PartitionKey range (so storage reads only that range), the rest as property filters.</summary>
    public static string ODataFilter(InstanceRowQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var parts = new List<string> { "RowKey eq ''" };
        if (query.IdPrefix is { Length: > 0 } prefix)
        {
            parts.Add(TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {PrefixUpperBound(prefix)}"));
        }

        if (query.Name is { } name)
        {
            parts.Add(TableClient.CreateQueryFilter($"Name eq {name}"));
        }

        if (query.Statuses.Count > 0)
        {
            parts.Add("(" + string.Join(" or ", query.Statuses.Select(s => TableClient.CreateQueryFilter($"RuntimeStatus eq {s}"))) + ")");
        }

        parts.Add(TableClient.CreateQueryFilter($"CreatedTime ge {query.CreatedFrom}"));
        if (query.CreatedTo is { } to)
        {
            parts.Add(query.CreatedToInclusive ? TableClient.CreateQueryFilter($"CreatedTime le {to}") : TableClient.CreateQueryFilter($"CreatedTime lt {to}"));
        }

        return string.Join(" and ", parts);
    }

    /// <summary>The smallest string greater than every string starting with the prefix ("deal-invoice-" → "deal-invoice.").</summary>
    private static string PrefixUpperBound(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    private static InstanceRow ToRow(TableEntity e) => new(
        e.PartitionKey,
        e.GetString("Name"),
        e.GetString("RuntimeStatus"),
        e.GetString("CustomStatus"),
        Time(e, "CreatedTime"),
        Time(e, "LastUpdatedTime"));

    private static DateTimeOffset Time(TableEntity e, string column) => e.TryGetValue(column, out object? value) ? value switch
    {
        DateTimeOffset d => d,
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        string s when DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset d) => d,
        _ => DateTimeOffset.MinValue,
    } : DateTimeOffset.MinValue;
}
