using System.Net;
using System.Text.Json;
using Xunit;

namespace Integration.Tests.Unit.Sandbox;

public sealed class ShipStationSandboxTests(WarehouseSandboxFixture fixture) : IClassFixture<WarehouseSandboxFixture>, IAsyncLifetime
{
    private SandboxHost Sandbox => fixture.Host;

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Createorder_with_the_same_orderKey_updates_the_same_order()
    {
        var first = await fixture.ShipStationAsync(HttpMethod.Post, "/orders/createorder", WarehouseSandboxFixture.ShipStationOrderJson(quantity: 3));
        var second = await fixture.ShipStationAsync(HttpMethod.Post, "/orders/createorder", WarehouseSandboxFixture.ShipStationOrderJson(quantity: 5));

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        var orderId = first.Json.GetProperty("orderId").GetInt64();
        Assert.Equal(orderId, second.Json.GetProperty("orderId").GetInt64());
        Assert.Equal("store-b-2001", second.Json.GetProperty("orderKey").GetString());
        Assert.Equal("awaiting_shipment", second.Json.GetProperty("orderStatus").GetString());
        Assert.Equal(
            first.Json.GetProperty("items")[0].GetProperty("orderItemId").GetInt64(),
            second.Json.GetProperty("items")[0].GetProperty("orderItemId").GetInt64());
        Assert.Equal(5, second.Json.GetProperty("items")[0].GetProperty("quantity").GetInt32());
        Assert.Single((await Sandbox.AdminAsync(HttpMethod.Get, "/shipstation/orders")).Json.EnumerateArray());
        Assert.Equal(5, (await InventoryAsync("WH-HAT-RED")).GetProperty("allocated").GetInt32());

        var read = await fixture.ShipStationAsync(HttpMethod.Get, $"/orders/{orderId}");
        var unknown = await fixture.ShipStationAsync(HttpMethod.Get, "/orders/42");
        Assert.Equal("#2001", read.Json.GetProperty("orderNumber").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
    }

    [Fact]
    public async Task Concurrent_createorders_of_one_orderKey_make_exactly_one_order()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            fixture.ShipStationAsync(HttpMethod.Post, "/orders/createorder", WarehouseSandboxFixture.ShipStationOrderJson())));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Single(answers.Select(a => a.Json.GetProperty("orderId").GetInt64()).Distinct());
        Assert.Single((await Sandbox.AdminAsync(HttpMethod.Get, "/shipstation/orders")).Json.EnumerateArray());
        Assert.Equal(3, (await InventoryAsync("WH-HAT-RED")).GetProperty("allocated").GetInt32());
    }

    [Fact]
    public async Task Createorder_without_required_fields_is_400_with_model_state()
    {
        var response = await fixture.ShipStationAsync(HttpMethod.Post, "/orders/createorder", """{"orderKey":"k","orderStatus":"awaiting_shipment"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("The request is invalid.", response.Json.GetProperty("Message").GetString());
        var state = response.Json.GetProperty("ModelState");
        foreach (var field in new[] { "orderNumber", "orderDate", "billTo", "shipTo" })
        {
            Assert.True(state.TryGetProperty("apiOrder." + field, out _), response.Text);
        }

        Assert.Empty((await Sandbox.AdminAsync(HttpMethod.Get, "/shipstation/orders")).Json.EnumerateArray());
    }

    [Fact]
    public async Task Shipped_and_cancelled_orders_are_locked_and_a_cancel_releases_the_allocation()
    {
        await fixture.ShipStationAsync(HttpMethod.Post, "/orders/createorder", WarehouseSandboxFixture.ShipStationOrderJson(orderKey: "store-b-1"));
        await fixture.ShipStationAsync(HttpMethod.Post, "/orders/createorder", WarehouseSandboxFixture.ShipStationOrderJson(orderKey: "store-b-2", orderNumber: "#2002", quantity: 4));
        Assert.Equal(7, (await InventoryAsync("WH-HAT-RED")).GetProperty("allocated").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await Sandbox.AdminAsync(HttpMethod.Post, "/shipstation/orders/store-b-1/ship")).Status);

        var cancel = await fixture.ShipStationAsync(HttpMethod.Post, "/orders/createorder",
            WarehouseSandboxFixture.ShipStationOrderJson(orderKey: "store-b-2", orderNumber: "#2002", status: "cancelled", quantity: 4));
        var updateShipped = await fixture.ShipStationAsync(HttpMethod.Post, "/orders/createorder",
            WarehouseSandboxFixture.ShipStationOrderJson(orderKey: "store-b-1", status: "cancelled"));
        var updateCancelled = await fixture.ShipStationAsync(HttpMethod.Post, "/orders/createorder",
            WarehouseSandboxFixture.ShipStationOrderJson(orderKey: "store-b-2", orderNumber: "#2002"));

        Assert.Equal("cancelled", cancel.Json.GetProperty("orderStatus").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, updateShipped.Status);
        Assert.Contains("is shipped and cannot be updated", updateShipped.Json.GetProperty("ModelState").GetProperty("apiOrder")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, updateCancelled.Status);
        Assert.Contains("is cancelled", updateCancelled.Json.GetProperty("ModelState").GetProperty("apiOrder")[0].GetString());
        var hats = await InventoryAsync("WH-HAT-RED");
        Assert.Equal(97, hats.GetProperty("on_hand").GetInt32());
        Assert.Equal(0, hats.GetProperty("allocated").GetInt32());
        Assert.Equal(97, hats.GetProperty("available").GetInt32());
        var orders = (await Sandbox.AdminAsync(HttpMethod.Get, "/shipstation/orders")).Json.EnumerateArray()
            .ToDictionary(o => o.GetProperty("orderKey").GetString()!, o => o.GetProperty("orderStatus").GetString());
        Assert.Equal("shipped", orders["store-b-1"]);
        Assert.Equal("cancelled", orders["store-b-2"]);
    }

    [Fact]
    public async Task Orders_are_found_by_order_number_prefix_in_pages()
    {
        await fixture.ShipStationAsync(HttpMethod.Post, "/orders/createorder", WarehouseSandboxFixture.ShipStationOrderJson(orderKey: "a", orderNumber: "#1001"));
        await fixture.ShipStationAsync(HttpMethod.Post, "/orders/createorder", WarehouseSandboxFixture.ShipStationOrderJson(orderKey: "b", orderNumber: "#10010"));
        await fixture.ShipStationAsync(HttpMethod.Post, "/orders/createorder", WarehouseSandboxFixture.ShipStationOrderJson(orderKey: "c", orderNumber: "#2001"));

        var page1 = await fixture.ShipStationAsync(HttpMethod.Get, "/orders?orderNumber=%231001&pageSize=1");
        var page2 = await fixture.ShipStationAsync(HttpMethod.Get, "/orders?orderNumber=%231001&pageSize=1&page=2");
        var badPage = await fixture.ShipStationAsync(HttpMethod.Get, "/orders?page=0");

        Assert.Equal(2, page1.Json.GetProperty("total").GetInt32());
        Assert.Equal(2, page1.Json.GetProperty("pages").GetInt32());
        Assert.Equal("a", Assert.Single(page1.Json.GetProperty("orders").EnumerateArray()).GetProperty("orderKey").GetString());
        Assert.Equal("b", Assert.Single(page2.Json.GetProperty("orders").EnumerateArray()).GetProperty("orderKey").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badPage.Status);
    }

    [Fact]
    public async Task V1_needs_the_basic_key_and_secret_and_counts_the_rate_window()
    {
        var wrong = await fixture.ShipStationAsync(HttpMethod.Get, "/orders", basic: Convert.ToBase64String("sandbox-shipstation-key:nope"u8.ToArray()));
        var first = await fixture.ShipStationAsync(HttpMethod.Get, "/orders");
        var second = await fixture.ShipStationAsync(HttpMethod.Get, "/orders");

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("40", first.Message.Headers.GetValues("X-Rate-Limit-Limit").Single());
        Assert.Equal("39", first.Message.Headers.GetValues("X-Rate-Limit-Remaining").Single());
        Assert.Equal("38", second.Message.Headers.GetValues("X-Rate-Limit-Remaining").Single());
        Assert.InRange(int.Parse(second.Message.Headers.GetValues("X-Rate-Limit-Reset").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
    }

    [Fact]
    public async Task V2_inventory_needs_the_api_key_and_shows_on_hand_allocated_and_available()
    {
        await Sandbox.AdminAsync(HttpMethod.Put, "/shipstation/inventory/WH-LIMITED-DROP", """{"on_hand":20}""");
        await fixture.ShipStationAsync(HttpMethod.Post, "/orders/createorder", WarehouseSandboxFixture.ShipStationOrderJson(sku: "WH-LIMITED-DROP", quantity: 3));

        var noKey = await fixture.InventoryV2Async(apiKey: null);
        var wrongKey = await fixture.InventoryV2Async(apiKey: "wrong");
        var all = await fixture.InventoryV2Async("?page_size=500");

        Assert.Equal(HttpStatusCode.Unauthorized, noKey.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.Status);
        Assert.Equal("unauthorized", noKey.Json.GetProperty("errors")[0].GetProperty("error_code").GetString());
        Assert.Equal(5, all.Json.GetProperty("total").GetInt32());
        var drop = all.Json.GetProperty("inventory").EnumerateArray().Single(i => i.GetProperty("sku").GetString() == "WH-LIMITED-DROP");
        Assert.Equal(20, drop.GetProperty("on_hand").GetInt32());
        Assert.Equal(3, drop.GetProperty("allocated").GetInt32());
        Assert.Equal(17, drop.GetProperty("available").GetInt32());
    }

    [Fact]
    public async Task Ship_sends_a_ship_notify_pointer_with_the_token_that_fetches_the_shipment()
    {
        var created = await fixture.ShipStationAsync(HttpMethod.Post, "/orders/createorder", WarehouseSandboxFixture.ShipStationOrderJson());
        var orderId = created.Json.GetProperty("orderId").GetInt64();

        var ship = await Sandbox.AdminAsync(HttpMethod.Post, $"/shipstation/orders/{orderId}/ship", """{"carrier":"fedex","tracking_number":"TRK-1"}""");

        Assert.Equal(HttpStatusCode.OK, ship.Status);
        Assert.Equal(202, ship.Json.GetProperty("delivery").GetProperty("status_code").GetInt32());
        var webhook = Assert.Single(fixture.Receiver.Received);
        Assert.Equal("/api/v1/webhooks/shipstation", webhook.Path);
        Assert.Equal("?token=" + WarehouseSandboxFixture.ShipStationToken, webhook.Query);
        Assert.False(webhook.Headers.ContainsKey("webhook-signature"));
        using var pointer = JsonDocument.Parse(webhook.Body);
        Assert.Equal("SHIP_NOTIFY", pointer.RootElement.GetProperty("resource_type").GetString());
        var resourceUrl = new Uri(pointer.RootElement.GetProperty("resource_url").GetString()!);
        Assert.Equal(Sandbox.BaseUri.GetLeftPart(UriPartial.Authority), resourceUrl.GetLeftPart(UriPartial.Authority));
        Assert.Contains("includeShipmentItems=True", resourceUrl.Query);

        var fetched = await fixture.ShipStationAsync(HttpMethod.Get, resourceUrl.PathAndQuery["/shipstation".Length..]);
        var shipment = Assert.Single(fetched.Json.GetProperty("shipments").EnumerateArray());
        Assert.Equal(orderId, shipment.GetProperty("orderId").GetInt64());
        Assert.Equal("store-b-2001", shipment.GetProperty("orderKey").GetString());
        Assert.Equal("TRK-1", shipment.GetProperty("trackingNumber").GetString());
        Assert.Equal("fedex", shipment.GetProperty("carrierCode").GetString());
        Assert.False(shipment.GetProperty("voided").GetBoolean());
        Assert.Equal(["WH-HAT-RED", "WH-MUG-CLASSIC"], shipment.GetProperty("shipmentItems").EnumerateArray().Select(i => i.GetProperty("sku").GetString()));
        Assert.Equal("shipped", (await fixture.ShipStationAsync(HttpMethod.Get, $"/orders/{orderId}")).Json.GetProperty("orderStatus").GetString());

        var state = (await Sandbox.AdminAsync(HttpMethod.Get, "/shipstation/orders/store-b-2001")).Json;
        Assert.DoesNotContain(WarehouseSandboxFixture.ShipStationToken, state.GetRawText());
    }

    [Fact]
    public async Task Partial_ship_leaves_the_order_awaiting_shipment_and_each_batch_lists_its_own_shipment()
    {
        await fixture.ShipStationAsync(HttpMethod.Post, "/orders/createorder", WarehouseSandboxFixture.ShipStationOrderJson(quantity: 3));

        var first = await Sandbox.AdminAsync(HttpMethod.Post, "/shipstation/orders/store-b-2001/ship", """{"lines":[{"sku":"WH-HAT-RED","quantity":2}]}""");
        var afterFirst = (await Sandbox.AdminAsync(HttpMethod.Get, "/shipstation/orders/store-b-2001")).Json;
        var second = await Sandbox.AdminAsync(HttpMethod.Post, "/shipstation/orders/store-b-2001/ship");
        var firstBatch = await fixture.ShipStationAsync(HttpMethod.Get, $"/shipments?batchId={afterFirst.GetProperty("shipments")[0].GetProperty("batchId").GetInt64()}&includeShipmentItems=False");
        var all = await fixture.ShipStationAsync(HttpMethod.Get, "/shipments?includeShipmentItems=true");
        var refused = await Sandbox.AdminAsync(HttpMethod.Post, "/shipstation/orders/store-b-2001/ship");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("awaiting_shipment", afterFirst.GetProperty("orderStatus").GetString());
        Assert.Equal(2, afterFirst.GetProperty("lines")[0].GetProperty("shipped").GetInt32());
        Assert.Equal(HttpStatusCode.OK, second.Status);
        var only = Assert.Single(firstBatch.Json.GetProperty("shipments").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, only.GetProperty("shipmentItems").ValueKind);
        Assert.Equal(2, all.Json.GetProperty("total").GetInt32());
        Assert.Equal(
            [1, 1],
            all.Json.GetProperty("shipments")[1].GetProperty("shipmentItems").EnumerateArray().Select(i => i.GetProperty("quantity").GetInt32()));
        Assert.Equal(2, fixture.Receiver.Received.Count);
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        var hats = await InventoryAsync("WH-HAT-RED");
        Assert.Equal(97, hats.GetProperty("on_hand").GetInt32());
        Assert.Equal(0, hats.GetProperty("allocated").GetInt32());
    }

    [Fact]
    public async Task Lost_response_after_processing_keeps_the_order_and_the_repeat_returns_the_same_orderId()
    {
        await Sandbox.SetFaultsAsync("shipstation", """{"rate500AfterProcessing":1}""");

        var lost = await fixture.ShipStationAsync(HttpMethod.Post, "/orders/createorder", WarehouseSandboxFixture.ShipStationOrderJson());
        var stored = (await Sandbox.AdminAsync(HttpMethod.Get, "/shipstation/orders")).Json;
        await Sandbox.SetFaultsAsync("shipstation", "{}");
        var repeat = await fixture.ShipStationAsync(HttpMethod.Post, "/orders/createorder", WarehouseSandboxFixture.ShipStationOrderJson());

        Assert.Equal(HttpStatusCode.InternalServerError, lost.Status);
        Assert.Equal("An error has occurred.", lost.Json.GetProperty("Message").GetString());
        var order = Assert.Single(stored.EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, repeat.Status);
        Assert.Equal(order.GetProperty("orderId").GetInt64(), repeat.Json.GetProperty("orderId").GetInt64());
        Assert.Single((await Sandbox.AdminAsync(HttpMethod.Get, "/shipstation/orders")).Json.EnumerateArray());
    }

    [Fact]
    public async Task Injected_429_carries_the_rate_limit_headers_and_admin_routes_are_untouched()
    {
        await Sandbox.SetFaultsAsync("shipstation", """{"rate429":1,"retryAfterSeconds":3}""");

        var throttled = await fixture.ShipStationAsync(HttpMethod.Get, "/orders");
        var inventory = await fixture.InventoryV2Async();
        var admin = await Sandbox.AdminAsync(HttpMethod.Get, "/shipstation/inventory");

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.Status);
        Assert.Equal("0", throttled.Message.Headers.GetValues("X-Rate-Limit-Remaining").Single());
        Assert.Equal("3", throttled.Message.Headers.GetValues("X-Rate-Limit-Reset").Single());
        Assert.Equal(HttpStatusCode.TooManyRequests, inventory.Status);
        Assert.Equal(HttpStatusCode.OK, admin.Status);
    }

    private async Task<JsonElement> InventoryAsync(string sku)
    {
        var response = await fixture.InventoryV2Async($"?sku={sku}");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return Assert.Single(response.Json.GetProperty("inventory").EnumerateArray());
    }
}
