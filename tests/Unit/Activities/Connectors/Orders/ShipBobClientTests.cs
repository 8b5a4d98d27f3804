using System.Net;
using System.Text.Json;
using Integration.Activities.Connectors.ShipBob;
using Integration.Activities.Connectors.Warehouses;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.Orders;
using Xunit;

namespace Integration.Tests.Unit.Activities.Connectors.Orders;

/// <summary>ShipBobClient against a scripted ShipBob: the order it sends, a duplicate reference found instead of doubled, refusals, cancel outcomes and paged stock.</summary>
public sealed class ShipBobClientTests
{
    private const string Correlation = "corr-sb-1";
    private const string Base = "https://shipbob.example.test";

    private const string Duplicate = """{"": ["Cannot insert order with existing ReferenceId"]}""";

    [Fact]
    public async Task Create_posts_the_order_with_our_key_as_reference_and_the_channel_header_and_returns_its_id()
    {
        var (client, http) = Client(new ScriptedHttp().Answer(HttpStatusCode.Created, """{"id":5001,"reference_id":"store-a-1001","status":"Processing"}"""));

        WarehouseOrderResult result = await client.CreateOrderAsync(Order(), default);

        Assert.Equal(new WarehouseOrderResult("shipbob", "store-a-1001", WarehouseOrderResult.Created, "5001", null), result);
        SentRequest sent = Assert.Single(http.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal($"{Base}/2026-01/order", sent.Uri.AbsoluteUri);
        Assert.Equal("Bearer sb-token", sent.Headers["Authorization"]);
        Assert.Equal("100100", sent.Headers[ShipBobClient.ChannelHeader]);
        Assert.Equal(Correlation, sent.CorrelationId);
        JsonElement body = sent.Json;
        Assert.Equal("store-a-1001", body.GetProperty("reference_id").GetString());
        Assert.Equal("#1001", body.GetProperty("order_number").GetString());
        Assert.Equal("DTC", body.GetProperty("type").GetString());
        Assert.Equal("Standard", body.GetProperty("shipping_method").GetString());
        JsonElement recipient = body.GetProperty("recipient");
        Assert.Equal("Ada Lovelace", recipient.GetProperty("name").GetString());
        Assert.Equal("ada@example.com", recipient.GetProperty("email").GetString());
        Assert.Equal("555-0100", recipient.GetProperty("phone_number").GetString());
        JsonElement address = recipient.GetProperty("address");
        Assert.Equal(("100 N Racine Ave", "Suite 100", "Chicago", "IL", "US", "60607"), (
            address.GetProperty("address1").GetString(), address.GetProperty("address2").GetString(), address.GetProperty("city").GetString(),
            address.GetProperty("state").GetString(), address.GetProperty("country").GetString(), address.GetProperty("zip_code").GetString()));
        JsonElement product = Assert.Single(body.GetProperty("products").EnumerateArray());
        Assert.Equal(("WH-TEE-BLK-M", "Tee black M", 2), (product.GetProperty("reference_id").GetString(), product.GetProperty("name").GetString(), product.GetProperty("quantity").GetInt32()));
    }

    [Fact]
    public async Task A_duplicate_reference_422_finds_the_existing_order_by_reference_instead_of_creating_another()
    {
        var (client, http) = Client(new ScriptedHttp()
            .Answer(HttpStatusCode.UnprocessableEntity, Duplicate)
            .Ok("""[{"id":4999,"reference_id":"store-a-10010","status":"Processing"},{"id":5001,"reference_id":"store-a-1001","status":"Processing"}]"""));

        WarehouseOrderResult result = await client.CreateOrderAsync(Order(), default);

        Assert.Equal(WarehouseOrderResult.Existing, result.Outcome);
        Assert.Equal("5001", result.WarehouseOrderId);
        Assert.Equal(2, http.Requests.Count);
        Assert.Equal(HttpMethod.Get, http.Requests[1].Method);
        Assert.Equal($"{Base}/2026-01/order?ReferenceIds=store-a-1001", http.Requests[1].Uri.AbsoluteUri);
    }

    [Fact]
    public async Task A_422_whose_reference_cannot_be_found_is_refused_with_shipbobs_words_not_dropped()
    {
        var (client, _) = Client(new ScriptedHttp().Answer(HttpStatusCode.UnprocessableEntity, Duplicate).Ok("[]"));

        WarehouseOrderResult result = await client.CreateOrderAsync(Order(), default);

        Assert.Equal(WarehouseOrderResult.Refused, result.Outcome);
        Assert.Contains("Cannot insert order with existing ReferenceId", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duplicate_reference_held_by_a_cancelled_order_is_refused_not_taken_as_sent()
    {
        var (client, _) = Client(new ScriptedHttp()
            .Answer(HttpStatusCode.UnprocessableEntity, Duplicate)
            .Ok("""[{"id":5001,"reference_id":"store-a-1001","status":"Cancelled"}]"""));

        WarehouseOrderResult result = await client.CreateOrderAsync(Order(), default);

        Assert.Equal(WarehouseOrderResult.Refused, result.Outcome);
        Assert.Equal("5001", result.WarehouseOrderId);
        Assert.Contains("is cancelled and holds the reference", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_validation_400_is_a_refusal_naming_the_field_and_shipbobs_message()
    {
        var (client, http) = Client(new ScriptedHttp().Answer(HttpStatusCode.BadRequest, """{"products[0].reference_id": ["Product WH-NOPE does not exist"]}"""));

        WarehouseOrderResult result = await client.CreateOrderAsync(Order(), default);

        Assert.Equal(WarehouseOrderResult.Refused, result.Outcome);
        Assert.Null(result.WarehouseOrderId);
        Assert.Equal("shipbob: products[0].reference_id: Product WH-NOPE does not exist", result.Detail);
        Assert.Single(http.Requests);
    }

    [Fact]
    public async Task Bad_credentials_are_permanent_and_a_server_error_is_transient()
    {
        var (client, _) = Client(new ScriptedHttp()
            .Answer(HttpStatusCode.Unauthorized, """{"message":"no"}""")
            .Answer(HttpStatusCode.InternalServerError, """{"message":"boom"}"""));

        await Assert.ThrowsAsync<PermanentActivityFailureException>(() => client.CreateOrderAsync(Order(), default));
        var transient = await Assert.ThrowsAsync<HttpRequestException>(() => client.CreateOrderAsync(Order(), default));

        Assert.Equal(HttpStatusCode.InternalServerError, transient.StatusCode);
    }

    [Fact]
    public async Task Cancel_success_is_cancelled()
    {
        var (client, http) = Client(new ScriptedHttp().Ok("""{"order_id":5001,"status":"Success","canceled_shipment_results":[{"shipment_id":7,"action":"Cancel","is_success":true,"reason":null}]}"""));

        WarehouseCancelResult result = await client.CancelOrderAsync(Cancel("5001"), default);

        Assert.Equal(WarehouseCancelResult.Cancelled, result.Outcome);
        SentRequest sent = Assert.Single(http.Requests);
        Assert.Equal($"{Base}/2026-01/order/5001:cancel", sent.Uri.AbsoluteUri);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("100100", sent.Headers[ShipBobClient.ChannelHeader]);
    }

    [Fact]
    public async Task Cancel_failure_of_a_picked_shipment_is_too_late_with_the_reason()
    {
        var (client, _) = Client(new ScriptedHttp()
            .Ok("""{"order_id":5001,"status":"Failure","canceled_shipment_results":[{"shipment_id":7,"action":"Cancel","is_success":false,"reason":"Shipment is already picked"}]}""")
            .Ok("""[{"id":5001,"reference_id":"store-a-1001","status":"Processing"}]"""));

        WarehouseCancelResult result = await client.CancelOrderAsync(Cancel("5001"), default);

        Assert.Equal(WarehouseCancelResult.TooLate, result.Outcome);
        Assert.Contains("shipment 7: Shipment is already picked", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_repeated_cancel_that_shipbob_refuses_is_cancelled_when_the_order_reads_back_cancelled()
    {
        var (client, _) = Client(new ScriptedHttp()
            .Answer(HttpStatusCode.UnprocessableEntity, """{"":["Order is already cancelled"]}""")
            .Ok("""[{"id":5001,"reference_id":"store-a-1001","status":"Cancelled"}]"""));

        WarehouseCancelResult result = await client.CancelOrderAsync(Cancel("5001"), default);

        Assert.Equal(WarehouseCancelResult.Cancelled, result.Outcome);
    }

    [Fact]
    public async Task Cancel_of_an_order_shipbob_does_not_have_is_not_found_by_id_or_by_reference()
    {
        var (client, http) = Client(new ScriptedHttp().Answer(HttpStatusCode.NotFound, "{}").Ok("[]"));

        WarehouseCancelResult byId = await client.CancelOrderAsync(Cancel("404"), default);
        WarehouseCancelResult byReference = await client.CancelOrderAsync(Cancel(null), default);

        Assert.Equal(WarehouseCancelResult.NotFound, byId.Outcome);
        Assert.Equal(WarehouseCancelResult.NotFound, byReference.Outcome);
        Assert.Equal($"{Base}/2026-01/order?ReferenceIds=store-a-1001", http.Requests[1].Uri.AbsoluteUri);
        Assert.Equal(2, http.Requests.Count);
    }

    [Fact]
    public async Task Stock_reads_every_inventory_level_page_and_sums_on_hand_per_sku()
    {
        var (client, http) = Client(new ScriptedHttp()
            .Ok($$"""{"items":[{"inventory_id":1,"sku":"WH-TEE-BLK-M","total_on_hand_quantity":100,"total_fulfillable_quantity":90},{"inventory_id":2,"sku":null,"total_on_hand_quantity":3}],"next":"{{Base}}/2026-01/inventory-level?PageSize=250&Page=2"}""")
            .Ok("""{"items":[{"inventory_id":3,"sku":"WH-MUG-CLASSIC","total_on_hand_quantity":0},{"inventory_id":4,"sku":"wh-tee-blk-m","total_on_hand_quantity":5}],"next":null}"""));

        IReadOnlyList<WarehouseStockLevel>? stock = await client.GetStockAsync(Correlation, default);

        Assert.NotNull(stock);
        Assert.Equal([new WarehouseStockLevel("WH-TEE-BLK-M", 105), new WarehouseStockLevel("WH-MUG-CLASSIC", 0)], stock);
        Assert.Equal([$"{Base}/2026-01/inventory-level?PageSize=250", $"{Base}/2026-01/inventory-level?PageSize=250&Page=2"], http.Requests.Select(r => r.Uri.AbsoluteUri));
    }

    [Fact]
    public async Task A_next_page_link_to_another_host_is_not_followed()
    {
        var (client, http) = Client(new ScriptedHttp().Ok("""{"items":[],"next":"https://elsewhere.example.test/inventory-level?Page=2"}"""));

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetStockAsync(Correlation, default));

        Assert.Single(http.Requests);
    }

    private static WarehouseOrderRequest Order() => new(
        "shipbob",
        "store-a-1001",
        "#1001",
        "ada@example.com",
        new ShippingAddress("Ada Lovelace", "100 N Racine Ave", "Suite 100", "Chicago", "IL", "US", "60607", "555-0100"),
        [new WarehouseOrderLine("9001", "WH-TEE-BLK-M", "Tee black M", 2, 25m)],
        Correlation);

    private static CancelWarehouseOrderInput Cancel(string? id) => new("shipbob", "store-a-1001", id, Correlation);

    private static (ShipBobClient Client, ScriptedHttp Http) Client(ScriptedHttp http) =>
        (new ShipBobClient(new HttpClient(http), ScriptedHttp.Monitor(new ShipBobOptions { BaseUrl = Base + "/", AccessToken = "sb-token", ChannelId = "100100" })), http);
}
