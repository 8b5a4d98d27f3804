using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Integration.Activities.Http;
using Integration.Activities.Storage;
using Integration.Orchestrations.Common;

namespace Integration.Activities.DeadLetters;

/// <summary>A dead letter as support staff see it.</summary>
/// <param name="Source">The webhook source of an event ("crm", "hr", "unknown" when the message was not an envelope), "workflow" for a workflow that gave up.</param>
/// <param name="Status">"open", "replayed" or "resolved".</param>
/// <param name="ReplayOf">The dead letter this one's message was a replay of; such a dead letter is not replayed again.</param>
/// <param name="Replayable">False when the original message could not be kept whole (too large), so a replay is refused.</param>
public sealed record DeadLetter(
    string Kind, string Reference, string CorrelationId, string Reason, string? Detail, DateTimeOffset CreatedAt, string Status,
    string? Source = null,
    string? ReplayOf = null,
    string? ReplayedBy = null,
    DateTimeOffset? ReplayedAt = null,
    string? ReplayDeliveryId = null,
    string? ResolvedBy = null,
    DateTimeOffset? ResolvedAt = null,
    bool Replayable = true)
{
    /// <summary>The id routes take (/api/v1/dead-letters/{id}/replay): opaque and URL-safe, whatever the reference holds.</summary>
    public string Id => DeadLetterIds.Encode(Kind, Reference);
}

