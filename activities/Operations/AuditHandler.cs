using System.Globalization;
using Integration.Activities.Http;
using Integration.Activities.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Integration.Activities.Operations;

/// <summary>
/// GET /api/v1/audit: the audit trail, newest first, filtered by actor, action, target and time (from/to, default the
/// last 30 days), paged by pageSize and continuationToken. Readers may see it. It is the only audit route and it only
/// reads: no route of the product changes or deletes an audit line.
/// </summary>
public sealed class AuditHandler(OperationsAccess access, AuditLog auditLog, TimeProvider time)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>How far back the trail is read when the request gives no "from".</summary>
    public static readonly TimeSpan DefaultRange = TimeSpan.FromDays(30);

    /// <summary>The earliest "from" accepted: nothing was audited before, and it keeps day arithmetic in range.</summary>
    private static readonly DateTimeOffset EarliestFrom = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private const int MaxFilterLength = 1_024;

    public async Task<IResult> ListAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string correlationId = CorrelationIds.FromRequest(request);
        if (access.Refuse(request, OperationsRole.Reader, correlationId, out _) is { } refused)
        {
            return refused;
        }

        string? bad = null;
        string? actor = Text(request, "actor", ref bad);
        string? action = Text(request, "action", ref bad);
        string? target = Text(request, "target", ref bad);
        string? token = Text(request, "continuationToken", ref bad);
        DateTimeOffset now = time.GetUtcNow();
        DateTimeOffset to = Time(request, "to", ref bad) ?? now;
        DateTimeOffset from = Time(request, "from", ref bad) ?? to - DefaultRange;
        int pageSize = PageSize(request, ref bad);
        if (bad is null && from < EarliestFrom)
        {
            bad = $"'from' is before {EarliestFrom:yyyy-MM-dd}; nothing was audited then.";
        }

        if (bad is null && from > to)
        {
            bad = $"'from' ({from:O}) is after 'to' ({to:O}).";
        }

        if (bad is not null)
        {
            return BadQuery(bad, correlationId);
        }

        var filter = new AuditFilter(actor, action, target, from, to);
        return await StorageDeadline.AnswerAsync(correlationId, async ct =>
        {
            AuditPage page;
            try
            {
                page = await auditLog.FindAsync(filter, pageSize, token, ct).ConfigureAwait(false);
            }
            catch (ArgumentException ex) when (ex.ParamName == "token")
            {
                return BadQuery("'continuationToken' is not one this route issued; start again without it.", correlationId);
            }

            return Results.Json(new { items = page.Items, continuationToken = page.ContinuationToken });
        }, cancellationToken).ConfigureAwait(false);
    }

    private static string? Text(HttpRequest request, string name, ref string? bad)
    {
        StringValues values = request.Query[name];
        if (values.Count == 0)
        {
            return null;
        }

        if (values.Count > 1)
        {
            bad ??= $"'{name}' is given {values.Count} times; give it once.";
            return null;
        }

        string value = values[0] ?? string.Empty;
        if (value.Length == 0)
        {
            return null;
        }

        if (value.Length > MaxFilterLength || value.Any(char.IsControl))
        {
            bad ??= $"'{name}' must be at most {MaxFilterLength} characters without control characters.";
            return null;
        }

        return value;
    }

    private static DateTimeOffset? Time(HttpRequest request, string name, ref string? bad)
    {
        string? text = Text(request, name, ref bad);
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset at) &&
            at.Year < 9999)
        {
            return at;
        }

        bad ??= $"'{name}' is not a date and time (ISO 8601, e.g. 2026-12-07T09:00:00Z): '{text}'.";
        return null;
    }

    private static int PageSize(HttpRequest request, ref string? bad)
    {
        string? text = Text(request, "pageSize", ref bad);
        if (text is null)
        {
            return DefaultPageSize;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int size) && size is >= 1 and <= MaxPageSize)
        {
            return size;
        }

        bad ??= string.Create(CultureInfo.InvariantCulture, $"'pageSize' must be a whole number from 1 to {MaxPageSize}, not '{text}'.");
        return DefaultPageSize;
    }

    private static IResult BadQuery(string detail, string correlationId) =>
        Problems.Create(StatusCodes.Status400BadRequest, "audit-query-invalid", "Invalid audit query", detail, correlationId);
}
