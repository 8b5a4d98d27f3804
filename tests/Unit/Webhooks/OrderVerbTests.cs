using System.Net;
using System.Text;
using System.Text.Json;
using Integration.Activities.Webhooks.Normalisers;
using Integration.Activities.Webhooks.Signatures;
using Integration.Orchestrations.Routing;
using Integration.SendEvent;
using Integration.SendEvent.Cli;
using Integration.SendEvent.Orders;
using Integration.Tests.Unit.Sandbox;
using Xunit;

namespace Integration.Tests.Unit.Webhooks;

/// <summary>The order verbs (order-placed, order-cancelled): arguments, the sandbox store they write, and the Shopify-signed deliveries they send.</summary>
public sealed class OrderVerbTests
{
    private static readonly ShopifySignature Signature = new();

    [Fact]
    public void Each_qty_counts_the_sku_before_it_and_a_sku_alone_is_one()
    {
        CliArguments args = CliParser.Parse(["order-placed", "--shop", "store-a", "--order", "7", "--sku", "TEE-BLK-M", "--qty", "2", "--sku", "HAT-RED", "--sku", "MUG-CLASSIC", "--qty", "3"]);

        Assert.Equal([("TEE-BLK-M", 2), ("HAT-RED", 1), ("MUG-CLASSIC", 3)], OrderPlacedVerb.Lines(args));
        Assert.Equal([(SampleOrders.DefaultSku, 1)], OrderPlacedVerb.Lines(CliParser.Parse(["order-placed", "--shop", "store-a", "--order", "7"])));
    }

    [Theory]
    [InlineData("order-placed", "--shop", "store-z", "--order", "1")]
    [InlineData("order-placed", "--shop", "store-a", "--order", "0")]
    [InlineData("order-placed", "--shop", "store-a", "--order", "1", "--qty", "2")]
    [InlineData("order-placed", "--shop", "store-a", "--order", "1", "--sku", "A", "--qty", "0")]
    [InlineData("order-placed", "--shop", "store-a", "--order", "1", "--sandbox", "ftp://x")]
    [InlineData("order-placed", "--shop", "store-a", "--shop", "store-b", "--order", "1")]
    [InlineData("order-cancelled", "--shop", "store-a", "--order", "1", "--sku", "A")]
    [InlineData("deal-closed", "--deal", "1", "--deal", "2")]
    [InlineData("scenario", "--name", "order-placed", "--deal", "1")]
    public void Bad_order_arguments_are_usage_errors(params string[] args) =>
        Assert.Throws<CliUsageException>(() => SendEventCli.Plan(args));

    [Fact]
    public void Every_order_scenario_the_issue_names_is_offered_and_plans_one_send()
    {
        Assert.Equal(
            ["order-placed", "several-orders", "unmapped-sku", "cancel-before-shipping", "cancel-after-shipping", "partial-shipment", "last-units-race", "warehouse-down"],
            OrderScenarios.All.Select(s => s.Name));
        SendPlan plan = SendEventCli.Plan(["scenario", "--name", "last-units-race"])!;
        Assert.Equal("scenario", plan.Verb.Name);
    }

