using Azure;
using Azure.Data.Tables;
using Integration.Activities.Storage;
using Integration.Orchestrations.Common;

namespace Integration.Activities.DeadLetters;

/// <summary>A dead letter as support staff see it.</summary>
public sealed record DeadLetter(
    string Kind, string Reference, string CorrelationId, string Reason, string? Detail, DateTimeOffset CreatedAt, string Status)
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

/// <summary>
/// Table "DeadLetters": everything that could not finish, one row per reference (event id or instance
/// id), so recording the same failure twice (a retried activity, a redelivered poison message) is one row.
/// </summary>
public sealed class DeadLetterStore(StorageClients storage, TimeProvider time)
{
    public const string Open = "open";

    private readonly TableClient table = storage.Tables.GetTableClient(storage.Names.DeadLettersTable);

    public async Task<DeadLetter> RecordAsync(DeadLetterInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var letter = new DeadLetter(input.Kind, input.Reference, input.CorrelationId, input.Reason, Truncate(input.Detail), time.GetUtcNow(), Open);
        var entity = new TableEntity(TableKeys.Escape(input.Kind), TableKeys.Escape(input.Reference))
        {
            ["Reference"] = letter.Reference,
            ["CorrelationId"] = letter.CorrelationId,
            ["Reason"] = Truncate(letter.Reason),
            ["Detail"] = letter.Detail,
            ["CreatedAt"] = letter.CreatedAt,
            ["Status"] = letter.Status,
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        return letter;
    }

    public async Task<IReadOnlyList<DeadLetter>> ListAsync(int max, CancellationToken cancellationToken)
    {
        var letters = new List<DeadLetter>();
        await foreach (TableEntity e in table.QueryAsync<TableEntity>(maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            letters.Add(new DeadLetter(
                e.PartitionKey,
                e.GetString("Reference") ?? e.RowKey,
                e.GetString("CorrelationId") ?? string.Empty,
                e.GetString("Reason") ?? string.Empty,
                e.GetString("Detail"),
                e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
                e.GetString("Status") ?? Open));
            if (letters.Count >= max)
            {
                break;
            }
        }

        return letters;
    }

    /// <summary>Table string properties hold at most 32K characters; keep well under.</summary>
    private static string? Truncate(string? value) => value is { Length: > 16_000 } ? value[..16_000] + "…" : value;
}
