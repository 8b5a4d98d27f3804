using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Integration.Activities.Evidence;

/// <summary>How an evidence record is answered: JSON unless the caller asks for CSV.</summary>
public enum EvidenceFormat
{
    Json,
    Csv,
}

/// <summary>
/// Picks the format of an evidence answer: "?format=json|csv" (any case) wins; without it, CSV when the
/// Accept header rates text/csv above application/json (or lists only text/csv), else JSON.
/// </summary>
public static class EvidenceFormatChoice
{
    public const string QueryName = "format";

    /// <summary>The format, or null when "format" has any other value or appears more than once.</summary>
    public static EvidenceFormat? Choose(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var values = request.Query[QueryName];
        if (values.Count > 1)
        {
            return null;
        }

        string? asked = values.Count == 1 ? values[0]?.Trim() : null;
        if (!string.IsNullOrEmpty(asked))
        {
            return asked.ToLowerInvariant() switch
            {
                "json" => EvidenceFormat.Json,
                "csv" => EvidenceFormat.Csv,
                _ => null,
            };
        }

        return FromAccept(request.Headers.Accept);
    }

    private static EvidenceFormat FromAccept(Microsoft.Extensions.Primitives.StringValues accept)
    {
        if (accept.Count == 0 || !MediaTypeHeaderValue.TryParseList(accept, out IList<MediaTypeHeaderValue>? types))
        {
            return EvidenceFormat.Json;
        }

        double csv = Quality(types, OffboardingEvidenceCsv.ContentType);
        double json = Quality(types, "application/json");
        return csv > 0 && csv > json ? EvidenceFormat.Csv : EvidenceFormat.Json;
    }

    private static double Quality(IList<MediaTypeHeaderValue> types, string mediaType) =>
        types.Where(t => t.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase))
            .Select(t => t.Quality ?? 1.0)
            .DefaultIfEmpty(0)
            .Max();
}