    [Fact]
    public async Task Order_placed_creates_the_order_in_the_sandbox_store_once_and_sends_it_signed_with_the_shops_secret()
    {
        await using SandboxHost sandbox = await SandboxHost.StartAsync();
        var hub = new CapturingHub();
        using var http = new HttpClient(hub);
        var output = new StringWriter();

        int exit = await SendEventCli.RunAsync(
            ["order-placed", "--shop", "store-b", "--order", "4242", "--sku", "HAT-RED", "--qty", "2", "--repeat", "2", "--url", "http://hub.test", "--sandbox", sandbox.BaseUri.ToString()],
            http, output, TextWriter.Null);

        Assert.Equal(SendEventCli.ExitOk, exit);
        Assert.Equal(2, hub.Deliveries.Count);
        foreach (Delivery delivery in hub.Deliveries)
        {
            Assert.Equal("http://hub.test/api/v1/webhooks/shopify", delivery.Url);
            Assert.Equal("orders/create", delivery.Headers["X-Shopify-Topic"]);
            Assert.Equal("store-b.myshopify.com", delivery.Headers["X-Shopify-Shop-Domain"]);
            WebhookRequest webhook = new("POST", new Uri(delivery.Url), delivery.Headers, delivery.Body);
            Assert.True(Signature.Verify(webhook, [DevSecrets.Shopify("store-b")], DateTimeOffset.UtcNow, TimeSpan.Zero).IsValid);
            Assert.False(Signature.Verify(webhook, [DevSecrets.Shopify("store-a")], DateTimeOffset.UtcNow, TimeSpan.Zero).IsValid);
            EventEnvelope envelope = Assert.Single(new ShopifyOrderNormaliser().Normalise("shopify", webhook, "corr", DateTimeOffset.UtcNow));
            Assert.Equal(EventTypes.ShopOrderPlaced, envelope.Type);
            Assert.Equal("store-b-4242", envelope.Subject);
        }

        // --repeat sends the one order again under fresh webhook ids (not a redelivery), and the store holds it once.
        Assert.NotEqual(hub.Deliveries[0].Headers["X-Shopify-Webhook-Id"], hub.Deliveries[1].Headers["X-Shopify-Webhook-Id"]);
        Assert.Equal(Encoding.UTF8.GetString(hub.Deliveries[0].Body), Encoding.UTF8.GetString(hub.Deliveries[1].Body));
        using JsonDocument order = JsonDocument.Parse(await sandbox.Http.GetStringAsync("/_sandbox/shopify/store-b/orders/4242"));
        JsonElement line = Assert.Single(order.RootElement.GetProperty("order").GetProperty("line_items").EnumerateArray());
        Assert.Equal("HAT-RED", line.GetProperty("sku").GetString());
        Assert.Equal(2, line.GetProperty("quantity").GetInt32());
        Assert.Empty(order.RootElement.GetProperty("webhooks").EnumerateArray().SelectMany(w => w.GetProperty("deliveries").EnumerateArray()));
    }

    [Fact]
    public async Task Order_cancelled_cancels_the_order_in_the_store_and_sends_orders_cancelled()
    {
        await using SandboxHost sandbox = await SandboxHost.StartAsync();
        var hub = new CapturingHub();
        using var http = new HttpClient(hub);
        await SendEventCli.RunAsync(["order-placed", "--shop", "store-c", "--order", "77", "--url", "http://hub.test", "--sandbox", sandbox.BaseUri.ToString()], http, TextWriter.Null, TextWriter.Null);

        int exit = await SendEventCli.RunAsync(["order-cancelled", "--shop", "store-c", "--order", "77", "--url", "http://hub.test", "--sandbox", sandbox.BaseUri.ToString()], http, TextWriter.Null, TextWriter.Null);

        Assert.Equal(SendEventCli.ExitOk, exit);
        Delivery cancel = hub.Deliveries[^1];
        Assert.Equal("orders/cancelled", cancel.Headers["X-Shopify-Topic"]);
        using JsonDocument body = JsonDocument.Parse(cancel.Body);
        Assert.Equal(JsonValueKind.String, body.RootElement.GetProperty("cancelled_at").ValueKind);
        WebhookRequest webhook = new("POST", new Uri(cancel.Url), cancel.Headers, cancel.Body);
        Assert.Equal(EventTypes.ShopOrderCancelled, Assert.Single(new ShopifyOrderNormaliser().Normalise("shopify", webhook, "corr", DateTimeOffset.UtcNow)).Type);
    }

    private sealed record Delivery(string Url, Dictionary<string, string> Headers, byte[] Body);

    /// <summary>The hub's webhook endpoint, faked (202 and a record of each delivery); sandbox calls go to the real sandbox.</summary>
    private sealed class CapturingHub() : DelegatingHandler(new SocketsHttpHandler())
    {
        public List<Delivery> Deliveries { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath.StartsWith("/_sandbox/", StringComparison.Ordinal))
            {
                return await base.SendAsync(request, cancellationToken);
            }

            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, values) in request.Headers.Concat(request.Content?.Headers.AsEnumerable() ?? []))
            {
                headers[name] = string.Join(",", values);
            }

            Deliveries.Add(new Delivery(request.RequestUri.OriginalString, headers, request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken)));
            return new HttpResponseMessage(HttpStatusCode.Accepted) { RequestMessage = request, Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        }
    }
}
