using System.Globalization;
using Integration.Activities.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Integration.Activities.DeadLetters;

/// <summary>The query of GET /api/v1/dead-letters, checked: a parameter it does not know, or cannot read, is a 400 naming it.</summary>
public sealed record DeadLetterQuery(DeadLetterFilter Filter, int PageSize, string? ContinuationToken)
{
    public const int DefaultPageSize = 50;

    private static readonly string[] Known = ["source", "status", "from", "to", "pageSize", "continuationToken"];
    private static readonly string[] Statuses = [DeadLetterStore.Open, DeadLetterStore.Replayed, DeadLetterStore.Resolved];

    /// <summary>The query, or the sentence saying what is wrong with it.</summary>
    public static (DeadLetterQuery? Query, string? Error) Parse(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        foreach ((string name, StringValues values) in query)
        {
            if (!Known.Contains(name, StringComparer.Ordinal))
            {
                return (null, $"Unknown parameter '{name}'; this list takes {string.Join(", ", Known)}.");
            }

            if (values.Count > 1)
            {
                return (null, $"'{name}' is given more than once.");
            }
        }

        string? source = Value(query, "source");
        if (source is { Length: > 100 })
        {
            return (null, "'source' may hold at most 100 characters.");
        }

        string? status = Value(query, "status");
        if (status is not null && !Statuses.Contains(status, StringComparer.Ordinal))
        {
            return (null, $"'status' must be one of {string.Join(", ", Statuses)}.");
        }

        if (!TryTime(query, "from", out DateTimeOffset? from, out string? error) || !TryTime(query, "to", out DateTimeOffset? to, out error))
        {
            return (null, error);
        }

        if (from >= to)
        {
            return (null, "'from' must be before 'to'.");
        }

        int pageSize = DefaultPageSize;
        if (Value(query, "pageSize") is { } size &&
            (!int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize < 1 || pageSize > DeadLetterStore.MaxPageSize))
        {
            return (null, $"'pageSize' must be a whole number from 1 to {DeadLetterStore.MaxPageSize}.");
        }

        return (new DeadLetterQuery(new DeadLetterFilter(source, status, from, to), pageSize, Value(query, "continuationToken")), null);
    }

    /// <summary>The 400 problem for a query that <see cref="Parse"/> refused (or a token the store refused).</summary>
    public static IResult Invalid(string detail, string correlationId) =>
        Problems.Create(StatusCodes.Status400BadRequest, "invalid-query", "Invalid query", detail, correlationId);

    private static string? Value(IQueryCollection query, string name) =>
        query.TryGetValue(name, out StringValues values) && !string.IsNullOrWhiteSpace(values[0]) ? values[0]!.Trim() : null;

    /// <summary>ISO 8601 with an offset or 'Z' (a time without one is ambiguous, so it is refused).</summary>
    private static bool TryTime(IQueryCollection query, string name, out DateTimeOffset? at, out string? error)
    {
        at = null;
        error = null;
        if (Value(query, name) is not { } text)
        {
            return true;
        }

        bool hasZone = text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        if (!hasZone || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTimeOffset parsed))
        {
            error = $"'{name}' must be an ISO 8601 time with 'Z' or an offset, e.g. 2026-03-02T09:00:00Z.";
            return false;
        }

        at = parsed.ToUniversalTime();
        return true;
    }
}
