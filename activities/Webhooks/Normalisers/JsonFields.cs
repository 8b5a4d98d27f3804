using System.Globalization;
using System.Text.Json;
using Integration.Orchestrations.Routing;

namespace Integration.Activities.Webhooks.Normalisers;

/// <summary>Reads required fields from sender JSON, failing with a message that names the field.</summary>
internal static class JsonFields
{
    public static JsonDocument Parse(byte[] body)
    {
        try
        {
            return JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw new WebhookPayloadException($"The body is not valid JSON: {ex.Message}", ex);
        }
    }

    /// <summary>A field that senders write either as a JSON string or a JSON number (ids, epoch times).</summary>
    public static string RequiredScalar(JsonElement obj, string name, string where)
    {
        if (!obj.TryGetProperty(name, out JsonElement value))
        {
            throw new WebhookPayloadException($"{where} is missing the field '{name}'.");
        }

        string? text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new WebhookPayloadException($"{where} has an empty or non-scalar '{name}'.");
        }

        return text;
    }

    /// <summary>A business key (the workflow's subject): within <see cref="EventIdLimits"/>' subject limits.</summary>
    public static string RequiredSubject(JsonElement obj, string name, string where) =>
        CheckSubject(RequiredScalar(obj, name, where), $"{where} has an '{name}' that");

    /// <summary>A sender's delivery id (the dedupe key): within <see cref="EventIdLimits"/>' delivery-id limits.</summary>
    public static string RequiredDeliveryId(JsonElement obj, string name, string where) =>
        CheckDeliveryId(RequiredScalar(obj, name, where), $"{where} has an '{name}' that");

    /// <param name="what">Names the field for the caller: "Event [3] has an 'objectId' that".</param>
    public static string CheckSubject(string value, string what) =>
        EventIdLimits.SubjectProblem(value) is { } problem ? throw new WebhookPayloadException($"{what} {problem}.") : value;

    /// <param name="what">Names the field for the caller: "The 'webhook-id' header".</param>
    public static string CheckDeliveryId(string value, string what) =>
        EventIdLimits.DeliveryIdProblem(value) is { } problem ? throw new WebhookPayloadException($"{what} {problem}.") : value;

    public static string? OptionalString(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static long RequiredInt64(JsonElement obj, string name, string where)
    {
        string text = RequiredScalar(obj, name, where);
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long n)
            ? n
            : throw new WebhookPayloadException($"{where} has a non-integer '{name}': {text}.");
    }
}
