using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace Integration.Tests.Unit.Sandbox;

/// <summary>The emulated Shopify Admin GraphQL API and the admin order routes (without a webhook receiver).</summary>
public sealed class ShopifySandboxTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    private const string TeeOrder = """{"line_items":[{"sku":"TEE-BLK-M","quantity":3},{"sku":"MUG-CLASSIC","quantity":1}]}""";

    private SandboxHost Sandbox => fixture.Host;

    private ShopifySandboxClient Shopify => new(Sandbox);

    public Task InitializeAsync() => Sandbox.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task GraphQL_needs_the_access_token_and_a_shop_the_sandbox_hosts()
    {
        var noToken = await Shopify.GraphQlAsync(ShopifySandboxClient.InventoryItemsQuery, new { q = "sku:TEE-BLK-M" }, token: null);
        var wrongToken = await Shopify.GraphQlAsync(ShopifySandboxClient.InventoryItemsQuery, new { q = "sku:TEE-BLK-M" }, token: "nope");
        var unknownShop = await Shopify.GraphQlAsync(ShopifySandboxClient.InventoryItemsQuery, new { q = "sku:TEE-BLK-M" }, shop: "store-z");

        Assert.Equal(HttpStatusCode.Unauthorized, noToken.Status);
        Assert.Contains("Invalid API key or access token", noToken.Json.GetProperty("errors").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongToken.Status);
        Assert.Equal(HttpStatusCode.NotFound, unknownShop.Status);
    }

    [Fact]
    public async Task Every_store_sells_the_catalogue_at_available_100_and_inventoryItems_finds_a_sku()
    {
        foreach (var shop in new[] { "store-a", "store-b", "store-c" })
        {
            var inventory = (await Sandbox.AdminAsync(HttpMethod.Get, $"/shopify/{shop}/inventory")).Json;
            Assert.Equal(
                ["TEE-BLK-M", "TEE-WHT-L", "MUG-CLASSIC", "HAT-RED", "LIMITED-DROP", "SKU-UNMAPPED-2"],
                inventory.EnumerateArray().Select(i => i.GetProperty("sku").GetString()));
            Assert.All(inventory.EnumerateArray(), i =>
            {
                Assert.Equal(100, i.GetProperty("available").GetInt32());
                Assert.Equal(0, i.GetProperty("committed").GetInt32());
                Assert.Equal(100, i.GetProperty("on_hand").GetInt32());
            });
        }

        var response = await Shopify.GraphQlAsync(ShopifySandboxClient.InventoryItemsQuery, new { q = "sku:HAT-RED" }, shop: "store-b");
        var item = Assert.Single(response.Json.GetProperty("data").GetProperty("inventoryItems").GetProperty("nodes").EnumerateArray());
        var expected = (await Shopify.InventoryAsync("HAT-RED", "store-b"));
        Assert.Equal(expected.GetProperty("inventoryItemId").GetString(), item.GetProperty("id").GetString());
        Assert.StartsWith("gid://shopify/InventoryItem/", item.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("HAT-RED", item.GetProperty("sku").GetString());
        var level = Assert.Single(item.GetProperty("inventoryLevels").GetProperty("nodes").EnumerateArray());
        Assert.Equal(expected.GetProperty("locationId").GetString(), level.GetProperty("location").GetProperty("id").GetString());
        var quantity = Assert.Single(level.GetProperty("quantities").EnumerateArray());
        Assert.Equal("available", quantity.GetProperty("name").GetString());
        Assert.Equal(100, quantity.GetProperty("quantity").GetInt32());

        var cost = response.Json.GetProperty("extensions").GetProperty("cost");
        Assert.True(cost.GetProperty("requestedQueryCost").GetInt32() > 0);
        Assert.Equal(50.0, cost.GetProperty("throttleStatus").GetProperty("restoreRate").GetDouble());

        var none = await Shopify.DataAsync(ShopifySandboxClient.InventoryItemsQuery, new { q = "sku:NOT-SOLD" });
        Assert.Equal(0, none.GetProperty("inventoryItems").GetProperty("nodes").GetArrayLength());
    }

    [Fact]
    public async Task Placing_an_order_commits_stock_and_opens_one_fulfilment_order_with_its_lines()
    {
        var placed = await Shopify.PlaceOrderAsync(TeeOrder);

        var order = placed.GetProperty("order");
        var orderId = order.GetProperty("id").GetInt64();
        Assert.True(orderId > (1L << 53), "Shopify order ids exceed 2^53");
        Assert.Equal($"gid://shopify/Order/{orderId}", order.GetProperty("admin_graphql_api_id").GetString());
        Assert.Equal("#1001", order.GetProperty("name").GetString());
        Assert.Equal("US", order.GetProperty("shipping_address").GetProperty("country_code").GetString());
        Assert.Equal(JsonValueKind.Null, order.GetProperty("cancelled_at").ValueKind);
        Assert.Equal("89.00", order.GetProperty("total_price").GetString()); // 3 × 25.00 + 14.00
        Assert.Equal(JsonValueKind.Array, placed.GetProperty("deliveries").ValueKind);
        Assert.Equal(0, placed.GetProperty("deliveries").GetArrayLength());
        Assert.Contains("Sandbox:Webhooks:BaseUrl", placed.GetProperty("note").GetString(), StringComparison.Ordinal);

        var tee = await Shopify.InventoryAsync("TEE-BLK-M");
        Assert.Equal(97, tee.GetProperty("available").GetInt32());
        Assert.Equal(3, tee.GetProperty("committed").GetInt32());
        Assert.Equal(100, tee.GetProperty("on_hand").GetInt32());

        var response = await Shopify.GraphQlAsync(ShopifySandboxClient.FulfillmentOrdersQuery, new { id = $"gid://shopify/Order/{orderId}" });
        Assert.True(response.Json.GetProperty("extensions").TryGetProperty("cost", out _));
        var fo = Assert.Single(response.Json.GetProperty("data").GetProperty("order").GetProperty("fulfillmentOrders").GetProperty("nodes").EnumerateArray());
        Assert.StartsWith("gid://shopify/FulfillmentOrder/", fo.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("OPEN", fo.GetProperty("status").GetString());
        var lines = fo.GetProperty("lineItems").GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(["TEE-BLK-M", "MUG-CLASSIC"], lines.Select(l => l.GetProperty("sku").GetString()));
        Assert.Equal([3, 1], lines.Select(l => l.GetProperty("remainingQuantity").GetInt32()));
        Assert.Equal([3, 1], lines.Select(l => l.GetProperty("totalQuantity").GetInt32()));
        Assert.All(lines, l => Assert.StartsWith("gid://shopify/FulfillmentOrderLineItem/", l.GetProperty("id").GetString(), StringComparison.Ordinal));
        Assert.Equal(
            order.GetProperty("line_items").EnumerateArray().Select(l => l.GetProperty("admin_graphql_api_id").GetString()),
            lines.Select(l => l.GetProperty("lineItem").GetProperty("id").GetString()));

        var unknown = await Shopify.DataAsync(ShopifySandboxClient.FulfillmentOrdersQuery, new { id = "gid://shopify/Order/42" });
        Assert.Equal(JsonValueKind.Null, unknown.GetProperty("order").ValueKind);
    }

    [Fact]
    public async Task FulfillmentCreate_fulfils_part_then_the_rest_closing_the_fulfilment_order_and_shipping_the_stock()
    {
        var orderId = (await Shopify.PlaceOrderAsync(TeeOrder)).GetProperty("order").GetProperty("id").GetInt64();
        var fo = await Shopify.FulfillmentOrderAsync(orderId);
        var foId = fo.GetProperty("id").GetString();
        var teeLine = fo.GetProperty("lineItems").GetProperty("nodes")[0].GetProperty("id").GetString();

        var partial = await Shopify.DataAsync(ShopifySandboxClient.FulfillmentCreate, new
        {
            f = new
            {
                lineItemsByFulfillmentOrder = new[] { new { fulfillmentOrderId = foId, fulfillmentOrderLineItems = new[] { new { id = teeLine, quantity = 2 } } } },
                trackingInfo = new { company = "USPS", number = "9400100000000000000001", url = "https://tracking.example/9400100000000000000001" },
                notifyCustomer = false,
            },
        });

        var created = partial.GetProperty("fulfillmentCreate");
        Assert.Equal(0, created.GetProperty("userErrors").GetArrayLength());
        var fulfillment = created.GetProperty("fulfillment");
        Assert.StartsWith("gid://shopify/Fulfillment/", fulfillment.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("SUCCESS", fulfillment.GetProperty("status").GetString());
        var tracking = Assert.Single(fulfillment.GetProperty("trackingInfo").EnumerateArray());
        Assert.Equal("USPS", tracking.GetProperty("company").GetString());
        Assert.Equal("9400100000000000000001", tracking.GetProperty("number").GetString());

        var afterPartial = await Shopify.FulfillmentOrderAsync(orderId);
        Assert.Equal("IN_PROGRESS", afterPartial.GetProperty("status").GetString());
        Assert.Equal([1, 1], afterPartial.GetProperty("lineItems").GetProperty("nodes").EnumerateArray().Select(l => l.GetProperty("remainingQuantity").GetInt32()));
        var tee = await Shopify.InventoryAsync("TEE-BLK-M");
        Assert.Equal(97, tee.GetProperty("available").GetInt32());
        Assert.Equal(1, tee.GetProperty("committed").GetInt32());
        Assert.Equal(98, tee.GetProperty("on_hand").GetInt32());
        var view = (await Sandbox.AdminAsync(HttpMethod.Get, $"/shopify/store-a/orders/{orderId}")).Json;
        Assert.Equal("partial", view.GetProperty("order").GetProperty("fulfillment_status").GetString());

        // No lines named: everything that remains on the fulfilment order.
        var rest = await Shopify.DataAsync(ShopifySandboxClient.FulfillmentCreate, new
        {
            f = new { lineItemsByFulfillmentOrder = new[] { new { fulfillmentOrderId = foId } }, trackingInfo = new { company = "UPS", number = "1Z999AA10123456784" } },
        });
        Assert.Equal(0, rest.GetProperty("fulfillmentCreate").GetProperty("userErrors").GetArrayLength());

        var closed = await Shopify.FulfillmentOrderAsync(orderId);
        Assert.Equal("CLOSED", closed.GetProperty("status").GetString());
        Assert.All(closed.GetProperty("lineItems").GetProperty("nodes").EnumerateArray(), l => Assert.Equal(0, l.GetProperty("remainingQuantity").GetInt32()));
        Assert.Equal(97, (await Shopify.InventoryAsync("TEE-BLK-M")).GetProperty("on_hand").GetInt32());
        Assert.Equal(99, (await Shopify.InventoryAsync("MUG-CLASSIC")).GetProperty("on_hand").GetInt32());

        var fulfillments = (await Shopify.DataAsync(ShopifySandboxClient.FulfillmentsQuery, new { id = $"gid://shopify/Order/{orderId}" }))
            .GetProperty("order").GetProperty("fulfillments").EnumerateArray().ToList();
        Assert.Equal(["9400100000000000000001", "1Z999AA10123456784"], fulfillments.Select(f => f.GetProperty("trackingInfo")[0].GetProperty("number").GetString()));
        view = (await Sandbox.AdminAsync(HttpMethod.Get, $"/shopify/store-a/orders/{orderId}")).Json;
        Assert.Equal("fulfilled", view.GetProperty("order").GetProperty("fulfillment_status").GetString());
        Assert.Equal(2, view.GetProperty("fulfillments").GetArrayLength());
        Assert.Equal("UPS", view.GetProperty("fulfillments")[1].GetProperty("trackingInfo")[0].GetProperty("company").GetString());
    }

    [Fact]
    public async Task FulfillmentCreate_answers_userErrors_on_http_200_and_changes_nothing()
    {
        var orderId = (await Shopify.PlaceOrderAsync(TeeOrder)).GetProperty("order").GetProperty("id").GetInt64();
        var fo = await Shopify.FulfillmentOrderAsync(orderId);
        var foId = fo.GetProperty("id").GetString()!;
        var teeLine = fo.GetProperty("lineItems").GetProperty("nodes")[0].GetProperty("id").GetString()!;

        var tooMany = await CreateAsync(foId, teeLine, 4);
        var unknownOrder = await CreateAsync("gid://shopify/FulfillmentOrder/1", teeLine, 1);
        var unknownLine = await CreateAsync(foId, "gid://shopify/FulfillmentOrderLineItem/1", 1);

        Assert.Contains("quantity", UserErrorMessage(tooMany), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Fulfillment order does not exist.", UserErrorMessage(unknownOrder));
        Assert.Equal("Fulfillment order line item does not exist.", UserErrorMessage(unknownLine));
        var unchanged = await Shopify.FulfillmentOrderAsync(orderId);
        Assert.Equal("OPEN", unchanged.GetProperty("status").GetString());
        Assert.Equal(3, unchanged.GetProperty("lineItems").GetProperty("nodes")[0].GetProperty("remainingQuantity").GetInt32());
        Assert.Equal(3, (await Shopify.InventoryAsync("TEE-BLK-M")).GetProperty("committed").GetInt32());

        // Fulfil everything, then a retry of the same fulfilment is refused: the fulfilment order is closed.
        await Shopify.DataAsync(ShopifySandboxClient.FulfillmentCreate, new { f = new { lineItemsByFulfillmentOrder = new[] { new { fulfillmentOrderId = foId } } } });
        var again = await CreateAsync(foId, teeLine, 1);
        Assert.Contains("unfulfillable status= closed", UserErrorMessage(again), StringComparison.Ordinal);
        Assert.Single((await Sandbox.AdminAsync(HttpMethod.Get, $"/shopify/store-a/orders/{orderId}")).Json.GetProperty("fulfillments").EnumerateArray());
    }

    [Fact]
    public async Task InventorySetQuantities_compares_and_sets_and_refuses_a_stale_or_missing_compareQuantity()
    {
        var level = await Shopify.InventoryAsync("TEE-WHT-L", "store-c");
        var item = level.GetProperty("inventoryItemId").GetString();
        var location = level.GetProperty("locationId").GetString();

        var set = await SetAsync("stock-store-c-TEE-WHT-L-1", item, location, quantity: 40, compare: 100, shop: "store-c");
        var group = set.GetProperty("inventoryAdjustmentGroup");
        Assert.Equal(0, set.GetProperty("userErrors").GetArrayLength());
        var available = group.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "available");
        Assert.Equal(-60, available.GetProperty("delta").GetInt32());
        Assert.Equal(40, available.GetProperty("quantityAfterChange").GetInt32());
        var after = await Shopify.InventoryAsync("TEE-WHT-L", "store-c");
        Assert.Equal(40, after.GetProperty("available").GetInt32());
        Assert.Equal(40, after.GetProperty("on_hand").GetInt32());
        Assert.Equal("gid://integration/StockSync/WH-TEE-WHT-L/1", after.GetProperty("lastSet").GetProperty("referenceDocumentUri").GetString());
        Assert.Equal("stock-store-c-TEE-WHT-L-1", after.GetProperty("lastSet").GetProperty("idempotencyKey").GetString());
        Assert.Equal(100, (await Shopify.InventoryAsync("TEE-WHT-L", "store-a")).GetProperty("available").GetInt32());

        var stale = await SetAsync("stock-store-c-TEE-WHT-L-2", item, location, quantity: 10, compare: 100, shop: "store-c");
        var staleError = Assert.Single(stale.GetProperty("userErrors").EnumerateArray());
        Assert.Equal("COMPARE_QUANTITY_STALE", staleError.GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, stale.GetProperty("inventoryAdjustmentGroup").ValueKind);

        var missing = await SetAsync("stock-store-c-TEE-WHT-L-3", item, location, quantity: 10, compare: null, shop: "store-c");
        Assert.Equal("COMPARE_QUANTITY_REQUIRED", Assert.Single(missing.GetProperty("userErrors").EnumerateArray()).GetProperty("code").GetString());

        var unknownItem = await SetAsync("stock-store-c-unknown", "gid://shopify/InventoryItem/1", location, quantity: 10, compare: 0, shop: "store-c");
        Assert.Equal("INVALID_INVENTORY_ITEM", Assert.Single(unknownItem.GetProperty("userErrors").EnumerateArray()).GetProperty("code").GetString());
        Assert.Equal(40, (await Shopify.InventoryAsync("TEE-WHT-L", "store-c")).GetProperty("available").GetInt32());
    }

    [Fact]
    public async Task InventorySetQuantities_with_a_key_already_used_answers_the_first_result_and_applies_nothing_again()
    {
        var level = await Shopify.InventoryAsync("HAT-RED");
        var item = level.GetProperty("inventoryItemId").GetString();
        var location = level.GetProperty("locationId").GetString();

        var first = await SetAsync("stock-store-a-HAT-RED-7", item, location, quantity: 90, compare: 100);
        var seed = await Sandbox.AdminAsync(HttpMethod.Put, "/shopify/store-a/inventory/HAT-RED", """{"available":50}""");
        Assert.Equal(HttpStatusCode.OK, seed.Status);
        var replay = await SetAsync("stock-store-a-HAT-RED-7", item, location, quantity: 90, compare: 100);
        var otherInput = await SetAsync("stock-store-a-HAT-RED-7", item, location, quantity: 30, compare: 50);

        Assert.Equal(first.ToString(), replay.ToString());
        Assert.Equal(0, replay.GetProperty("userErrors").GetArrayLength());
        Assert.Equal(50, (await Shopify.InventoryAsync("HAT-RED")).GetProperty("available").GetInt32());
        Assert.Equal("IDEMPOTENCY_KEY_PARAMETER_MISMATCH", Assert.Single(otherInput.GetProperty("userErrors").EnumerateArray()).GetProperty("code").GetString());

        // A key is per store: store-b's first use of the same key is a change of its own.
        var otherShop = await Shopify.InventoryAsync("HAT-RED", "store-b");
        var storeB = await SetAsync("stock-store-a-HAT-RED-7", otherShop.GetProperty("inventoryItemId").GetString(), otherShop.GetProperty("locationId").GetString(), 90, 100, "store-b");
        Assert.Equal(0, storeB.GetProperty("userErrors").GetArrayLength());
        Assert.Equal(90, (await Shopify.InventoryAsync("HAT-RED", "store-b")).GetProperty("available").GetInt32());
    }

    [Fact]
    public async Task A_document_the_sandbox_does_not_know_is_a_graphql_error_on_http_200_never_a_500()
    {
        var unknownField = await Shopify.GraphQlAsync("query { shop { name } }");
        var unknownMutation = await Shopify.GraphQlAsync("mutation { orderCancel(orderId: \"gid://shopify/Order/1\") { job { id } } }");
        var broken = await Shopify.GraphQlAsync("query($id: ID!) { order(id: $id) { id ", new { id = "gid://shopify/Order/1" });
        var missingVariable = await Shopify.GraphQlAsync(ShopifySandboxClient.FulfillmentOrdersQuery);
        var badGid = await Shopify.GraphQlAsync(ShopifySandboxClient.FulfillmentOrdersQuery, new { id = "1001" });
        var wrongType = await Shopify.GraphQlAsync(ShopifySandboxClient.FulfillmentCreate, new { f = new { lineItemsByFulfillmentOrder = "all" } });
        using var notGraphQlRequest = new HttpRequestMessage(HttpMethod.Post, "/shopify/store-a/admin/api/2026-01/graphql.json")
        {
            Content = new StringContent("""{"nope":1}""", System.Text.Encoding.UTF8, "application/json"),
        };
        notGraphQlRequest.Headers.Add("X-Shopify-Access-Token", ShopifySandboxClient.Token);
        using var notGraphQl = await Sandbox.Http.SendAsync(notGraphQlRequest);

        foreach (var (response, code) in new[]
        {
            (unknownField, "undefinedField"), (unknownMutation, "undefinedField"), (broken, "parseError"),
            (missingVariable, "variableNotProvided"), (badGid, "argumentLiteralsIncompatible"), (wrongType, "INVALID_VARIABLE"),
        })
        {
            Assert.True(response.Status == HttpStatusCode.OK, response.Text);
            Assert.False(response.Json.TryGetProperty("data", out _), response.Text);
            Assert.Equal(code, Assert.Single(response.Json.GetProperty("errors").EnumerateArray()).GetProperty("extensions").GetProperty("code").GetString());
            Assert.True(response.Json.GetProperty("extensions").TryGetProperty("cost", out _), response.Text);
        }

        Assert.Contains("Field 'shop' doesn't exist on type 'QueryRoot'", unknownField.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, notGraphQl.StatusCode);
    }

    [Fact]
    public async Task Rate_limited_faults_answer_shopifys_THROTTLED_body_on_http_200_with_the_wait_in_its_cost()
    {
        await Sandbox.SetFaultsAsync("shopify", """{"rate429":1,"retryAfterSeconds":2}""");

        var throttled = await Shopify.GraphQlAsync(ShopifySandboxClient.InventoryItemsQuery, new { q = "sku:TEE-BLK-M" });
        var admin = await Sandbox.AdminAsync(HttpMethod.Get, "/shopify/store-a/inventory");
        var counted = (await Sandbox.AdminAsync(HttpMethod.Get, "/requests")).Json.GetProperty("shopify");

        Assert.Equal(HttpStatusCode.OK, throttled.Status);
        Assert.False(throttled.Json.TryGetProperty("data", out _));
        var error = Assert.Single(throttled.Json.GetProperty("errors").EnumerateArray());
        Assert.Equal("Throttled", error.GetProperty("message").GetString());
        Assert.Equal("THROTTLED", error.GetProperty("extensions").GetProperty("code").GetString());
        var cost = throttled.Json.GetProperty("extensions").GetProperty("cost");
        var status = cost.GetProperty("throttleStatus");
        var wait = (cost.GetProperty("requestedQueryCost").GetDouble() - status.GetProperty("currentlyAvailable").GetDouble()) / status.GetProperty("restoreRate").GetDouble();
        Assert.Equal(2.0, wait);
        Assert.Equal(JsonValueKind.Null, cost.GetProperty("actualQueryCost").ValueKind);
        Assert.Equal(1000.0, status.GetProperty("maximumAvailable").GetDouble());
        Assert.Equal(HttpStatusCode.OK, admin.Status);
        Assert.Equal(1, counted.GetProperty("faulted").GetInt64());
    }

    [Fact]
    public async Task Cancelling_restocks_the_unfulfilled_units_cancels_the_fulfilment_order_and_cannot_happen_twice()
    {
        var orderId = (await Shopify.PlaceOrderAsync(TeeOrder)).GetProperty("order").GetProperty("id").GetInt64();
        var fo = await Shopify.FulfillmentOrderAsync(orderId);
        await Shopify.DataAsync(ShopifySandboxClient.FulfillmentCreate, new
        {
            f = new { lineItemsByFulfillmentOrder = new[] { new { fulfillmentOrderId = fo.GetProperty("id").GetString(), fulfillmentOrderLineItems = new[] { new { id = fo.GetProperty("lineItems").GetProperty("nodes")[0].GetProperty("id").GetString(), quantity = 1 } } } } },
        });

        var cancel = await Sandbox.AdminAsync(HttpMethod.Post, $"/shopify/store-a/orders/{orderId}/cancel", """{"reason":"inventory"}""");
        var twice = await Sandbox.AdminAsync(HttpMethod.Post, $"/shopify/store-a/orders/{orderId}/cancel");

        Assert.True(cancel.Status == HttpStatusCode.OK, cancel.Text);
        var order = cancel.Json.GetProperty("order");
        Assert.Equal("inventory", order.GetProperty("cancel_reason").GetString());
        Assert.NotEqual(JsonValueKind.Null, order.GetProperty("cancelled_at").ValueKind);
        Assert.Equal("orders/cancelled", cancel.Json.GetProperty("topic").GetString());
        var tee = await Shopify.InventoryAsync("TEE-BLK-M");
        Assert.Equal(99, tee.GetProperty("available").GetInt32()); // 2 unfulfilled units back; the shipped one is gone
        Assert.Equal(0, tee.GetProperty("committed").GetInt32());
        Assert.Equal(99, tee.GetProperty("on_hand").GetInt32());
        var mug = await Shopify.InventoryAsync("MUG-CLASSIC");
        Assert.Equal(100, mug.GetProperty("available").GetInt32());
        Assert.Equal("CANCELLED", (await Shopify.FulfillmentOrderAsync(orderId)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, twice.Status);
        Assert.Equal("application/problem+json", twice.MediaType);
    }

    [Fact]
    public async Task Admin_order_input_is_checked_with_problem_answers()
    {
        var cases = new[]
        {
            ("store-a", """{"line_items":[]}""", HttpStatusCode.BadRequest),
            ("store-a", """{"line_items":[{"sku":"TEE-BLK-M","quantity":0}]}""", HttpStatusCode.BadRequest),
            ("store-a", """{"line_items":[{"sku":"NOT-SOLD","quantity":1}]}""", HttpStatusCode.BadRequest),
            ("store-a", """{"line_items":[{"sku":"TEE-BLK-M","quantity":1}],"deliveries":11}""", HttpStatusCode.BadRequest),
            ("store-a", """{"line_items":[{"sku":"TEE-BLK-M","quantity":1}],"shipping_address":{"planet":"Mars"}}""", HttpStatusCode.BadRequest),
            ("store-a", """{"id":"abc","line_items":[{"sku":"TEE-BLK-M","quantity":1}]}""", HttpStatusCode.BadRequest),
            ("store-a", "not json", HttpStatusCode.BadRequest),
            ("store-z", """{"line_items":[{"sku":"TEE-BLK-M","quantity":1}]}""", HttpStatusCode.NotFound),
        };

        foreach (var (shop, body, status) in cases)
        {
            var response = await Sandbox.AdminAsync(HttpMethod.Post, $"/shopify/{shop}/orders", body);
            Assert.True(response.Status == status, $"{body}: {response.Status} {response.Text}");
            Assert.Equal("application/problem+json", response.MediaType);
        }

        Assert.Equal(100, (await Shopify.InventoryAsync("TEE-BLK-M")).GetProperty("available").GetInt32());
        var chosen = await Shopify.PlaceOrderAsync("""{"id":1001,"line_items":[{"sku":"TEE-BLK-M","quantity":1}]}""");
        Assert.Equal(1001, chosen.GetProperty("order").GetProperty("id").GetInt64());
        var duplicate = await Sandbox.AdminAsync(HttpMethod.Post, "/shopify/store-a/orders", """{"id":1001,"line_items":[{"sku":"TEE-BLK-M","quantity":1}]}""");
        Assert.Equal(HttpStatusCode.Conflict, duplicate.Status);
        var missingOrder = await Sandbox.AdminAsync(HttpMethod.Get, "/shopify/store-a/orders/5");
        Assert.Equal(HttpStatusCode.NotFound, missingOrder.Status);
    }

    [Fact]
    public async Task An_explicit_null_shipping_address_places_an_order_without_one_and_update_can_add_it()
    {
        var orderId = (await Shopify.PlaceOrderAsync("""{"shipping_address":null,"email":"sam@example.com","line_items":[{"sku":"HAT-RED","quantity":1}]}""", "store-b"))
            .GetProperty("order").GetProperty("id").GetInt64();
        var before = (await Sandbox.AdminAsync(HttpMethod.Get, $"/shopify/store-b/orders/{orderId}")).Json.GetProperty("order");

        var update = await Sandbox.AdminAsync(
            HttpMethod.Post, $"/shopify/store-b/orders/{orderId}/update", """{"shipping_address":{"first_name":"Sam","last_name":"Lee","address1":"2 High St","city":"Leeds","country_code":"GB","zip":"LS1 1AA"}}""");

        Assert.Equal(JsonValueKind.Null, before.GetProperty("shipping_address").ValueKind);
        Assert.Equal("sam@example.com", before.GetProperty("email").GetString());
        Assert.True(update.Status == HttpStatusCode.OK, update.Text);
        Assert.Equal("orders/updated", update.Json.GetProperty("topic").GetString());
        var address = update.Json.GetProperty("order").GetProperty("shipping_address");
        Assert.Equal("GB", address.GetProperty("country_code").GetString());
        Assert.Equal("Sam Lee", address.GetProperty("name").GetString());
        var listed = (await Sandbox.AdminAsync(HttpMethod.Get, "/shopify/store-b/orders")).Json;
        Assert.Equal(orderId, Assert.Single(listed.EnumerateArray()).GetProperty("order").GetProperty("id").GetInt64());
        Assert.Equal(0, (await Sandbox.AdminAsync(HttpMethod.Get, "/shopify/store-a/orders")).Json.GetArrayLength());
    }

    [Fact]
    public async Task Reset_restores_the_seeded_stock_and_forgets_orders()
    {
        await Shopify.PlaceOrderAsync(TeeOrder);
        await Sandbox.AdminAsync(HttpMethod.Put, "/shopify/store-a/inventory/LIMITED-DROP", """{"available":20}""");

        await Sandbox.ResetAsync();

        Assert.Equal(100, (await Shopify.InventoryAsync("TEE-BLK-M")).GetProperty("available").GetInt32());
        Assert.Equal(100, (await Shopify.InventoryAsync("LIMITED-DROP")).GetProperty("available").GetInt32());
        Assert.Equal(0, (await Sandbox.AdminAsync(HttpMethod.Get, "/shopify/store-a/orders")).Json.GetArrayLength());
    }

    [Fact]
    public void A_shop_handle_that_is_not_a_shopify_handle_stops_the_sandbox_at_build_time()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Sandbox:Shopify:Shops:Store_X:WebhookSecret"] = "s" })
            .Build();

        var error = Assert.Throws<InvalidOperationException>(() => { Integration.Sandbox.SandboxServer.Build("http://127.0.0.1:0", configuration); });

        Assert.Contains("Sandbox:Shopify:Shops:Store_X", error.Message, StringComparison.Ordinal);
    }

    private async Task<JsonElement> CreateAsync(string foId, string lineId, int quantity)
    {
        var data = await Shopify.DataAsync(ShopifySandboxClient.FulfillmentCreate, new
        {
            f = new { lineItemsByFulfillmentOrder = new[] { new { fulfillmentOrderId = foId, fulfillmentOrderLineItems = new[] { new { id = lineId, quantity } } } } },
        });
        return data.GetProperty("fulfillmentCreate");
    }

    private static string? UserErrorMessage(JsonElement result)
    {
        Assert.Equal(JsonValueKind.Null, result.GetProperty("fulfillment").ValueKind);
        return Assert.Single(result.GetProperty("userErrors").EnumerateArray()).GetProperty("message").GetString();
    }

    private async Task<JsonElement> SetAsync(string key, string? item, string? location, int quantity, int? compare, string shop = "store-a")
    {
        var data = await Shopify.DataAsync(ShopifySandboxClient.SetQuantities(key), new
        {
            input = new
            {
                name = "available",
                reason = "correction",
                referenceDocumentUri = "gid://integration/StockSync/WH-TEE-WHT-L/1",
                quantities = new[] { new { inventoryItemId = item, locationId = location, quantity, compareQuantity = compare } },
            },
        }, shop);
        return data.GetProperty("inventorySetQuantities");
    }
}
