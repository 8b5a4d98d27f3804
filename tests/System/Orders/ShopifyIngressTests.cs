using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Integration.Activities.Webhooks;
using Integration.Activities.Webhooks.Signatures;
using Integration.Tests.System.Infrastructure;

namespace Integration.Tests.System.Orders;

/// <summary>
/// A Shopify order webhook over real HTTP to the standalone host: a signed orders/create is accepted (202) and becomes
/// one queued message per subscriber, each dispatched on its own; a bad HMAC or an unknown shop is 401 and queues nothing.
/// </summary>
[Collection(StandaloneHostCollection.Name)]
public sealed class ShopifyIngressTests(StandaloneHostFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_signed_orders_create_is_accepted_and_dispatched_once_to_each_of_its_three_subscribers()
    {
        long orderId = NewOrderId();
        string webhookId = Guid.NewGuid().ToString();
        string eventId = "shopify-" + webhookId;
        string key = "store-a-" + orderId.ToString(CultureInfo.InvariantCulture);

        using HttpResponseMessage response = await SendAsync(Order(orderId), webhookId);
        string answer = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.Accepted, answer);
        JsonNode accepted = JsonNode.Parse(answer)!["events"]![0]!;
        Assert.Equal((eventId, "shop.order.placed.v1", key, false), ((string?)accepted["eventId"], (string?)accepted["type"], (string?)accepted["subject"], (bool)accepted["duplicate"]!));

        // Each subscriber's message is dispatched on its own (the order workflows may not exist in this build:
        // the dispatch, which names the instance it started, is what shows the three messages).
        string[] instances = [$"order-{key}", $"stock-reserve-{key}", $"crm-note-{key}"];
        await Eventually.Until(
            () => Task.FromResult(DispatchLines(eventId)),
            lines => instances.All(i => lines.Any(l => l.Contains(" " + i + " ", StringComparison.Ordinal))),
            Deadline,
            $"event {eventId} to be dispatched to {string.Join(", ", instances)}");

        using HttpResponseMessage again = await SendAsync(Order(orderId), webhookId);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.True((bool)JsonNode.Parse(await again.Content.ReadAsStringAsync())!["events"]![0]!["duplicate"]!);
        await Task.Delay(TimeSpan.FromSeconds(2)); // room for a wrongly queued repeat to be dispatched
        Assert.Equal(3, DispatchLines(eventId).Count);
    }

    [Fact]
    public async Task A_bad_hmac_is_401_and_nothing_is_dispatched()
    {
        long orderId = NewOrderId();
        string webhookId = Guid.NewGuid().ToString();

        using HttpResponseMessage response = await SendAsync(Order(orderId), webhookId, secret: DevelopmentSecrets.ShopifyStoreB);

        await AssertUnauthorizedAsync(response, "signature does not match");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Empty(DispatchLines("shopify-" + webhookId));
    }

    [Fact]
    public async Task A_shop_with_no_secret_is_401_naming_the_shop()
    {
        using HttpResponseMessage response = await SendAsync(Order(NewOrderId()), Guid.NewGuid().ToString(), domain: "store-x.myshopify.com");

        await AssertUnauthorizedAsync(response, "no secret for shop store-x");
    }

    private static async Task AssertUnauthorizedAsync(HttpResponseMessage response, string detail)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        JsonNode problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(("urn:integration:problem:signature-invalid", detail), ((string?)problem["type"], (string?)problem["detail"]));
    }

    private List<string> DispatchLines(string eventId) =>
        [.. fixture.Host.Output.Split('\n').Where(l => l.Contains($"Event {eventId} (shop.order.placed.v1):", StringComparison.Ordinal))];

    private async Task<HttpResponseMessage> SendAsync(string json, string webhookId, string secret = DevelopmentSecrets.ShopifyStoreA, string domain = "store-a.myshopify.com")
    {
        byte[] body = Encoding.UTF8.GetBytes(json);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/webhooks/shopify") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new global::System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add(ShopifySignature.SignatureHeader, ShopifySignature.Sign(secret, body));
        request.Headers.Add(ShopifyShopSecrets.ShopDomainHeader, domain);
        request.Headers.Add("X-Shopify-Topic", "orders/create");
        request.Headers.Add("X-Shopify-Webhook-Id", webhookId);
        request.Headers.Add("X-Shopify-Triggered-At", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        request.Headers.Add("X-Shopify-API-Version", "2026-01");
        return await fixture.Api.SendAsync(request);
    }

    private static long NewOrderId() => 5_000_000_000L + Random.Shared.NextInt64(1_000_000_000L);

    private static string Order(long id) => $$"""
        {"id": {{id}}, "admin_graphql_api_id": "gid://shopify/Order/{{id}}", "name": "#{{id}}", "order_number": {{id}},
         "email": "ada@example.com", "created_at": "2026-03-01T12:00:00Z", "updated_at": "2026-03-01T12:00:00Z", "currency": "USD",
         "cancelled_at": null, "cancel_reason": null, "financial_status": "paid", "fulfillment_status": null,
         "customer": {"id": 7, "email": "ada@example.com", "first_name": "Ada", "last_name": "Lovelace"},
         "shipping_address": {"first_name": "Ada", "last_name": "Lovelace", "name": "Ada Lovelace", "address1": "1 Main St", "address2": null,
           "city": "Chicago", "province": "Illinois", "province_code": "IL", "country": "United States", "country_code": "US", "zip": "60607", "phone": null},
         "line_items": [{"id": 5001, "admin_graphql_api_id": "gid://shopify/LineItem/5001", "variant_id": 1, "product_id": 2, "sku": "TEE-BLK-M",
           "title": "Tee", "name": "Tee - Black / M", "quantity": 1, "current_quantity": 1, "fulfillable_quantity": 1, "price": "19.99", "requires_shipping": true}]}
        """;
}
