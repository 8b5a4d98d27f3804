using System.Net;
using System.Text;
using System.Text.Json;
using Integration.Activities.Connectors.ShipStation;
using Integration.Activities.Connectors.Warehouses;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.Orders;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;
using Xunit;

namespace Integration.Tests.Unit.Activities.Connectors.Orders;

/// <summary>ShipStationClient against a scripted ShipStation: the upsert it sends, a locked order read back, cancel outcomes, v2 stock and the SSRF check on SHIP_NOTIFY URLs.</summary>
public sealed class ShipStationClientTests
{
    private const string Correlation = "corr-ss-1";
    private const string Base = "http://127.0.0.1:7080/shipstation";
    private const string Locked = """{"Message":"The request is invalid.","ModelState":{"apiOrder":["Order 70001 is shipped and cannot be updated"]}}""";

    [Fact]
    public async Task Create_upserts_by_order_key_with_basic_auth_and_returns_the_order_id()
    {
        var (client, http) = Client(new ScriptedHttp().Ok("""{"orderId":70001,"orderNumber":"#1001","orderKey":"store-a-1001","orderStatus":"awaiting_shipment"}"""));

        WarehouseOrderResult result = await client.CreateOrderAsync(Order(), default);

        Assert.Equal(new WarehouseOrderResult("shipstation", "store-a-1001", WarehouseOrderResult.Created, "70001", null), result);
        SentRequest sent = Assert.Single(http.Requests);
        Assert.Equal($"{Base}/orders/createorder", sent.Uri.AbsoluteUri);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("ss-key:ss-secret")), sent.Headers["Authorization"]);
        Assert.Equal(Correlation, sent.CorrelationId);
        JsonElement body = sent.Json;
        Assert.Equal("store-a-1001", body.GetProperty("orderKey").GetString());
        Assert.Equal("#1001", body.GetProperty("orderNumber").GetString());
        Assert.Equal("awaiting_shipment", body.GetProperty("orderStatus").GetString());
        Assert.Equal("2026-12-07T10:00:00.0000000", body.GetProperty("orderDate").GetString());
        Assert.Equal("ada@example.com", body.GetProperty("customerEmail").GetString());
        Assert.Equal("Ada Lovelace", body.GetProperty("billTo").GetProperty("name").GetString());
        JsonElement shipTo = body.GetProperty("shipTo");
        Assert.Equal(("100 N Racine Ave", "Suite 100", "Chicago", "IL", "60607", "US", "555-0100"), (
            shipTo.GetProperty("street1").GetString(), shipTo.GetProperty("street2").GetString(), shipTo.GetProperty("city").GetString(),
            shipTo.GetProperty("state").GetString(), shipTo.GetProperty("postalCode").GetString(), shipTo.GetProperty("country").GetString(), shipTo.GetProperty("phone").GetString()));
        JsonElement item = Assert.Single(body.GetProperty("items").EnumerateArray());
        Assert.Equal(("9001", "WH-TEE-BLK-M", "Tee black M", 2, 25m), (
            item.GetProperty("lineItemKey").GetString(), item.GetProperty("sku").GetString(), item.GetProperty("name").GetString(),
            item.GetProperty("quantity").GetInt32(), item.GetProperty("unitPrice").GetDecimal()));
    }

    [Fact]
    public async Task A_locked_shipped_order_is_read_back_by_order_number_and_returned_as_existing()
    {
        var (client, http) = Client(new ScriptedHttp()
            .Answer(HttpStatusCode.BadRequest, Locked)
            .Ok("""{"orders":[{"orderId":69999,"orderNumber":"#1001","orderKey":"store-b-1001","orderStatus":"awaiting_shipment"},{"orderId":70001,"orderNumber":"#1001","orderKey":"store-a-1001","orderStatus":"shipped"}],"total":2,"page":1,"pages":1}"""));

        WarehouseOrderResult result = await client.CreateOrderAsync(Order(), default);

        Assert.Equal(new WarehouseOrderResult("shipstation", "store-a-1001", WarehouseOrderResult.Existing, "70001", "shipped"), result);
        Assert.Equal($"{Base}/orders?orderNumber=%231001", http.Requests[1].Uri.AbsoluteUri);
    }

    [Fact]
    public async Task A_locked_cancelled_order_cannot_take_the_key_again_and_is_refused()
    {
        var (client, _) = Client(new ScriptedHttp()
            .Answer(HttpStatusCode.BadRequest, Locked)
            .Ok("""{"orders":[{"orderId":70001,"orderKey":"store-a-1001","orderStatus":"cancelled"}],"page":1,"pages":1}"""));

        WarehouseOrderResult result = await client.CreateOrderAsync(Order(), default);

        Assert.Equal(WarehouseOrderResult.Refused, result.Outcome);
        Assert.Contains("cancelled and locked", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_400_with_no_order_under_the_key_is_a_refusal_with_shipstations_model_state()
    {
        var (client, _) = Client(new ScriptedHttp()
            .Answer(HttpStatusCode.BadRequest, """{"Message":"The request is invalid.","ModelState":{"apiOrder.shipTo.country":["Country is invalid"]}}""")
            .Ok("""{"orders":[],"page":1,"pages":0}"""));

        WarehouseOrderResult result = await client.CreateOrderAsync(Order(), default);

        Assert.Equal(WarehouseOrderResult.Refused, result.Outcome);
        Assert.Equal("shipstation: The request is invalid.; apiOrder.shipTo.country: Country is invalid", result.Detail);
    }

    [Fact]
    public async Task Cancel_reads_the_order_and_sends_it_back_whole_as_cancelled()
    {
        var (client, http) = Client(new ScriptedHttp()
            .Ok("""{"orderId":70001,"orderNumber":"#1001","orderKey":"store-a-1001","orderStatus":"awaiting_shipment","shipTo":{"name":"Ada"},"items":[{"sku":"WH-TEE-BLK-M","quantity":2}]}""")
            .Ok("""{"orderId":70001,"orderStatus":"cancelled"}"""));

        WarehouseCancelResult result = await client.CancelOrderAsync(Cancel("70001"), default);

        Assert.Equal(WarehouseCancelResult.Cancelled, result.Outcome);
        Assert.Equal($"{Base}/orders/70001", http.Requests[0].Uri.AbsoluteUri);
        JsonElement sent = http.Requests[1].Json;
        Assert.Equal($"{Base}/orders/createorder", http.Requests[1].Uri.AbsoluteUri);
        Assert.Equal("cancelled", sent.GetProperty("orderStatus").GetString());
        Assert.Equal("store-a-1001", sent.GetProperty("orderKey").GetString());
        Assert.Equal("Ada", sent.GetProperty("shipTo").GetProperty("name").GetString());
        Assert.Equal(2, sent.GetProperty("items")[0].GetProperty("quantity").GetInt32());
    }

    [Fact]
    public async Task Cancel_of_a_shipped_order_is_too_late_without_writing_and_of_a_cancelled_one_is_cancelled()
    {
        var (client, http) = Client(new ScriptedHttp()
            .Ok("""{"orderId":70001,"orderKey":"store-a-1001","orderStatus":"shipped"}""")
            .Ok("""{"orderId":70001,"orderKey":"store-a-1001","orderStatus":"cancelled"}"""));

        WarehouseCancelResult shipped = await client.CancelOrderAsync(Cancel("70001"), default);
        WarehouseCancelResult again = await client.CancelOrderAsync(Cancel("70001"), default);

        Assert.Equal(WarehouseCancelResult.TooLate, shipped.Outcome);
        Assert.Equal(WarehouseCancelResult.Cancelled, again.Outcome);
        Assert.All(http.Requests, r => Assert.Equal(HttpMethod.Get, r.Method));
    }

    [Fact]
    public async Task An_order_locked_between_read_and_write_is_read_again_and_too_late_when_shipped()
    {
        var (client, _) = Client(new ScriptedHttp()
            .Ok("""{"orderId":70001,"orderKey":"store-a-1001","orderStatus":"awaiting_shipment"}""")
            .Answer(HttpStatusCode.BadRequest, Locked)
            .Ok("""{"orderId":70001,"orderKey":"store-a-1001","orderStatus":"shipped"}"""));

        WarehouseCancelResult result = await client.CancelOrderAsync(Cancel("70001"), default);

        Assert.Equal(WarehouseCancelResult.TooLate, result.Outcome);
    }

    [Fact]
    public async Task Cancel_of_an_unknown_order_or_with_no_recorded_id_is_not_found()
    {
        var (client, http) = Client(new ScriptedHttp().Answer(HttpStatusCode.NotFound, "{}"));

        WarehouseCancelResult unknown = await client.CancelOrderAsync(Cancel("1"), default);
        WarehouseCancelResult noId = await client.CancelOrderAsync(Cancel(null), default);

        Assert.Equal(WarehouseCancelResult.NotFound, unknown.Outcome);
        Assert.Equal(WarehouseCancelResult.NotFound, noId.Outcome);
        Assert.Single(http.Requests);
    }

    [Fact]
    public async Task Without_the_v2_inventory_settings_there_is_no_stock_api_and_no_call()
    {
        var (client, http) = Client(new ScriptedHttp());

        Assert.Null(await client.GetStockAsync(Correlation, default));
        Assert.Empty(http.Requests);
    }

    [Fact]
    public async Task V2_stock_sums_on_hand_over_locations_per_sku_over_every_page_with_the_api_key()
    {
        var (client, http) = Client(new ScriptedHttp()
            .Ok("""{"inventory":[{"sku":"WH-TEE-BLK-M","on_hand":60,"allocated":5,"available":55,"inventory_warehouse_id":"w1","inventory_location_id":"l1"},{"sku":"WH-TEE-BLK-M","on_hand":40,"inventory_location_id":"l2"}],"total":3,"page":1,"pages":2}""")
            .Ok("""{"inventory":[{"sku":"WH-HAT-RED","on_hand":7}],"total":3,"page":2,"pages":2}"""), withInventory: true);

        IReadOnlyList<WarehouseStockLevel>? stock = await client.GetStockAsync(Correlation, default);

        Assert.Equal([new WarehouseStockLevel("WH-TEE-BLK-M", 100), new WarehouseStockLevel("WH-HAT-RED", 7)], stock);
        Assert.Equal([$"{Base}/v2/inventory?page_size=500", $"{Base}/v2/inventory?page_size=500&page=2"], http.Requests.Select(r => r.Uri.AbsoluteUri));
        Assert.All(http.Requests, r => Assert.Equal("v2-key", r.Headers[ShipStationClient.InventoryKeyHeader]));
        Assert.All(http.Requests, r => Assert.False(r.Headers.ContainsKey("Authorization")));
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data?x=/shipstation")]
    [InlineData("https://127.0.0.1:7080/shipstation/shipments?batchId=1")]
    [InlineData("http://127.0.0.1:7081/shipstation/shipments?batchId=1")]
    [InlineData("http://user@127.0.0.1:7080/shipstation/shipments?batchId=1")]
    public async Task A_resource_url_not_at_shipstations_origin_is_refused_before_any_request(string url)
    {
        var (client, http) = Client(new ScriptedHttp());

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.GetShipmentsAsync(new Uri(url), Correlation, default));

        Assert.Contains("does not point at ShipStation", error.Message, StringComparison.Ordinal);
        Assert.Empty(http.Requests);
    }

    [Fact]
    public async Task The_shipments_of_a_ship_notify_are_fetched_page_by_page_as_shipstation_sent_them()
    {
        var (client, http) = Client(new ScriptedHttp()
            .Ok("""{"shipments":[{"shipmentId":1,"orderKey":"store-a-1001","trackingNumber":"9400","voided":false,"shipmentItems":[{"sku":"WH-TEE-BLK-M","quantity":2}]}],"total":2,"page":1,"pages":2}""")
            .Ok("""{"shipments":[{"shipmentId":2,"orderKey":"store-a-1002","voided":true}],"total":2,"page":2,"pages":2}"""));

        IReadOnlyList<JsonElement> shipments = await client.GetShipmentsAsync(new Uri($"{Base}/shipments?batchId=77&includeShipmentItems=True"), Correlation, default);

        Assert.Equal([1, 2], shipments.Select(s => s.GetProperty("shipmentId").GetInt32()));
        Assert.Equal("9400", shipments[0].GetProperty("trackingNumber").GetString());
        Assert.Equal(
            [$"{Base}/shipments?batchId=77&includeShipmentItems=True", $"{Base}/shipments?batchId=77&includeShipmentItems=True&page=2"],
            http.Requests.Select(r => r.Uri.AbsoluteUri));
        Assert.All(http.Requests, r => Assert.StartsWith("Basic ", r.Headers["Authorization"], StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, "12", 12.0)]
    [InlineData("3", "12", 3.0)]
    [InlineData(null, "600", 60.0)]
    [InlineData(null, null, null)]
    [InlineData(null, "soon", null)]
    public async Task A_429_is_retried_after_retry_after_else_after_shipstations_rate_limit_reset(string? retryAfter, string? reset, double? expectedSeconds)
    {
        var options = new HttpStandardResilienceOptions();
        ShipStationClient.WaitForRateLimitReset(options);
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        if (retryAfter is not null)
        {
            response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
        }

        if (reset is not null)
        {
            response.Headers.TryAddWithoutValidation(ShipStationClient.RateLimitResetHeader, reset);
        }

        ResilienceContext context = ResilienceContextPool.Shared.Get();
        TimeSpan? delay = await options.Retry.DelayGenerator!(new RetryDelayGeneratorArguments<HttpResponseMessage>(context, Outcome.FromResult(response), 0));
        ResilienceContextPool.Shared.Return(context);

        Assert.Equal(expectedSeconds is { } s ? TimeSpan.FromSeconds(s) : null, delay);
    }

    [Fact]
    public async Task Bad_credentials_on_create_are_permanent()
    {
        var (client, _) = Client(new ScriptedHttp().Answer(HttpStatusCode.Unauthorized, "{}"));

        await Assert.ThrowsAsync<PermanentActivityFailureException>(() => client.CreateOrderAsync(Order(), default));
    }

    private static WarehouseOrderRequest Order() => new(
        "shipstation",
        "store-a-1001",
        "#1001",
        "ada@example.com",
        new ShippingAddress("Ada Lovelace", "100 N Racine Ave", "Suite 100", "Chicago", "IL", "US", "60607", "555-0100"),
        [new WarehouseOrderLine("9001", "WH-TEE-BLK-M", "Tee black M", 2, 25m)],
        Correlation);

    private static CancelWarehouseOrderInput Cancel(string? id) => new("shipstation", "store-a-1001", id, Correlation);

    private static (ShipStationClient Client, ScriptedHttp Http) Client(ScriptedHttp http, bool withInventory = false)
    {
        var o = new ShipStationOptions { BaseUrl = Base, ApiKey = "ss-key", ApiSecret = "ss-secret" };
        if (withInventory)
        {
            o.InventoryBaseUrl = Base + "/v2/";
            o.InventoryApiKey = "v2-key";
        }

        return (new ShipStationClient(new HttpClient(http), ScriptedHttp.Monitor(o), new InstantTimers()), http);
    }
}
