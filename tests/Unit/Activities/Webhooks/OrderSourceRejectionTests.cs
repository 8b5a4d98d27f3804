using System.Globalization;
using System.Text;
using System.Text.Json;
using Integration.Activities.Configuration;
using Integration.Activities.Queueing;
using Integration.Activities.Storage;
using Integration.Activities.Webhooks;
using Integration.Activities.Webhooks.Signatures;
using Integration.Tests.Unit.Orchestrations.Orders;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using Xunit;

namespace Integration.Tests.Unit.Activities.Webhooks;

/// <summary>
/// The shopify, shipbob and shipstation sources refuse what they must with problem+json before anything touches storage
/// (the clients point at a development account that is never contacted): 401 for a signature, shop or token, 400 for a body.
/// </summary>
public sealed class OrderSourceRejectionTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider services = new ServiceCollection().AddLogging().BuildServiceProvider();

    public void Dispose() => services.Dispose();

    [Fact]
    public async Task A_shopify_webhook_signed_with_another_shops_secret_is_401()
    {
        HttpContext context = Shopify(ShopifyOrderExamples.StoreOrder(), secret: DevelopmentSecrets.ShopifyStoreB);

        (int status, string type, string detail) = await SendAsync(context, "shopify");

        Assert.Equal((401, "urn:integration:problem:signature-invalid"), (status, type));
        Assert.Equal(SignatureFailures.Mismatch, detail);
    }

    [Fact]
    public async Task A_shopify_webhook_from_a_shop_with_no_secret_is_401_naming_the_shop()
    {
        HttpContext context = Shopify(ShopifyOrderExamples.StoreOrder(), domain: "store-z.myshopify.com");

        (int status, _, string detail) = await SendAsync(context, "shopify");

        Assert.Equal((401, "no secret for shop store-z"), (status, detail));
    }

    [Fact]
    public async Task A_shopify_webhook_without_a_shop_domain_is_401()
    {
        HttpContext context = Shopify(ShopifyOrderExamples.StoreOrder());
        context.Request.Headers.Remove(ShopifyShopSecrets.ShopDomainHeader);

        (int status, _, string detail) = await SendAsync(context, "shopify");

        Assert.Equal((401, "missing header X-Shopify-Shop-Domain"), (status, detail));
    }

    [Fact]
    public async Task A_signed_orders_create_whose_body_is_not_an_order_is_400()
    {
        (int status, string type, string detail) = await SendAsync(Shopify("""{"id": 1001}"""), "shopify");

        Assert.Equal((400, "urn:integration:problem:payload-invalid"), (status, type));
        Assert.Contains("line_items", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_shipstation_pointer_with_a_wrong_token_is_401_and_without_one_too()
    {
        (int wrong, _, _) = await SendAsync(ShipStation("?token=guess", "http://127.0.0.1:7080/shipstation/shipments?batchId=1"), "shipstation");
        (int missing, _, string detail) = await SendAsync(ShipStation(string.Empty, "http://127.0.0.1:7080/shipstation/shipments?batchId=1"), "shipstation");

        Assert.Equal((401, 401, "missing query parameter token"), (wrong, missing, detail));
    }

    [Fact]
    public async Task A_shipstation_pointer_to_another_host_is_400_and_never_fetched()
    {
        (int status, string type, string detail) = await SendAsync(
            ShipStation("?token=" + DevelopmentSecrets.ShipStationToken, "http://169.254.169.254/latest/meta-data"), "shipstation");

        Assert.Equal((400, "urn:integration:problem:payload-invalid", "resource_url does not point at ShipStation."), (status, type, detail));
    }

    [Fact]
    public async Task A_shipbob_webhook_signed_with_another_secret_is_401()
    {
        byte[] body = Encoding.UTF8.GetBytes(Orchestrations.Orders.WarehouseShipmentReaderTests.ShipBobShipped);
        HttpContext context = NewRequest("/api/v1/webhooks/shipbob", body);
        long seconds = Now.ToUnixTimeSeconds();
        context.Request.Headers[StandardWebhooksSignature.IdHeader] = "msg_1";
        context.Request.Headers[StandardWebhooksSignature.TimestampHeader] = seconds.ToString(CultureInfo.InvariantCulture);
        context.Request.Headers[StandardWebhooksSignature.SignatureHeader] = StandardWebhooksSignature.Sign(DevelopmentSecrets.App, "msg_1", seconds, body);
        context.Request.Headers["x-webhook-topic"] = "order.shipped";

        (int status, _, _) = await SendAsync(context, "shipbob");

        Assert.Equal(401, status);
    }

    private HttpContext Shopify(string json, string secret = DevelopmentSecrets.ShopifyStoreA, string domain = "store-a.myshopify.com")
    {
        byte[] body = Encoding.UTF8.GetBytes(json);
        HttpContext context = NewRequest("/api/v1/webhooks/shopify", body);
        context.Request.Headers[ShopifySignature.SignatureHeader] = ShopifySignature.Sign(secret, body);
        context.Request.Headers[ShopifyShopSecrets.ShopDomainHeader] = domain;
        context.Request.Headers["X-Shopify-Topic"] = "orders/create";
        context.Request.Headers["X-Shopify-Webhook-Id"] = "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043";
        return context;
    }

    private HttpContext ShipStation(string query, string resourceUrl)
    {
        HttpContext context = NewRequest("/api/v1/webhooks/shipstation", JsonSerializer.SerializeToUtf8Bytes(new { resource_url = resourceUrl, resource_type = "SHIP_NOTIFY" }));
        context.Request.QueryString = new QueryString(query);
        return context;
    }

    private HttpContext NewRequest(string path, byte[] body)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = "POST";
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("localhost:7071");
        context.Request.Path = path;
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(body);
        context.Request.ContentLength = body.Length;
        context.Response.Body = new MemoryStream();
        return context;
    }

    private static async Task<(int Status, string Type, string Detail)> SendAsync(HttpContext context, string source)
    {
        var options = new WebhookOptions
        {
            Sources =
            {
                ["shopify"] = new WebhookSourceOptions
                {
                    Scheme = "shopify",
                    Shops =
                    {
                        ["store-a"] = new WebhookShopOptions { Secrets = [DevelopmentSecrets.ShopifyStoreA] },
                        ["store-b"] = new WebhookShopOptions { Secrets = [DevelopmentSecrets.ShopifyStoreB] },
                    },
                },
                ["shipbob"] = new WebhookSourceOptions { Scheme = "shipbob", Secrets = [DevelopmentSecrets.ShipBob] },
                ["shipstation"] = new WebhookSourceOptions
                {
                    Scheme = "shipstation", Secrets = [DevelopmentSecrets.ShipStationToken], ResourceBaseUrl = "http://127.0.0.1:7080/shipstation",
                },
            },
        };
        var storage = new StorageClients(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [StorageClients.SettingName] = "UseDevelopmentStorage=true" })
            .Build());
        var handler = new WebhookIngressHandler(
            Mock.Of<IOptionsMonitor<WebhookOptions>>(m => m.CurrentValue == options),
            new EventQueue(storage),
            new ReceivedEventStore(storage),
            new FixedClock(Now),
            NullLogger<WebhookIngressHandler>.Instance);

        IResult result = await handler.HandleAsync(context.Request, source, CancellationToken.None);
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        using JsonDocument json = await JsonDocument.ParseAsync(context.Response.Body);
        return (context.Response.StatusCode, json.RootElement.GetProperty("type").GetString()!, json.RootElement.GetProperty("detail").GetString()!);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
