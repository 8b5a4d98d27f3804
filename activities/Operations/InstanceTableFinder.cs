using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Integration.Activities.Operations;

/// <summary>
/// Finds workflows in the engine's Instances table, newest first, with every request bounded. Azure tables cannot
/// sort, so the finder walks backwards in time windows (CreatedTime in [upper − window, upper)), sorts each window in
/// memory, shrinks a window that holds more rows than one read may return, and grows one that was sparse. The
/// continuation token is the cursor (the upper bound, the last id returned at it, the window size) and the filter's
/// fingerprint, base64url JSON; a token for another filter, or not one of ours, is refused.
/// </summary>
public sealed class InstanceTableFinder(IInstanceRows rows, TimeProvider time) : IInstanceFinder
{
    /// <summary>Most rows one window query may return; a window that matches more is shrunk and read again.</summary>
    public const int WindowRowLimit = 1000;

    /// <summary>Most rows one request reads in all, and most queries it makes: past either, a short page and a token.</summary>
    public const int RequestRowLimit = 5000;

    public const int RequestQueryLimit = 24;

    public const int MaxPageSize = 200;

    /// <summary>After this long no further window is read: the page goes back short with a token, well inside the route's 3 s storage deadline.</summary>
    public static readonly TimeSpan RequestTimeBudget = TimeSpan.FromSeconds(1.5);

    /// <summary>The first window: most lists look at the last hour's workflows.</summary>
    public static readonly TimeSpan FirstWindow = TimeSpan.FromHours(1);

    /// <summary>No instance of this product was created before this; the walk stops here when no createdFrom is given.</summary>
    public static readonly DateTimeOffset Floor = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan SmallestWindow = TimeSpan.FromMilliseconds(1);

    private static readonly TimeSpan LargestWindow = TimeSpan.FromDays(3660);

    public async Task<InstancePage> FindAsync(InstanceFilter filter, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);
        WorkflowDefinition? workflow = filter.Workflow is null ? null : WorkflowCatalog.ByName(filter.Workflow)
            ?? throw new ArgumentException($"Unknown workflow '{filter.Workflow}'.", nameof(filter));
        return filter.Key is not null
            ? await FindByKeyAsync(filter, workflow, cancellationToken).ConfigureAwait(false)
            : await WalkAsync(filter, workflow, pageSize, continuationToken, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A key is one point read per workflow (its instance id is known), then the other filters in memory: never a scan, never more than one page.</summary>
    private async Task<InstancePage> FindByKeyAsync(InstanceFilter filter, WorkflowDefinition? workflow, CancellationToken cancellationToken)
    {
        var found = new List<InstanceListItem>();
        foreach (WorkflowDefinition definition in workflow is null ? WorkflowCatalog.All : [workflow])
        {
            InstanceRow? row = await rows.GetAsync(definition.InstanceIdFor(filter.Key!), cancellationToken).ConfigureAwait(false);
            if (row is not null && (row.Name is null || row.Name == definition.OrchestratorName) && Matches(filter, row))
            {
                found.Add(ToItem(row));
            }
        }

        return new InstancePage(found.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.InstanceId, StringComparer.Ordinal).ToArray(), null);
    }