/// <summary>Dead-letter ids: base64url of "kind:reference", so any event id (slashes, '#', '?') fits one path segment.</summary>
public static class DeadLetterIds
{
    public static string Encode(string kind, string reference) =>
        Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes($"{kind}:{reference}"));

    /// <summary>False when the id is not one <see cref="Encode"/> made.</summary>
    public static bool TryDecode(string id, out string kind, out string reference)
    {
        kind = reference = string.Empty;
        try
        {
            string text = System.Text.Encoding.UTF8.GetString(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(id ?? string.Empty));
            int colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == text.Length - 1)
            {
                return false;
            }

            (kind, reference) = (text[..colon], text[(colon + 1)..]);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

/// <summary>How claiming a dead letter for replay ended.</summary>
public enum ReplayClaim
{
    Claimed,
    NotFound,
    AlreadyTaken,
}

/// <summary>
/// Table "DeadLetters": everything that could not finish, one row per reference (event id or instance id), so
/// recording the same failure twice (a retried activity, a redelivered poison message) is one row. The original
/// queue message is kept whole in its own columns (Message0..MessageN, under the 32K-character property limit),
/// so a replay sends exactly what arrived. Beside each row, an index row in partition <see cref="IndexPartition"/>
/// keyed newest first carries the listed fields, so the list is one bounded range query in time order.
/// Rows written before these columns existed stay readable: missing columns read as before (open, no source).
/// </summary>
public sealed class DeadLetterStore(StorageClients storage, TimeProvider time)
{
    public const string Open = "open";
    public const string Replayed = "replayed";
    public const string Resolved = "resolved";

    /// <summary>The index rows' partition: never a kind ("event", "workflow").</summary>
    public const string IndexPartition = "~by-time";

    /// <summary>Characters per message column: Table Storage holds 32K characters in a string property.</summary>
    public const int ChunkLength = 30_000;

    /// <summary>Message columns at most: 15 x 30,000 UTF-16 characters is 900 KB, inside the 1 MiB entity with room for the rest.</summary>
    public const int MaxChunks = 15;

    /// <summary>The most rows one list request reads.</summary>
    public const int MaxPageSize = 200;

    private const int DetailLength = 16_000;
    private const string MessagePrefix = "Message";

    private readonly TableClient table = storage.Tables.GetTableClient(storage.Names.DeadLettersTable);

    public async Task<DeadLetter> RecordAsync(DeadLetterInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        string source = input.Source ?? (input.Kind == "workflow" ? "workflow" : "unknown");
        bool replayable = input.Message is null || input.Message.Length <= ChunkLength * MaxChunks;
        var letter = new DeadLetter(input.Kind, input.Reference, input.CorrelationId, input.Reason, Truncate(input.Detail), time.GetUtcNow(), Open,
            source, input.ReplayOf, Replayable: replayable);
        string indexKey = IndexKey(letter);
        var entity = new TableEntity(TableKeys.Escape(input.Kind), TableKeys.Escape(input.Reference))
        {
            ["Reference"] = letter.Reference,
            ["CorrelationId"] = letter.CorrelationId,
            ["Reason"] = Truncate(letter.Reason),
            ["Detail"] = letter.Detail,
            ["CreatedAt"] = letter.CreatedAt,
            ["Status"] = letter.Status,
            ["Source"] = source,
            ["ReplayOf"] = letter.ReplayOf,
            ["IndexKey"] = indexKey,
        };
        if (input.Message is { } message)
        {
            if (replayable)
            {
                string[] chunks = message.Chunk(ChunkLength).Select(c => new string(c)).ToArray();
                entity["MessageChunks"] = chunks.Length;
                for (int i = 0; i < chunks.Length; i++)
                {
                    entity[MessagePrefix + i.ToString(CultureInfo.InvariantCulture)] = chunks[i];
                }
            }
            else
            {
                entity["MessageTooLarge"] = message.Length;
            }
        }

        // Recording the same reference again (it failed again) replaces the row, so its old index row goes.
        NullableResponse<TableEntity> before = await table.GetEntityIfExistsAsync<TableEntity>(entity.PartitionKey, entity.RowKey, ["IndexKey"], cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(IndexRow(letter, indexKey), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        if (before.HasValue && before.Value!.GetString("IndexKey") is { } oldKey && oldKey != indexKey)
        {
            await DeleteIndexAsync(oldKey, cancellationToken).ConfigureAwait(false);
        }

        return letter;
    }

    /// <summary>Null when no dead letter has this id.</summary>
    public async Task<DeadLetter?> GetAsync(string kind, string reference, CancellationToken cancellationToken)
    {
        NullableResponse<TableEntity> row = await table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(kind), TableKeys.Escape(reference), cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? Read(row.Value!) : null;
    }

    /// <summary>
    /// The whole original message, or null when none was kept (a workflow dead letter) or it was too large.
    /// A row from before messages had their own columns holds the message in Detail, whole when it was not cut.
    /// </summary>
    public async Task<string?> GetMessageAsync(string kind, string reference, CancellationToken cancellationToken)
    {
        NullableResponse<TableEntity> found = await table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(kind), TableKeys.Escape(reference), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!found.HasValue)
        {
            return null;
        }

        TableEntity row = found.Value!;
        if (row.GetInt32("MessageChunks") is int count)
        {
            var text = new StringBuilder(count * ChunkLength);
            for (int i = 0; i < count; i++)
            {
                text.Append(row.GetString(MessagePrefix + i.ToString(CultureInfo.InvariantCulture)));
            }

            return text.ToString();
        }

        return row.ContainsKey("MessageTooLarge") || row.GetString("Detail") is not { } detail || detail.Length > DetailLength ? null : detail;
    }

    /// <summary>
    /// Marks an open dead letter replayed, compare-and-set on the row's ETag, so of two replays at once exactly one
    /// claims it. <see cref="ReplayClaim.AlreadyTaken"/> when it is no longer open (or another replay won).
    /// </summary>
    public async Task<ReplayClaim> ClaimReplayAsync(string kind, string reference, string by, string deliveryId, CancellationToken cancellationToken)
    {
        NullableResponse<TableEntity> found = await table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(kind), TableKeys.Escape(reference), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!found.HasValue)
        {
            return ReplayClaim.NotFound;
        }

        TableEntity row = found.Value!;
        if ((row.GetString("Status") ?? Open) != Open)
        {
            return ReplayClaim.AlreadyTaken;
        }

        var change = new TableEntity(row.PartitionKey, row.RowKey)
        {
            ["Status"] = Replayed,
            ["ReplayedBy"] = by,
            ["ReplayedAt"] = time.GetUtcNow(),
            ["ReplayDeliveryId"] = deliveryId,
        };
        try
        {
            await table.UpdateEntityAsync(change, row.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return ReplayClaim.AlreadyTaken;
        }

        await UpdateIndexAsync(row, change, cancellationToken).ConfigureAwait(false);
        return ReplayClaim.Claimed;
    }

    /// <summary>Marks an open dead letter resolved (its workflow was put right another way); false when it is no longer open.</summary>
    public async Task<bool> ResolveAsync(string kind, string reference, string by, CancellationToken cancellationToken)
    {
        NullableResponse<TableEntity> found = await table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(kind), TableKeys.Escape(reference), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!found.HasValue || (found.Value!.GetString("Status") ?? Open) != Open)
        {
            return false;
        }

        var change = new TableEntity(found.Value!.PartitionKey, found.Value.RowKey) { ["Status"] = Resolved, ["ResolvedBy"] = by, ["ResolvedAt"] = time.GetUtcNow() };
        try
        {
            await table.UpdateEntityAsync(change, found.Value.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }

        await UpdateIndexAsync(found.Value, change, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Undoes a claim whose message could not be sent, so the dead letter can be replayed again.</summary>
    public async Task ReleaseReplayAsync(string kind, string reference, CancellationToken cancellationToken)
    {
        var change = new TableEntity(TableKeys.Escape(kind), TableKeys.Escape(reference))
        {
            ["Status"] = Open,
            ["ReplayedBy"] = null,
            ["ReplayedAt"] = null,
            ["ReplayDeliveryId"] = null,
        };
        await table.UpdateEntityAsync(change, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        NullableResponse<TableEntity> row = await table.GetEntityIfExistsAsync<TableEntity>(change.PartitionKey, change.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (row.HasValue)
        {
            await UpdateIndexAsync(row.Value!, change, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A page of dead letters newest first, from the index partition: one range query on the row key (time)
    /// with source and status filtered by the service, at most <paramref name="pageSize"/> rows read.
    /// </summary>
    /// <exception cref="ArgumentException">The continuation token is not one this store issued.</exception>
    public async Task<DeadLetterPage> FindAsync(DeadLetterFilter filter, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        string? resume = continuationToken is null ? null : PageTokens.Decode(TokenScope, continuationToken);
        var conditions = new List<string> { TableClient.CreateQueryFilter($"PartitionKey eq {IndexPartition}") };
        if (filter.To is { } to)
        {
            conditions.Add(TableClient.CreateQueryFilter($"RowKey ge {Inverted(to.AddTicks(-1))}"));
        }

        if (filter.From is { } from)
        {
            conditions.Add(TableClient.CreateQueryFilter($"RowKey lt {Inverted(from) + "~"}"));
        }

        if (filter.Source is { } source)
        {
            conditions.Add(TableClient.CreateQueryFilter($"Source eq {source}"));
        }

        if (filter.Status is { } status)
        {
            conditions.Add(TableClient.CreateQueryFilter($"Status eq {status}"));
        }

        int size = Math.Clamp(pageSize, 1, MaxPageSize);
        try
        {
            await foreach (Page<TableEntity> page in table.QueryAsync<TableEntity>(string.Join(" and ", conditions), size, cancellationToken: cancellationToken)
                .AsPages(resume, size).ConfigureAwait(false))
            {
                return new DeadLetterPage(
                    page.Values.Select(Read).ToArray(),
                    page.ContinuationToken is { Length: > 0 } next ? PageTokens.Encode(TokenScope, next) : null);
            }
        }
        catch (Exception ex) when (resume is not null && ex is RequestFailedException { Status: 400 } or FormatException or ArgumentException or IndexOutOfRangeException)
        {
            // A token wrapped as ours whose inside the service (or the SDK) cannot read: the caller's mistake.
            throw new ArgumentException("The continuation token is not one this list issued; send the one the previous page returned, or none.", nameof(continuationToken), ex);
        }
        catch (RequestFailedException ex) when (ex.Status == 404 && ex.ErrorCode == "TableNotFound")
        {
            // Nothing was ever dead-lettered.
        }

        return new DeadLetterPage([], null);
    }

    /// <summary>
    /// Writes the index rows of dead letters recorded before the list had an index (rows without an IndexKey), so
    /// they are listed too; at most <paramref name="max"/> per call. Returns how many it indexed.
    /// </summary>
    public async Task<int> IndexOlderRowsAsync(int max, CancellationToken cancellationToken)
    {
        int indexed = 0;
        try
        {
            await foreach (TableEntity row in table.QueryAsync<TableEntity>(
                TableClient.CreateQueryFilter($"PartitionKey ne {IndexPartition}"), 1000, ["PartitionKey", "RowKey", "Reference", "CorrelationId", "Reason", "CreatedAt", "Status", "Source", "IndexKey"], cancellationToken).ConfigureAwait(false))
            {
                if (row.ContainsKey("IndexKey") && row.GetString("IndexKey") is not null)
                {
                    continue;
                }

                DeadLetter letter = Read(row);
                string indexKey = IndexKey(letter);
                await table.UpsertEntityAsync(IndexRow(letter with { Source = letter.Source ?? "unknown" }, indexKey), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                await table.UpdateEntityAsync(new TableEntity(row.PartitionKey, row.RowKey) { ["IndexKey"] = indexKey, ["Source"] = letter.Source ?? "unknown" }, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                if (++indexed >= max)
                {
                    break;
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404 && ex.ErrorCode == "TableNotFound")
        {
        }

        return indexed;
    }

    /// <summary>Open dead letters, counted on the index partition (for the summary of the operations API).</summary>
    public async Task<int> CountOpenAsync(CancellationToken cancellationToken)
    {
        int count = 0;
        await foreach (TableEntity _ in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {IndexPartition} and Status eq {Open}"), 1000, ["RowKey"], cancellationToken).ConfigureAwait(false))
        {
            count++;
        }

        return count;
    }

    private const string TokenScope = "dead-letters";

    private static DeadLetter Read(TableEntity e) => new(
        e.GetString("Kind") ?? e.PartitionKey,
        e.GetString("Reference") ?? e.RowKey,
        e.GetString("CorrelationId") ?? string.Empty,
        e.GetString("Reason") ?? string.Empty,
        e.GetString("Detail"),
        e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        e.GetString("Status") ?? Open,
        e.GetString("Source") ?? (e.PartitionKey == "workflow" ? "workflow" : null),
        e.GetString("ReplayOf"),
        e.GetString("ReplayedBy"),
        e.GetDateTimeOffset("ReplayedAt"),
        e.GetString("ReplayDeliveryId"),
        e.GetString("ResolvedBy"),
        e.GetDateTimeOffset("ResolvedAt"),
        !e.ContainsKey("MessageTooLarge") && e.GetBoolean("Replayable") != false);

    /// <summary>Newest first: ticks counted down from the largest date, then a hash of the id so two letters of one tick stay apart.</summary>
    private static string IndexKey(DeadLetter letter) =>
        Inverted(letter.CreatedAt) + "-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(letter.Id)))[..16];

    private static string Inverted(DateTimeOffset at) =>
        (DateTime.MaxValue.Ticks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    private static TableEntity IndexRow(DeadLetter letter, string indexKey) => new(IndexPartition, indexKey)
    {
        ["Kind"] = letter.Kind,
        ["Reference"] = letter.Reference,
        ["CorrelationId"] = letter.CorrelationId,
        ["Reason"] = Truncate(letter.Reason, 2_000),
        ["CreatedAt"] = letter.CreatedAt,
        ["Status"] = letter.Status,
        ["Source"] = letter.Source,
        ["ReplayOf"] = letter.ReplayOf,
        ["Replayable"] = letter.Replayable,
    };

    /// <summary>Copies a status change to the row's index row (best effort: the main row is what replay reads).</summary>
    private async Task UpdateIndexAsync(TableEntity row, TableEntity change, CancellationToken cancellationToken)
    {
        if (row.GetString("IndexKey") is not { } indexKey)
        {
            return;
        }

        var index = new TableEntity(IndexPartition, indexKey);
        foreach (KeyValuePair<string, object> column in change)
        {
            if (column.Key is not ("PartitionKey" or "RowKey" or "odata.etag" or "Timestamp"))
            {
                index[column.Key] = column.Value;
            }
        }

        try
        {
            await table.UpdateEntityAsync(index, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // The index row was pruned or never written: the main row still holds the truth.
        }
    }

    private async Task DeleteIndexAsync(string indexKey, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(IndexPartition, indexKey, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }
    }

    /// <summary>Table string properties hold at most 32K characters; keep well under.</summary>
    private static string? Truncate(string? value, int length = DetailLength) => value is { } v && v.Length > length ? v[..length] + "…" : value;
}
