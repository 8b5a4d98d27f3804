using System.Text.Json.Nodes;
using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.Warehouses;

/// <summary>One webhook an emulated warehouse sent to the product (or tried to), kept on the order for people and tests.</summary>
internal sealed record WebhookRecord(string Topic, string? ShipmentId, DateTimeOffset SentAt, string? Url, int? StatusCode, string? Error)
{
    public JsonObject ToJson() => new()
    {
        ["topic"] = Topic,
        ["shipment_id"] = ShipmentId,
        ["sent_at"] = WarehouseTimes.Iso(SentAt),
        ["url"] = Url,
        ["status_code"] = StatusCode,
        ["error"] = Error,
    };
}

/// <summary>
/// Delivers a warehouse webhook through <see cref="ProductWebhooks"/> and never throws for the product's failure:
/// the shipment is already recorded, so a product that is down or answers an error is reported, not raised.
/// </summary>
internal sealed class WarehouseWebhooks(ProductWebhooks webhooks, TimeProvider time)
{
    public async Task<WebhookRecord> SendAsync(
        string topic, string? shipmentId, string pathAndQuery, byte[] body, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken)
    {
        var sentAt = time.GetUtcNow();
        if (!webhooks.Configured)
        {
            return new WebhookRecord(topic, shipmentId, sentAt, null, null,
                "Sandbox:Webhooks:BaseUrl is not set, so the webhook was not sent.");
        }

        try
        {
            var result = await webhooks.PostAsync(pathAndQuery, body, headers, cancellationToken);
            return new WebhookRecord(topic, shipmentId, sentAt, result.Url, result.StatusCode,
                result.StatusCode is >= 200 and < 300 ? null : Truncate(result.Body));
        }
        catch (HttpRequestException ex)
        {
            return new WebhookRecord(topic, shipmentId, sentAt, null, null, $"The product could not be reached: {ex.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookRecord(topic, shipmentId, sentAt, null, null, "The product did not answer within 15 s.");
        }
    }

    private static string Truncate(string text) => text.Length <= 2000 ? text : text[..2000];
}

/// <summary>The ISO 8601 UTC times the warehouse emulations put on the wire.</summary>
internal static class WarehouseTimes
{
    public static string Iso(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
