using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Integration.Tests.Unit.Sandbox;

/// <summary>A sandbox whose stores send their webhooks to a small receiver on a loopback port, standing in for the product.</summary>
public sealed class ShopifyWebhookFixture : IAsyncLifetime
{
    public const string Secret = "dev-shopify-store-a-secret";
    public const string StoreCSecret = "custom-store-c-secret";

    private WebApplication? receiver;
    private SandboxHost? sandbox;

    public ConcurrentQueue<ShopifyReceivedWebhook> Received { get; } = new();

    public SandboxHost Sandbox => sandbox ?? throw new InvalidOperationException("The sandbox has not started.");

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        receiver = builder.Build();
        receiver.MapPost("/api/v1/webhooks/{source}", async (string source, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            Received.Enqueue(new ShopifyReceivedWebhook(
                source, body.ToArray(), request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
            return Results.Json(new { eventId = "received" }, statusCode: StatusCodes.Status202Accepted);
        });
        await receiver.StartAsync();

        sandbox = await SandboxHost.StartAsync(new Dictionary<string, string?>
        {
            ["Sandbox:Webhooks:BaseUrl"] = receiver.Urls.First() + "/api/v1/webhooks",
            ["Sandbox:Shopify:Shops:store-c:WebhookSecret"] = StoreCSecret,
            ["Sandbox:Shopify:Shops:store-d:WebhookSecret"] = "store-d-secret",
        });
    }

    public async Task DisposeAsync()
    {
        if (sandbox is not null)
        {
            await sandbox.DisposeAsync();
        }

        if (receiver is not null)
        {
            await receiver.StopAsync();
            await receiver.DisposeAsync();
        }
    }
}

/// <summary>One request the receiver got: the raw body bytes as sent, and the headers.</summary>
public sealed record ShopifyReceivedWebhook(string Source, byte[] Body, IReadOnlyDictionary<string, string> Headers)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();
}

public sealed class ShopifyWebhookSandboxTests(ShopifyWebhookFixture fixture) : IClassFixture<ShopifyWebhookFixture>, IAsyncLifetime
{
    private SandboxHost Sandbox => fixture.Sandbox;

    public async Task InitializeAsync()
    {
        await Sandbox.ResetAsync();
        fixture.Received.Clear();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Placing_an_order_sends_orders_create_signed_with_the_shop_secret_and_redeliveries_keep_the_webhook_id()
    {
        var placed = await new ShopifySandboxClient(Sandbox).PlaceOrderAsync(
            """{"email":"alex@example.com","line_items":[{"sku":"TEE-BLK-M","quantity":2,"price":"21.50"}],"deliveries":3}""");

        var deliveries = fixture.Received.ToList();
        Assert.Equal(3, deliveries.Count);
        Assert.Equal([202, 202, 202], placed.GetProperty("deliveries").EnumerateArray().Select(d => d.GetProperty("status").GetInt32()));
        Assert.All(deliveries, d =>
        {
            Assert.Equal("shopify", d.Source);
            Assert.Equal(Sign(ShopifyWebhookFixture.Secret, d.Body), d.Headers["X-Shopify-Hmac-Sha256"]);
            Assert.Equal("orders/create", d.Headers["X-Shopify-Topic"]);
            Assert.Equal("store-a.myshopify.com", d.Headers["X-Shopify-Shop-Domain"]);
            Assert.Equal("2026-01", d.Headers["X-Shopify-API-Version"]);
            Assert.True(DateTimeOffset.TryParse(d.Headers["X-Shopify-Triggered-At"], out _));
            Assert.StartsWith("application/json", d.Headers["Content-Type"], StringComparison.Ordinal);
        });
        Assert.Single(deliveries.Select(d => d.Headers["X-Shopify-Webhook-Id"]).Distinct());
        Assert.Single(deliveries.Select(d => d.Headers["X-Shopify-Event-Id"]).Distinct());
        Assert.Single(deliveries.Select(d => Convert.ToBase64String(d.Body)).Distinct());
        Assert.Equal(placed.GetProperty("webhookId").GetString(), deliveries[0].Headers["X-Shopify-Webhook-Id"]);

        var order = deliveries[0].Json;
        Assert.Equal(placed.GetProperty("order").GetProperty("id").GetInt64(), order.GetProperty("id").GetInt64());
        Assert.Equal("alex@example.com", order.GetProperty("email").GetString());
        var line = Assert.Single(order.GetProperty("line_items").EnumerateArray());
        Assert.Equal("TEE-BLK-M", line.GetProperty("sku").GetString());
        Assert.Equal(2, line.GetProperty("quantity").GetInt32());
        Assert.Equal("21.50", line.GetProperty("price").GetString());
        Assert.Equal("IL", order.GetProperty("shipping_address").GetProperty("province_code").GetString());

        var view = (await Sandbox.AdminAsync(HttpMethod.Get, $"/shopify/store-a/orders/{order.GetProperty("id").GetInt64()}")).Json;
        var sent = Assert.Single(view.GetProperty("webhooks").EnumerateArray());
        Assert.Equal([202, 202, 202], sent.GetProperty("deliveries").EnumerateArray().Select(d => d.GetInt32()));
    }

    [Fact]
    public async Task Each_shop_signs_with_its_own_configured_secret_and_cancel_and_update_send_their_topics_with_a_new_webhook_id()
    {
        var shopify = new ShopifySandboxClient(Sandbox);
        var placed = await shopify.PlaceOrderAsync("""{"line_items":[{"sku":"MUG-CLASSIC","quantity":1}]}""", "store-c");
        var orderId = placed.GetProperty("order").GetProperty("id").GetInt64();
        await Sandbox.AdminAsync(HttpMethod.Post, $"/shopify/store-c/orders/{orderId}/update", """{"email":"jordan@example.com"}""");
        await Sandbox.AdminAsync(HttpMethod.Post, $"/shopify/store-c/orders/{orderId}/cancel");
        var storeD = await shopify.PlaceOrderAsync("""{"line_items":[{"sku":"HAT-RED","quantity":1}]}""", "store-d");

        var received = fixture.Received.ToList();
        Assert.Equal(["orders/create", "orders/updated", "orders/cancelled", "orders/create"], received.Select(r => r.Headers["X-Shopify-Topic"]));
        Assert.All(received.Take(3), r =>
        {
            Assert.Equal("store-c.myshopify.com", r.Headers["X-Shopify-Shop-Domain"]);
            Assert.Equal(Sign(ShopifyWebhookFixture.StoreCSecret, r.Body), r.Headers["X-Shopify-Hmac-Sha256"]);
        });
        Assert.Equal(Sign("store-d-secret", received[3].Body), received[3].Headers["X-Shopify-Hmac-Sha256"]);
        Assert.Equal(4, received.Select(r => r.Headers["X-Shopify-Webhook-Id"]).Distinct().Count());
        Assert.Equal("jordan@example.com", received[1].Json.GetProperty("email").GetString());
        Assert.Equal("customer", received[2].Json.GetProperty("cancel_reason").GetString());
        Assert.NotEqual(JsonValueKind.Null, received[2].Json.GetProperty("cancelled_at").ValueKind);
        Assert.Equal(1, storeD.GetProperty("deliveries").GetArrayLength());
    }

    private static string Sign(string secret, byte[] body) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
