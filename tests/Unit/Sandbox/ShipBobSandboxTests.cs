using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Integration.Activities.Webhooks.Signatures;
using Xunit;

namespace Integration.Tests.Unit.Sandbox;

public sealed class ShipBobSandboxTests(WarehouseSandboxFixture fixture) : IClassFixture<WarehouseSandboxFixture>, IAsyncLifetime
{
    private SandboxHost Sandbox => fixture.Host;

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Created_order_is_201_processing_with_one_shipment_and_commits_its_units()
    {
        var created = await fixture.ShipBobAsync(HttpMethod.Post, "/order", WarehouseSandboxFixture.ShipBobOrderJson(quantity: 2));

        Assert.Equal(HttpStatusCode.Created, created.Status);
        var order = created.Json;
        Assert.Equal("store-a-1001", order.GetProperty("reference_id").GetString());
        Assert.Equal("Processing", order.GetProperty("status").GetString());
        Assert.Equal(100100, order.GetProperty("channel").GetProperty("id").GetInt64());
        var shipment = Assert.Single(order.GetProperty("shipments").EnumerateArray());
        Assert.Equal("Processing", shipment.GetProperty("status").GetString());
        Assert.Equal(2, Assert.Single(shipment.GetProperty("products").EnumerateArray()).GetProperty("quantity").GetInt32());

        var level = await InventoryLevelAsync("WH-TEE-BLK-M");
        Assert.Equal(100, level.GetProperty("total_on_hand_quantity").GetInt32());
        Assert.Equal(2, level.GetProperty("total_committed_quantity").GetInt32());
        Assert.Equal(98, level.GetProperty("total_fulfillable_quantity").GetInt32());
    }