    private async Task<InstancePage> WalkAsync(InstanceFilter filter, WorkflowDefinition? workflow, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        string fingerprint = Fingerprint(filter);
        Cursor cursor = continuationToken is null
            ? new Cursor(filter.CreatedTo?.UtcTicks, null, FirstWindow.Ticks, fingerprint)
            : Cursor.Decode(continuationToken, fingerprint);
        DateTimeOffset floor = filter.CreatedFrom ?? Floor;
        DateTimeOffset? upper = cursor.Upper is { } u ? new DateTimeOffset(u, TimeSpan.Zero) : null;
        string? lastId = cursor.LastId;
        TimeSpan window = TimeSpan.FromTicks(Math.Clamp(cursor.Window, SmallestWindow.Ticks, LargestWindow.Ticks));
        IReadOnlyList<string> statuses = filter.Statuses ?? [];
        var items = new List<InstanceListItem>(pageSize);
        int rowsRead = 0, queries = 0;
        long started = time.GetTimestamp();
        while (true)
        {
            if (upper is { } bound && (bound < floor || (bound == floor && lastId is null)))
            {
                return new InstancePage(items, null);
            }

            if (rowsRead >= RequestRowLimit || queries >= RequestQueryLimit || (queries > 0 && time.GetElapsedTime(started) > RequestTimeBudget))
            {
                return new InstancePage(items, new Cursor(upper?.UtcTicks, lastId, window.Ticks, fingerprint).Encode());
            }

            DateTimeOffset top = upper ?? time.GetUtcNow();
            DateTimeOffset lower = top - floor > window ? top - window : floor;
            InstanceRowBatch batch = await rows.QueryAsync(
                new InstanceRowQuery(workflow?.InstanceIdPrefix, workflow?.OrchestratorName, statuses, lower, upper, CreatedToInclusive: lastId is not null),
                WindowRowLimit, cancellationToken).ConfigureAwait(false);
            queries++;
            rowsRead += batch.Rows.Count;
            if (batch.Truncated && window > SmallestWindow)
            {
                // Too many rows to sort this window: read a quarter of it instead (the rows read still count against the request's bound).
                window = TimeSpan.FromTicks(Math.Max(window.Ticks / 4, SmallestWindow.Ticks));
                continue;
            }

            // The cursor is applied here to the tick, not left to the store: Azurite keeps ticks but compares times to the
            // millisecond, so "le cursor" also returns rows newer than the cursor within its millisecond (the last page's).
            InstanceListItem[] newest = batch.Rows
                .Where(r => upper is not { } cut || r.CreatedTime < cut || (lastId is not null && r.CreatedTime == cut && string.CompareOrdinal(r.InstanceId, lastId) < 0))
                .Where(r => Matches(filter, r))
                .Select(ToItem)
                .OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.InstanceId, StringComparer.Ordinal)
                .ToArray();
            int wanted = pageSize - items.Count;
            if (newest.Length > wanted)
            {
                items.AddRange(newest.Take(wanted));
                InstanceListItem last = items[^1];
                return new InstancePage(items, new Cursor(last.CreatedAt.UtcTicks, last.InstanceId, window.Ticks, fingerprint).Encode());
            }

            items.AddRange(newest);
            upper = lower;
            lastId = null;
            if (batch.Rows.Count < WindowRowLimit / 4)
            {
                window = TimeSpan.FromTicks(Math.Min(window.Ticks * 2, LargestWindow.Ticks));
            }

            if (items.Count == pageSize)
            {
                return new InstancePage(items, lower <= floor ? null : new Cursor(upper?.UtcTicks, null, window.Ticks, fingerprint).Encode());
            }
        }
    }

    /// <summary>The filters storage cannot apply: the step (inside the custom status JSON), and the statuses again for point reads.</summary>
    private static bool Matches(InstanceFilter filter, InstanceRow row) =>
        (filter.Statuses is not { Count: > 0 } statuses || statuses.Contains(row.RuntimeStatus ?? string.Empty, StringComparer.OrdinalIgnoreCase))
        && (filter.CreatedFrom is not { } from || row.CreatedTime >= from)
        && (filter.CreatedTo is not { } to || row.CreatedTime < to)
        && (filter.Step is null || string.Equals(WorkflowSteps.Read(row.CustomStatus).Step, filter.Step, StringComparison.Ordinal));

    private static InstanceListItem ToItem(InstanceRow row)
    {
        WorkflowIdentity identity = WorkflowCatalog.Identify(row.InstanceId, row.Name);
        (string? step, string? detail) = WorkflowSteps.Read(row.CustomStatus);
        return new InstanceListItem(row.InstanceId, identity.Workflow, identity.Key, row.RuntimeStatus ?? "Unknown", step, detail, row.CreatedTime, row.LastUpdatedTime);
    }

    /// <summary>A short hash of the filters a token was issued for, so a token replayed with other filters is refused instead of skipping rows.</summary>
    private static string Fingerprint(InstanceFilter filter)
    {
        string canonical = string.Join('|', filter.Workflow, string.Join(',', (filter.Statuses ?? []).Select(s => s.ToUpperInvariant()).Order(StringComparer.Ordinal)),
            filter.Step, filter.CreatedFrom?.UtcTicks, filter.CreatedTo?.UtcTicks);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)), 0, 8);
    }

    /// <summary>Where the walk goes on: rows created before <see cref="Upper"/> (or at it, with an id below <see cref="LastId"/>).</summary>
    private sealed record Cursor(long? Upper, string? LastId, long Window, string Filter)
    {
        private const int Version = 1;

        public string Encode() => WebEncoders.Base64UrlEncode(JsonSerializer.SerializeToUtf8Bytes(new Token(Version, Upper, LastId, Window, Filter)));

        public static Cursor Decode(string text, string fingerprint)
        {
            Token? token;
            try
            {
                token = JsonSerializer.Deserialize<Token>(WebEncoders.Base64UrlDecode(text));
            }
            catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
            {
                throw new ArgumentException("The continuation token is not one this API issued.", nameof(text), e);
            }

            if (token is null || token.V != Version || token.W <= 0 || token.U is < 0 || (token.U is { } u && u > DateTimeOffset.MaxValue.UtcTicks))
            {
                throw new ArgumentException("The continuation token is not one this API issued.", nameof(text));
            }

            return token.F != fingerprint
                ? throw new ArgumentException("The continuation token was issued for other filters; repeat the request with the filters it was issued for.", nameof(text))
                : new Cursor(token.U, token.I, token.W, token.F);
        }
    }

    private sealed record Token(int V, long? U, string? I, long W, string? F);
}
