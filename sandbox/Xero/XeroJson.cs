using System.Globalization;
using System.Text.Json.Nodes;
using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.Xero;

/// Xero's wire conventions: the response envelope, "/Date(ms+0000)/" dates with a *String twin, and batched request bodies.
internal static class XeroJson
{
    public const string ProviderName = "Integration sandbox";

    /// <summary>{"Id","Status":"OK","ProviderName","DateTimeUTC","&lt;plural&gt;":[..]}, as every Xero answer is wrapped.</summary>
    public static JsonObject Envelope(string plural, IEnumerable<JsonObject> items, DateTimeOffset now) => new()
    {
        ["Id"] = Guid.NewGuid().ToString(),
        ["Status"] = "OK",
        ["ProviderName"] = ProviderName,
        ["DateTimeUTC"] = Timestamps.Xero(now),
        [plural] = new JsonArray([.. items.Select(i => (JsonNode?)i.DeepClone())]),
    };

    /// <summary>
    /// The elements of a write: {"&lt;plural&gt;":[..]} as Xero documents it, or one bare object (Xero accepts both).
    /// Null when the body is neither.
    /// </summary>
    public static IReadOnlyList<JsonObject>? Elements(JsonNode? body, string plural)
    {
        if (body is not JsonObject obj)
        {
            return null;
        }

        if (!obj.ContainsKey(plural))
        {
            return [obj];
        }

        return obj[plural] is JsonArray array && array.All(e => e is JsonObject)
            ? [.. array.Cast<JsonObject>()]
            : null;
    }

    /// <summary>Accepts "2025-01-15", "2025-01-15T00:00:00" and "/Date(1736899200000+0000)/".</summary>
    public static bool TryDate(JsonNode? node, out DateOnly date)
    {
        date = default;
        var text = JsonValues.AsText(node);
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (text.StartsWith("/Date(", StringComparison.Ordinal))
        {
            var digits = new string([.. text[6..].TakeWhile(c => char.IsDigit(c) || c == '-')]);
            if (!long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms))
            {
                return false;
            }

            date = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime);
            return true;
        }

        return text.Length >= 10 && DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    /// <summary>Writes a date the way Xero answers: "Date":"/Date(..)/" plus "DateString":"2025-01-15T00:00:00".</summary>
    public static void SetDate(JsonObject target, string name, DateOnly date)
    {
        var midnight = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        target[name] = Timestamps.Xero(midnight);
        target[name + "String"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00";
    }

    /// <summary>
    /// A stored document as one response shows it: unit amounts are kept to 4 decimals but shown to 2 unless
    /// the request asked for unitdp=4, as Xero does.
    /// </summary>
    public static JsonObject ForOutput(JsonObject document, int unitDecimals)
    {
        var copy = (JsonObject)document.DeepClone();
        if (unitDecimals < 4 && copy["LineItems"] is JsonArray lines)
        {
            foreach (var line in lines.OfType<JsonObject>())
            {
                if (JsonValues.TryDecimal(line["UnitAmount"], out var unit))
                {
                    line["UnitAmount"] = Math.Round(unit, unitDecimals, MidpointRounding.AwayFromZero);
                }
            }
        }

        return copy;
    }

    /// <summary>"unitdp=4" opts in to four-decimal unit amounts; anything else means two.</summary>
    public static int UnitDecimals(HttpRequest request) =>
        request.Query["unitdp"].FirstOrDefault() == "4" ? 4 : 2;
}
