using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Integration.SendEvent;

/// <summary>Raw JSON bodies shaped like the vendors' deliveries, shared by the CLI, tests and the benchmark.</summary>
public static class SampleEvents
{
    /// <summary>The HubSpot portal (account) id the samples come from.</summary>
    public const long PortalId = 62515;

    /// <summary>The HubSpot app id the samples come from.</summary>
    public const long AppId = 54321;

    /// <summary>The HubSpot webhook subscription id the samples come from.</summary>
    public const long SubscriptionId = 12345;

    /// <summary>The BambooHR company id the HR samples come from.</summary>
    public const string BambooHrCompanyId = "12345";

    /// <summary>HubSpot's subscription type for a changed deal property.</summary>
    public const string DealPropertyChange = "deal.propertyChange";

    private static readonly JsonSerializerOptions HubSpotJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>A HubSpot delivery (one-event array) saying the deal moved to the closed-won stage.</summary>
    public static byte[] HubSpotDealClosedWon(long dealId, long eventId, DateTimeOffset? occurredAt = null) =>
        HubSpotPropertyChange(dealId, "dealstage", "closedwon", eventId, occurredAt);

    /// <summary>A HubSpot delivery (one-event array) for any deal property change.</summary>
    public static byte[] HubSpotPropertyChange(long dealId, string propertyName, string propertyValue, long eventId, DateTimeOffset? occurredAt = null) =>
        HubSpotBatch(DealPropertyChangeEvent(dealId, propertyName, propertyValue, eventId, occurredAt));

    /// <summary>One deal.propertyChange event, for building batches.</summary>
    public static HubSpotWebhookEvent DealPropertyChangeEvent(
        long dealId, string propertyName, string propertyValue, long eventId, DateTimeOffset? occurredAt = null, int attemptNumber = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(propertyName);
        ArgumentNullException.ThrowIfNull(propertyValue);
        return new HubSpotWebhookEvent(
            EventId: eventId,
            SubscriptionId: SubscriptionId,
            PortalId: PortalId,
            AppId: AppId,
            OccurredAt: (occurredAt ?? DateTimeOffset.UtcNow).ToUnixTimeMilliseconds(),
            SubscriptionType: DealPropertyChange,
            AttemptNumber: attemptNumber,
            ObjectId: dealId,
            PropertyName: propertyName,
            PropertyValue: propertyValue,
            ChangeSource: "CRM_UI");
    }

    /// <summary>A HubSpot delivery carrying several events in one JSON array, as HubSpot batches them.</summary>
    public static byte[] HubSpotBatch(params IEnumerable<HubSpotWebhookEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return JsonSerializer.SerializeToUtf8Bytes(events.ToArray(), HubSpotJson);
    }

    /// <summary>A Standard Webhooks body for the "app" source: {"type", "timestamp" (ISO-8601 UTC), "data"}; <paramref name="dataJson"/> must be a JSON object.</summary>
    public static byte[] AppEvent(string eventType, string dataJson, DateTimeOffset? timestamp = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventType);
        ArgumentNullException.ThrowIfNull(dataJson);
        using var data = ParseObject(dataJson);
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", eventType);
            writer.WriteString("timestamp", (timestamp ?? DateTimeOffset.UtcNow).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            writer.WritePropertyName("data");
            data.RootElement.WriteTo(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// A BambooHR event-based delivery: {"type", "timestamp" (BambooHR's "+0000" form, to the second), "data":
    /// {"companyId", "employeeId", "changedFields"?}}; <paramref name="changedFields"/> null leaves the list out.
    /// </summary>
    public static byte[] BambooHrEvent(string type, string employeeId, IReadOnlyList<string>? changedFields = null, DateTimeOffset? timestamp = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentException.ThrowIfNullOrEmpty(employeeId);
        var buffer = new MemoryStream();

        // Relaxed escaping keeps "+0000" as BambooHR writes it instead of "\u002B0000".
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            writer.WriteString("timestamp", (timestamp ?? DateTimeOffset.UtcNow).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'+0000'", CultureInfo.InvariantCulture));
            writer.WriteStartObject("data");
            writer.WriteString("companyId", BambooHrCompanyId);
            writer.WriteString("employeeId", employeeId);
            if (changedFields is not null)
            {
                writer.WriteStartArray("changedFields");
                foreach (var field in changedFields)
                {
                    writer.WriteStringValue(field);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static JsonDocument ParseObject(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"The event data is not valid JSON: {ex.Message}", nameof(json), ex);
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new ArgumentException("The event data must be a JSON object.", nameof(json));
        }

        return document;
    }
}