    [Fact]
    public async Task Duplicate_reference_is_422_and_the_first_order_is_found_by_ReferenceIds()
    {
        var first = await fixture.ShipBobAsync(HttpMethod.Post, "/order", WarehouseSandboxFixture.ShipBobOrderJson());
        var id = first.Json.GetProperty("id").GetInt64();

        var repeat = await fixture.ShipBobAsync(HttpMethod.Post, "/order", WarehouseSandboxFixture.ShipBobOrderJson());
        var found = await fixture.ShipBobAsync(HttpMethod.Get, "/order?ReferenceIds=store-a-1001,other");
        var byId = await fixture.ShipBobAsync(HttpMethod.Get, $"/order/{id}");
        var unknown = await fixture.ShipBobAsync(HttpMethod.Get, "/order/999");

        Assert.Equal((HttpStatusCode)422, repeat.Status);
        Assert.Equal("Cannot insert order with existing ReferenceId", Assert.Single(repeat.Json.GetProperty("").EnumerateArray()).GetString());
        Assert.Equal(HttpStatusCode.OK, found.Status);
        Assert.Equal(id, Assert.Single(found.Json.EnumerateArray()).GetProperty("id").GetInt64());
        Assert.Equal("store-a-1001", byId.Json.GetProperty("reference_id").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Single((await Sandbox.AdminAsync(HttpMethod.Get, "/shipbob/orders")).Json.EnumerateArray());
    }

    [Fact]
    public async Task Unknown_product_reference_is_400_keyed_by_the_product_and_creates_nothing()
    {
        var response = await fixture.ShipBobAsync(HttpMethod.Post, "/order", WarehouseSandboxFixture.ShipBobOrderJson(sku: "WH-NOT-STOCKED"));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        var message = Assert.Single(response.Json.GetProperty("products[0].reference_id").EnumerateArray()).GetString();
        Assert.Contains("WH-NOT-STOCKED", message);
        Assert.Empty((await Sandbox.AdminAsync(HttpMethod.Get, "/shipbob/orders")).Json.EnumerateArray());
    }

    [Fact]
    public async Task Missing_recipient_address_fields_are_400_per_field()
    {
        var response = await fixture.ShipBobAsync(HttpMethod.Post, "/order", WarehouseSandboxFixture.ShipBobOrderJson(address1: null));
        var noProducts = await fixture.ShipBobAsync(HttpMethod.Post, "/order", """{"reference_id":"x","shipping_method":"Standard","recipient":{"name":"A","address":{"address1":"1","city":"c","country":"US"}},"products":[]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.True(response.Json.TryGetProperty("recipient.address.address1", out _), response.Text);
        Assert.Equal(HttpStatusCode.BadRequest, noProducts.Status);
        Assert.True(noProducts.Json.TryGetProperty("products", out _), noProducts.Text);
    }

    [Fact]
    public async Task Writes_need_the_channel_header_calls_need_the_token_and_unknown_versions_are_404()
    {
        var noChannel = await fixture.ShipBobAsync(HttpMethod.Post, "/order", WarehouseSandboxFixture.ShipBobOrderJson(), channel: null);
        var readWithoutChannel = await fixture.ShipBobAsync(HttpMethod.Get, "/inventory-level", channel: null);
        var noToken = await fixture.ShipBobAsync(HttpMethod.Get, "/inventory-level", token: null);
        var wrongToken = await fixture.ShipBobAsync(HttpMethod.Post, "/order", WarehouseSandboxFixture.ShipBobOrderJson(), token: "wrong");
        var oldVersion = await fixture.ShipBobAsync(HttpMethod.Get, "/inventory-level", version: "1.0");

        Assert.Equal(HttpStatusCode.BadRequest, noChannel.Status);
        Assert.True(noChannel.Json.TryGetProperty("shipbob_channel_id", out _));
        Assert.Equal(HttpStatusCode.OK, readWithoutChannel.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongToken.Status);
        Assert.Equal(HttpStatusCode.NotFound, oldVersion.Status);
        Assert.Empty((await Sandbox.AdminAsync(HttpMethod.Get, "/shipbob/orders")).Json.EnumerateArray());
    }

    [Fact]
    public async Task Cancel_before_shipping_succeeds_and_releases_the_committed_units()
    {
        var id = await CreateAsync();

        var cancel = await fixture.ShipBobAsync(HttpMethod.Post, $"/order/{id}:cancel");

        Assert.Equal(HttpStatusCode.OK, cancel.Status);
        Assert.Equal(id, cancel.Json.GetProperty("order_id").GetInt64());
        Assert.Equal("Success", cancel.Json.GetProperty("status").GetString());
        var result = Assert.Single(cancel.Json.GetProperty("canceled_shipment_results").EnumerateArray());
        Assert.True(result.GetProperty("is_success").GetBoolean());
        Assert.Equal("Cancel", result.GetProperty("action").GetString());
        Assert.Equal("Cancelled", cancel.Json.GetProperty("order").GetProperty("status").GetString());
        Assert.Equal(0, (await InventoryLevelAsync("WH-TEE-BLK-M")).GetProperty("total_committed_quantity").GetInt32());

        var again = await fixture.ShipBobAsync(HttpMethod.Post, $"/order/{id}:cancel");
        Assert.Equal("Success", again.Json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Cancel_after_shipping_is_Failure_with_is_success_false()
    {
        var id = await CreateAsync();
        Assert.Equal(HttpStatusCode.OK, (await Sandbox.AdminAsync(HttpMethod.Post, $"/shipbob/orders/{id}/ship")).Status);

        var cancel = await fixture.ShipBobAsync(HttpMethod.Post, $"/order/{id}:cancel");
        var unknown = await fixture.ShipBobAsync(HttpMethod.Post, "/order/999:cancel");

        Assert.Equal(HttpStatusCode.OK, cancel.Status);
        Assert.Equal("Failure", cancel.Json.GetProperty("status").GetString());
        Assert.False(Assert.Single(cancel.Json.GetProperty("canceled_shipment_results").EnumerateArray()).GetProperty("is_success").GetBoolean());
        Assert.Equal("Fulfilled", cancel.Json.GetProperty("order").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
    }

    [Fact]
    public async Task Ship_sends_order_shipped_signed_as_standard_webhooks_with_the_shipment()
    {
        var id = await CreateAsync(quantity: 2);

        var ship = await Sandbox.AdminAsync(HttpMethod.Post, "/shipbob/orders/store-a-1001/ship", """{"carrier":"UPS","tracking_number":"1Z999"}""");

        Assert.Equal(HttpStatusCode.OK, ship.Status);
        Assert.Equal(202, ship.Json.GetProperty("delivery").GetProperty("status_code").GetInt32());
        var webhook = Assert.Single(fixture.Receiver.Received);
        Assert.Equal("/api/v1/webhooks/shipbob", webhook.Path);
        Assert.Equal("order.shipped", webhook.Headers["x-webhook-topic"]);

        // Standard Webhooks v1, computed here from the spec: HMAC-SHA256 keyed with the bytes after whsec_.
        var key = Convert.FromBase64String(WarehouseSandboxFixture.ShipBobSecret["whsec_".Length..]);
        var signed = Encoding.UTF8.GetBytes($"{webhook.Headers["webhook-id"]}.{webhook.Headers["webhook-timestamp"]}.").Concat(webhook.Body).ToArray();
        Assert.Equal("v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed)), webhook.Headers["webhook-signature"]);
        var timestamp = long.Parse(webhook.Headers["webhook-timestamp"], CultureInfo.InvariantCulture);
        Assert.InRange(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - timestamp, -5, 60);
        Assert.DoesNotContain('.', webhook.Headers["webhook-id"]);

        // ...and the product's own verifier accepts it with the development secret.
        var verification = new StandardWebhooksSignature().Verify(
            new WebhookRequest("POST", new Uri("http://127.0.0.1/api/v1/webhooks/shipbob"), webhook.Headers, webhook.Body),
            [WarehouseSandboxFixture.ShipBobSecret], DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
        Assert.True(verification.IsValid);

        using var body = JsonDocument.Parse(webhook.Body);
        var shipment = body.RootElement;
        Assert.Equal(id, shipment.GetProperty("order_id").GetInt64());
        Assert.Equal("store-a-1001", shipment.GetProperty("reference_id").GetString());
        Assert.Equal("Completed", shipment.GetProperty("status").GetString());
        Assert.Equal("UPS", shipment.GetProperty("tracking").GetProperty("carrier").GetString());
        Assert.Equal("1Z999", shipment.GetProperty("tracking").GetProperty("tracking_number").GetString());
        var product = Assert.Single(shipment.GetProperty("products").EnumerateArray());
        Assert.Equal("WH-TEE-BLK-M", product.GetProperty("reference_id").GetString());
        Assert.Equal(2, product.GetProperty("quantity").GetInt32());
    }

    [Fact]
    public async Task Partial_ship_completes_the_lines_shipped_and_keeps_the_rest_open()
    {
        var id = await CreateAsync(quantity: 3);

        var first = await Sandbox.AdminAsync(HttpMethod.Post, $"/shipbob/orders/{id}/ship", """{"lines":[{"sku":"WH-TEE-BLK-M","quantity":1}]}""");
        var afterFirst = (await Sandbox.AdminAsync(HttpMethod.Get, $"/shipbob/orders/{id}")).Json;
        var levelAfterFirst = await InventoryLevelAsync("WH-TEE-BLK-M");
        var second = await Sandbox.AdminAsync(HttpMethod.Post, $"/shipbob/orders/{id}/ship");
        var afterSecond = (await Sandbox.AdminAsync(HttpMethod.Get, $"/shipbob/orders/{id}")).Json;
        var nothingLeft = await Sandbox.AdminAsync(HttpMethod.Post, $"/shipbob/orders/{id}/ship");
        var shipments = await fixture.ShipBobAsync(HttpMethod.Get, $"/order/{id}/shipment");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("PartiallyFulfilled", afterFirst.GetProperty("status").GetString());
        Assert.Equal(1, Assert.Single(afterFirst.GetProperty("lines").EnumerateArray()).GetProperty("shipped").GetInt32());
        Assert.Equal(["Completed", "Processing"], afterFirst.GetProperty("shipments").EnumerateArray().Select(s => s.GetProperty("status").GetString()));
        Assert.Equal(99, levelAfterFirst.GetProperty("total_on_hand_quantity").GetInt32());
        Assert.Equal(2, levelAfterFirst.GetProperty("total_committed_quantity").GetInt32());

        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal(2, Assert.Single(second.Json.GetProperty("shipment").GetProperty("products").EnumerateArray()).GetProperty("quantity").GetInt32());
        Assert.Equal("Fulfilled", afterSecond.GetProperty("status").GetString());
        Assert.Equal(2, afterSecond.GetProperty("webhooks").GetArrayLength());
        Assert.Equal(2, fixture.Receiver.Received.Count);
        Assert.NotEqual(first.Json.GetProperty("shipment").GetProperty("tracking").GetProperty("tracking_number").GetString(),
            second.Json.GetProperty("shipment").GetProperty("tracking").GetProperty("tracking_number").GetString());
        Assert.Equal(HttpStatusCode.Conflict, nothingLeft.Status);
        Assert.Equal([1, 2], shipments.Json.EnumerateArray().Select(s => s.GetProperty("products")[0].GetProperty("quantity").GetInt32()));
        Assert.All(shipments.Json.EnumerateArray(), s => Assert.Equal("Completed", s.GetProperty("status").GetString()));
        var level = await InventoryLevelAsync("WH-TEE-BLK-M");
        Assert.Equal(97, level.GetProperty("total_on_hand_quantity").GetInt32());
        Assert.Equal(0, level.GetProperty("total_committed_quantity").GetInt32());
    }

    [Fact]
    public async Task Ship_refuses_more_than_is_left_or_on_hand_and_unknown_orders()
    {
        var id = await CreateAsync(quantity: 2);
        await Sandbox.AdminAsync(HttpMethod.Put, "/shipbob/inventory/WH-TEE-BLK-M", """{"on_hand":1}""");

        var tooMany = await Sandbox.AdminAsync(HttpMethod.Post, $"/shipbob/orders/{id}/ship", """{"lines":[{"sku":"WH-TEE-BLK-M","quantity":3}]}""");
        var notHeld = await Sandbox.AdminAsync(HttpMethod.Post, $"/shipbob/orders/{id}/ship");
        var unknown = await Sandbox.AdminAsync(HttpMethod.Post, "/shipbob/orders/store-z-9/ship");
        var badBody = await Sandbox.AdminAsync(HttpMethod.Post, $"/shipbob/orders/{id}/ship", """{"lines":[{"sku":"WH-TEE-BLK-M","quantity":0}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, tooMany.Status);
        Assert.Equal(HttpStatusCode.Conflict, notHeld.Status);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal(HttpStatusCode.BadRequest, badBody.Status);
        Assert.Equal("application/problem+json", notHeld.MediaType);
        Assert.Empty(fixture.Receiver.Received);
        Assert.Equal(1, (await InventoryLevelAsync("WH-TEE-BLK-M")).GetProperty("total_on_hand_quantity").GetInt32());
    }

    [Fact]
    public async Task Exception_and_cancel_shipment_send_their_topics_and_a_cancelled_shipment_frees_its_units()
    {
        var id = await CreateAsync(quantity: 2);

        var exception = await Sandbox.AdminAsync(HttpMethod.Post, $"/shipbob/orders/{id}/exception", """{"description":"Address undeliverable"}""");
        var status = (await Sandbox.AdminAsync(HttpMethod.Get, $"/shipbob/orders/{id}")).Json.GetProperty("status").GetString();
        var cancelled = await Sandbox.AdminAsync(HttpMethod.Post, $"/shipbob/orders/{id}/cancel-shipment");

        Assert.Equal(HttpStatusCode.OK, exception.Status);
        Assert.Equal("Exception", status);
        Assert.Equal(HttpStatusCode.OK, cancelled.Status);
        var sent = fixture.Receiver.Received.ToArray();
        Assert.Equal(["order.shipment.exception", "order.shipment.cancelled"], sent.Select(w => w.Headers["x-webhook-topic"]));
        using var first = JsonDocument.Parse(sent[0].Body);
        Assert.Equal("Exception", first.RootElement.GetProperty("status").GetString());
        Assert.Equal("Address undeliverable", first.RootElement.GetProperty("status_details")[0].GetProperty("description").GetString());
        using var second = JsonDocument.Parse(sent[1].Body);
        Assert.Equal("Cancelled", second.RootElement.GetProperty("status").GetString());
        Assert.Equal(0, (await InventoryLevelAsync("WH-TEE-BLK-M")).GetProperty("total_committed_quantity").GetInt32());
    }

    [Fact]
    public async Task Inventory_levels_page_with_next_links_and_admin_sets_on_hand()
    {
        var set = await Sandbox.AdminAsync(HttpMethod.Put, "/shipbob/inventory/WH-LIMITED-DROP", """{"on_hand":20}""");
        var invalid = await Sandbox.AdminAsync(HttpMethod.Put, "/shipbob/inventory/WH-LIMITED-DROP", """{"on_hand":-1}""");

        var skus = new List<string>();
        string? next = "/shipbob/2026-01/inventory-level?PageSize=2";
        var pages = 0;
        while (next is not null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, next);
            request.Headers.Authorization = new("Bearer", WarehouseSandboxFixture.ShipBobToken);
            var page = JsonDocument.Parse(await (await Sandbox.Http.SendAsync(request)).Content.ReadAsStringAsync()).RootElement;
            skus.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("sku").GetString()!));
            next = page.GetProperty("next").GetString();
            pages++;
        }

        Assert.Equal(HttpStatusCode.OK, set.Status);
        Assert.Equal(20, set.Json.GetProperty("on_hand").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.Equal(3, pages);
        Assert.Equal(["WH-TEE-BLK-M", "WH-TEE-WHT-L", "WH-MUG-CLASSIC", "WH-HAT-RED", "WH-LIMITED-DROP"], skus);
        Assert.Equal(20, (await InventoryLevelAsync("WH-LIMITED-DROP")).GetProperty("total_on_hand_quantity").GetInt32());
    }

    [Fact]
    public async Task Lost_response_after_processing_still_creates_the_order_which_the_repeat_and_the_lookup_find()
    {
        await Sandbox.SetFaultsAsync("shipbob", """{"rate500AfterProcessing":1}""");

        var lost = await fixture.ShipBobAsync(HttpMethod.Post, "/order", WarehouseSandboxFixture.ShipBobOrderJson());
        await Sandbox.SetFaultsAsync("shipbob", "{}");
        var repeat = await fixture.ShipBobAsync(HttpMethod.Post, "/order", WarehouseSandboxFixture.ShipBobOrderJson());
        var found = await fixture.ShipBobAsync(HttpMethod.Get, "/order?ReferenceIds=store-a-1001");

        Assert.Equal(HttpStatusCode.InternalServerError, lost.Status);
        Assert.Equal(500, lost.Json.GetProperty("status").GetInt32());
        Assert.Equal((HttpStatusCode)422, repeat.Status);
        Assert.Equal("store-a-1001", Assert.Single(found.Json.EnumerateArray()).GetProperty("reference_id").GetString());
        Assert.Single((await Sandbox.AdminAsync(HttpMethod.Get, "/shipbob/orders")).Json.EnumerateArray());
    }

    [Fact]
    public async Task Injected_429_and_500_use_shipbob_shapes_and_change_nothing()
    {
        await Sandbox.SetFaultsAsync("shipbob", """{"rate429":1,"retryAfterSeconds":4}""");
        var throttled = await fixture.ShipBobAsync(HttpMethod.Post, "/order", WarehouseSandboxFixture.ShipBobOrderJson());
        await Sandbox.SetFaultsAsync("shipbob", """{"rate500":1}""");
        var failed = await fixture.ShipBobAsync(HttpMethod.Post, "/order", WarehouseSandboxFixture.ShipBobOrderJson());

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.Status);
        Assert.Equal(TimeSpan.FromSeconds(4), throttled.Message.Headers.RetryAfter?.Delta);
        Assert.Equal("4", throttled.Message.Headers.GetValues("x-retry-after").Single());
        Assert.Equal(429, throttled.Json.GetProperty("statusCode").GetInt32());
        Assert.Equal(HttpStatusCode.InternalServerError, failed.Status);
        Assert.Empty((await Sandbox.AdminAsync(HttpMethod.Get, "/shipbob/orders")).Json.EnumerateArray());
    }

