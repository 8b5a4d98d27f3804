using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.Shopify;

/// <summary>One webhook as sent: its ids and what each delivery got back (empty when the sandbox has nowhere to send).</summary>
internal sealed record ShopifyWebhookSend(
    string Topic, string WebhookId, string EventId, DateTimeOffset TriggeredAt, IReadOnlyList<WebhookDeliveryResult> Deliveries, string? Note);

/// <summary>
/// Sends an order topic to the product as Shopify does (vendor-apis.md §1.2): X-Shopify-Hmac-Sha256 = base64
/// HMAC-SHA256 of the exact body bytes with the shop's secret, and every redelivery carrying the same
/// X-Shopify-Webhook-Id, X-Shopify-Event-Id and body. Delivery is synchronous, so the admin call reports the answers.
/// </summary>
internal sealed class ShopifyWebhookSender(ProductWebhooks webhooks, SandboxOptions options, TimeProvider time)
{
    public const string NotConfiguredNote =
        "Sandbox:Webhooks:BaseUrl is not set, so no webhook was sent (the standalone host sets it for its embedded sandbox).";

    public async Task<ShopifyWebhookSend> SendAsync(ShopifyShop shop, string topic, JsonObject order, int deliveries, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(JsonText.Of(order));
        var webhookId = Guid.NewGuid().ToString();
        var eventId = Guid.NewGuid().ToString();
        var triggeredAt = time.GetUtcNow();
        if (!webhooks.Configured)
        {
            return new ShopifyWebhookSend(topic, webhookId, eventId, triggeredAt, [], NotConfiguredNote);
        }

        var headers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["X-Shopify-Topic"] = topic,
            ["X-Shopify-Shop-Domain"] = shop.Domain,
            ["X-Shopify-Hmac-Sha256"] = Sign(shop.WebhookSecret, body),
            ["X-Shopify-Webhook-Id"] = webhookId,
            ["X-Shopify-Event-Id"] = eventId,
            ["X-Shopify-Triggered-At"] = triggeredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["X-Shopify-API-Version"] = ShopifySandboxOptions.ApiVersion,
        };

        var results = new List<WebhookDeliveryResult>(deliveries);
        for (var i = 0; i < deliveries; i++)
        {
            try
            {
                results.Add(await webhooks.PostAsync("/shopify", body, headers, cancellationToken));
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // The product did not answer: recorded as status 0 so the admin call still says what happened.
                results.Add(new WebhookDeliveryResult(options.WebhooksBaseUrl!.TrimEnd('/') + "/shopify", 0, ex.Message));
            }
        }

        return new ShopifyWebhookSend(topic, webhookId, eventId, triggeredAt, results, null);
    }

    public static string Sign(string secret, byte[] body) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