    [Fact]
    public async Task Reset_forgets_orders_and_restores_the_seed_stock()
    {
        var id = await CreateAsync();
        await Sandbox.AdminAsync(HttpMethod.Post, $"/shipbob/orders/{id}/ship");
        await Sandbox.AdminAsync(HttpMethod.Put, "/shipbob/inventory/WH-LIMITED-DROP", """{"on_hand":20}""");

        await Sandbox.ResetAsync();

        Assert.Empty((await Sandbox.AdminAsync(HttpMethod.Get, "/shipbob/orders")).Json.EnumerateArray());
        var stock = (await Sandbox.AdminAsync(HttpMethod.Get, "/shipbob/inventory")).Json.EnumerateArray()
            .ToDictionary(i => i.GetProperty("sku").GetString()!, i => i.GetProperty("on_hand").GetInt32());
        Assert.Equal(100, stock["WH-TEE-BLK-M"]);
        Assert.Equal(0, stock["WH-LIMITED-DROP"]);
        Assert.Equal(5, stock.Count);
    }

    [Fact]
    public async Task Concurrent_creates_of_one_reference_make_exactly_one_order()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            fixture.ShipBobAsync(HttpMethod.Post, "/order", WarehouseSandboxFixture.ShipBobOrderJson(quantity: 1))));

        Assert.Single(answers, a => a.Status == HttpStatusCode.Created);
        Assert.Equal(9, answers.Count(a => a.Status == (HttpStatusCode)422));
        Assert.Single((await Sandbox.AdminAsync(HttpMethod.Get, "/shipbob/orders")).Json.EnumerateArray());
        Assert.Equal(1, (await InventoryLevelAsync("WH-TEE-BLK-M")).GetProperty("total_committed_quantity").GetInt32());
    }

    [Fact]
    public async Task A_product_that_cannot_be_reached_leaves_the_shipment_recorded_and_says_so()
    {
        // A port nothing listens on: bind one, note it, free it.
        var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        await using var sandbox = await SandboxHost.StartAsync(new Dictionary<string, string?>
        {
            ["Sandbox:Webhooks:BaseUrl"] = $"http://127.0.0.1:{port}/api/v1/webhooks",
        });
        using var create = new HttpRequestMessage(HttpMethod.Post, "/shipbob/2026-01/order")
        {
            Content = new StringContent(WarehouseSandboxFixture.ShipBobOrderJson(), Encoding.UTF8, "application/json"),
        };
        create.Headers.Authorization = new("Bearer", WarehouseSandboxFixture.ShipBobToken);
        create.Headers.Add("shipbob_channel_id", WarehouseSandboxFixture.ChannelId);
        Assert.Equal(HttpStatusCode.Created, (await sandbox.Http.SendAsync(create)).StatusCode);

        var ship = await sandbox.AdminAsync(HttpMethod.Post, "/shipbob/orders/store-a-1001/ship");
        var state = (await sandbox.AdminAsync(HttpMethod.Get, "/shipbob/orders/store-a-1001")).Json;

        Assert.Equal(HttpStatusCode.OK, ship.Status);
        Assert.Contains("could not be reached", ship.Json.GetProperty("delivery").GetProperty("error").GetString());
        Assert.Equal("Fulfilled", state.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, state.GetProperty("webhooks")[0].GetProperty("status_code").ValueKind);
    }

    [Fact]
    public async Task Configured_credentials_replace_the_defaults_and_a_malformed_webhook_secret_stops_start_up()
    {
        await using var sandbox = await SandboxHost.StartAsync(new Dictionary<string, string?>
        {
            ["Sandbox:ShipBob:AccessToken"] = "custom-shipbob",
            ["Sandbox:ShipStation:ApiKey"] = "k",
            ["Sandbox:ShipStation:ApiSecret"] = "s",
            ["Sandbox:ShipStation:InventoryApiKey"] = "v2",
        });

        async Task<HttpStatusCode> GetAsync(string path, Action<HttpRequestMessage> authorise)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            authorise(request);
            return (await sandbox.Http.SendAsync(request)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await GetAsync("/shipbob/2026-01/inventory-level", r => r.Headers.Authorization = new("Bearer", "custom-shipbob")));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync("/shipbob/2026-01/inventory-level", r => r.Headers.Authorization = new("Bearer", WarehouseSandboxFixture.ShipBobToken)));
        Assert.Equal(HttpStatusCode.OK, await GetAsync("/shipstation/orders", r => r.Headers.Authorization = new("Basic", Convert.ToBase64String("k:s"u8.ToArray()))));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync("/shipstation/orders", r => r.Headers.Authorization = new("Basic", WarehouseSandboxFixture.ShipStationBasic)));
        Assert.Equal(HttpStatusCode.OK, await GetAsync("/shipstation/v2/inventory", r => r.Headers.Add("API-Key", "v2")));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SandboxHost.StartAsync(new Dictionary<string, string?>
        {
            ["Sandbox:ShipBob:WebhookSecret"] = "whsec_dG9vLXNob3J0", // "too-short": 9 bytes, the spec asks for 24 to 64
        }));
        Assert.Contains("Sandbox:ShipBob:WebhookSecret", error.Message);
    }

    private async Task<long> CreateAsync(int quantity = 2)
    {
        var created = await fixture.ShipBobAsync(HttpMethod.Post, "/order", WarehouseSandboxFixture.ShipBobOrderJson(quantity: quantity));
        Assert.True(created.Status == HttpStatusCode.Created, created.Text);
        return created.Json.GetProperty("id").GetInt64();
    }

    private async Task<JsonElement> InventoryLevelAsync(string sku)
    {
        var response = await fixture.ShipBobAsync(HttpMethod.Get, "/inventory-level?PageSize=250");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return response.Json.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("sku").GetString() == sku);
    }
}
