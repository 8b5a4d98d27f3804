using System.Net;
using System.Text.Json;
using Integration.Activities.Connectors.Shopify;
using Integration.Orchestrations.Common;
using Xunit;

namespace Integration.Tests.Unit.Activities.Connectors.Orders;

/// <summary>ShopifyAdminClient against a scripted Shopify: the GraphQL it sends, userErrors, a stale compare-and-set, and THROTTLED answers waited out.</summary>
public sealed class ShopifyAdminClientTests
{
    private const string Correlation = "corr-shop-1";
    private const string Cost = """ "extensions":{"cost":{"requestedQueryCost":10,"actualQueryCost":10,"throttleStatus":{"maximumAvailable":1000.0,"currentlyAvailable":990,"restoreRate":50.0}}}""";

    private const string FulfilmentOrders = """
        {"data":{"order":{"fulfillmentOrders":{"nodes":[
          {"id":"gid://shopify/FulfillmentOrder/7","status":"OPEN","lineItems":{"nodes":[
            {"id":"gid://shopify/FulfillmentOrderLineItem/71","sku":"TEE-BLK-M","totalQuantity":2,"remainingQuantity":1,"lineItem":{"id":"gid://shopify/LineItem/9001"}},
            {"id":"gid://shopify/FulfillmentOrderLineItem/72","sku":null,"totalQuantity":1,"remainingQuantity":1,"lineItem":null}]}}]}}},
         "extensions":{"cost":{"requestedQueryCost":10,"actualQueryCost":10,"throttleStatus":{"maximumAvailable":1000.0,"currentlyAvailable":990,"restoreRate":50.0}}}}
        """;

    [Fact]
    public async Task Fulfilment_orders_are_read_with_the_designs_query_at_the_shops_graphql_endpoint_with_its_token()
    {
        var (client, http, _) = Client(new ScriptedHttp().Ok(FulfilmentOrders));

        IReadOnlyList<ShopFulfilmentOrder> orders = await client.GetFulfilmentOrdersAsync("store-b", 820982911946154508, Correlation, default);

        SentRequest sent = Assert.Single(http.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("https://store-b.example.test/admin/api/2026-01/graphql.json", sent.Uri.AbsoluteUri);
        Assert.Equal("token-b", sent.Headers[ShopifyAdminClient.AccessTokenHeader]);
        Assert.Equal(Correlation, sent.CorrelationId);
        Assert.Equal(ShopifyAdminClient.FulfilmentOrdersQuery, sent.Json.GetProperty("query").GetString());
        Assert.Equal("gid://shopify/Order/820982911946154508", sent.Json.GetProperty("variables").GetProperty("id").GetString());

        ShopFulfilmentOrder fo = Assert.Single(orders);
        Assert.Equal("gid://shopify/FulfillmentOrder/7", fo.Id);
        Assert.Equal("OPEN", fo.Status);
        Assert.Equal(
            [new ShopFulfilmentOrderLine("gid://shopify/FulfillmentOrderLineItem/71", "TEE-BLK-M", 9001, 2, 1), new ShopFulfilmentOrderLine("gid://shopify/FulfillmentOrderLineItem/72", null, null, 1, 1)],
            fo.Lines);
    }

    [Fact]
    public async Task An_order_the_shop_does_not_have_is_a_user_error_and_an_unconfigured_shop_is_permanent_without_a_call()
    {
        var (client, http, _) = Client(new ScriptedHttp().Ok("""{"data":{"order":null}}"""));

        var missing = await Assert.ThrowsAsync<ShopifyUserErrorException>(() => client.GetFulfilmentsAsync("store-a", 5, Correlation, default));
        var unknown = await Assert.ThrowsAsync<PermanentActivityFailureException>(() => client.GetFulfilmentsAsync("store-z", 5, Correlation, default));

        Assert.Contains("no order 5", missing.Message, StringComparison.Ordinal);
        Assert.Contains("'store-z'", unknown.Message, StringComparison.Ordinal);
        Assert.Single(http.Requests);
        Assert.Equal(["store-a", "store-b"], client.Shops);
    }

    [Fact]
    public async Task Fulfilments_are_listed_with_their_first_tracking_number()
    {
        var (client, _, _) = Client(new ScriptedHttp().Ok("""
            {"data":{"order":{"fulfillments":[
              {"id":"gid://shopify/Fulfillment/1","status":"SUCCESS","trackingInfo":[{"company":"USPS","number":"9400","url":"https://t/9400"}]},
              {"id":"gid://shopify/Fulfillment/2","status":"SUCCESS","trackingInfo":[]}]}}}
            """));

        IReadOnlyList<ShopFulfilment> fulfilments = await client.GetFulfilmentsAsync("store-a", 1001, Correlation, default);

        Assert.Equal([new ShopFulfilment("gid://shopify/Fulfillment/1", "SUCCESS", "USPS", "9400"), new ShopFulfilment("gid://shopify/Fulfillment/2", "SUCCESS", null, null)], fulfilments);
    }

    [Fact]
    public async Task Fulfillment_create_sends_the_lines_by_fulfilment_order_and_the_tracking_and_returns_the_fulfilment()
    {
        var (client, http, _) = Client(new ScriptedHttp().Ok("""
            {"data":{"fulfillmentCreate":{"fulfillment":{"id":"gid://shopify/Fulfillment/3","status":"SUCCESS","trackingInfo":[{"company":"UPS","number":"1Z9","url":null}]},"userErrors":[]}}}
            """));

        ShopFulfilment created = await client.CreateFulfilmentAsync("store-a", Request(), Correlation, default);

        Assert.Equal(new ShopFulfilment("gid://shopify/Fulfillment/3", "SUCCESS", "UPS", "1Z9"), created);
        JsonElement sent = Assert.Single(http.Requests).Json;
        Assert.Equal(ShopifyAdminClient.FulfilmentCreateMutation, sent.GetProperty("query").GetString());
        JsonElement f = sent.GetProperty("variables").GetProperty("f");
        JsonElement byFo = Assert.Single(f.GetProperty("lineItemsByFulfillmentOrder").EnumerateArray());
        Assert.Equal("gid://shopify/FulfillmentOrder/7", byFo.GetProperty("fulfillmentOrderId").GetString());
        JsonElement line = Assert.Single(byFo.GetProperty("fulfillmentOrderLineItems").EnumerateArray());
        Assert.Equal("gid://shopify/FulfillmentOrderLineItem/71", line.GetProperty("id").GetString());
        Assert.Equal(1, line.GetProperty("quantity").GetInt32());
        Assert.Equal("UPS", f.GetProperty("trackingInfo").GetProperty("company").GetString());
        Assert.Equal("1Z9", f.GetProperty("trackingInfo").GetProperty("number").GetString());
        Assert.Equal("https://ups.test/1Z9", f.GetProperty("trackingInfo").GetProperty("url").GetString());
        Assert.False(f.GetProperty("notifyCustomer").GetBoolean());
    }

    [Fact]
    public async Task Fulfillment_create_user_errors_on_http_200_throw_naming_the_field_and_message()
    {
        var (client, _, _) = Client(new ScriptedHttp().Ok("""
            {"data":{"fulfillmentCreate":{"fulfillment":null,"userErrors":[{"field":["fulfillment","lineItemsByFulfillmentOrder","0"],"message":"Quantity exceeds remaining"}]}}}
            """));

        var error = await Assert.ThrowsAsync<ShopifyUserErrorException>(() => client.CreateFulfilmentAsync("store-a", Request(), Correlation, default));

        Assert.Contains("fulfillment.lineItemsByFulfillmentOrder.0: Quantity exceeds remaining", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_inventory_level_is_read_by_sku_with_its_item_location_and_available_quantity()
    {
        var (client, http, _) = Client(new ScriptedHttp().Ok(Inventory("TEE-BLK-M", 37)));

        ShopInventoryLevel? level = await client.GetInventoryLevelAsync("store-a", "TEE-BLK-M", Correlation, default);

        Assert.Equal(new ShopInventoryLevel("gid://shopify/InventoryItem/55", "gid://shopify/Location/1", 37), level);
        JsonElement sent = Assert.Single(http.Requests).Json;
        Assert.Equal(ShopifyAdminClient.InventoryItemQuery, sent.GetProperty("query").GetString());
        Assert.Equal("sku:TEE-BLK-M", sent.GetProperty("variables").GetProperty("q").GetString());
    }

    [Fact]
    public async Task A_sku_the_store_does_not_sell_or_a_search_hit_for_another_sku_is_null()
    {
        var (client, _, _) = Client(new ScriptedHttp()
            .Ok("""{"data":{"inventoryItems":{"nodes":[]}}}""")
            .Ok(Inventory("TEE-BLK-M-2", 5)));

        Assert.Null(await client.GetInventoryLevelAsync("store-a", "NOPE", Correlation, default));
        Assert.Null(await client.GetInventoryLevelAsync("store-a", "TEE-BLK-M", Correlation, default));
    }

    [Fact]
    public async Task Set_available_sends_compare_and_set_with_the_idempotency_key_in_the_document_and_is_true_when_applied()
    {
        var (client, http, _) = Client(new ScriptedHttp().Ok(SetAnswer("[]")));

        bool applied = await client.SetAvailableAsync("store-a", Level, 12, 37, "stock-store-a-TEE-BLK-M-42", Correlation, default);

        Assert.True(applied);
        JsonElement sent = Assert.Single(http.Requests).Json;
        string document = sent.GetProperty("query").GetString()!;
        Assert.Contains("inventorySetQuantities(input: $input) @idempotent(key: \"stock-store-a-TEE-BLK-M-42\")", document, StringComparison.Ordinal);
        JsonElement input = sent.GetProperty("variables").GetProperty("input");
        Assert.Equal("available", input.GetProperty("name").GetString());
        Assert.Equal("correction", input.GetProperty("reason").GetString());
        Assert.Equal("gid://integration/StockSync/stock-store-a-TEE-BLK-M-42", input.GetProperty("referenceDocumentUri").GetString());
        JsonElement q = Assert.Single(input.GetProperty("quantities").EnumerateArray());
        Assert.Equal("gid://shopify/InventoryItem/55", q.GetProperty("inventoryItemId").GetString());
        Assert.Equal("gid://shopify/Location/1", q.GetProperty("locationId").GetString());
        Assert.Equal(12, q.GetProperty("quantity").GetInt32());
        Assert.Equal(37, q.GetProperty("compareQuantity").GetInt32());
    }

    [Fact]
    public async Task A_stale_compare_quantity_is_false_and_any_other_user_error_throws()
    {
        var (client, _, _) = Client(new ScriptedHttp()
            .Ok(SetAnswer("""[{"code":"COMPARE_QUANTITY_STALE","field":["input","quantities","0","compareQuantity"],"message":"The compareQuantity argument no longer matches"}]"""))
            .Ok(SetAnswer("""[{"code":"INVALID_LOCATION","field":["input","quantities","0","locationId"],"message":"The specified location could not be found."}]""")));

        bool stale = await client.SetAvailableAsync("store-a", Level, 12, 37, "k-1", Correlation, default);
        var error = await Assert.ThrowsAsync<ShopifyUserErrorException>(() => client.SetAvailableAsync("store-a", Level, 12, 37, "k-2", Correlation, default));

        Assert.False(stale);
        Assert.Contains("INVALID_LOCATION", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("quote\"")]
    [InlineData("")]
    public async Task An_idempotency_key_that_could_break_the_document_is_refused_before_any_call(string key)
    {
        var (client, http, _) = Client(new ScriptedHttp());

        await Assert.ThrowsAsync<ArgumentException>(() => client.SetAvailableAsync("store-a", Level, 1, 0, key, Correlation, default));

        Assert.Empty(http.Requests);
    }

    [Fact]
    public async Task A_throttled_answer_on_http_200_is_waited_out_by_the_buckets_figures_and_sent_again()
    {
        var (client, http, time) = Client(new ScriptedHttp().Ok(Throttled(752, 666)).Ok(Inventory("TEE-BLK-M", 3)));

        ShopInventoryLevel? level = await client.GetInventoryLevelAsync("store-a", "TEE-BLK-M", Correlation, default);

        Assert.Equal(3, level?.Available);
        Assert.Equal(2, http.Requests.Count);
        Assert.Equal(http.Requests[0].Body, http.Requests[1].Body);
        Assert.Equal([TimeSpan.FromSeconds((752 - 666) / 50.0)], time.Waits);
    }

    [Fact]
    public async Task A_throttled_429_is_waited_out_too_and_a_wait_is_capped_at_the_setting()
    {
        var (client, http, time) = Client(new ScriptedHttp().Answer(HttpStatusCode.TooManyRequests, Throttled(1000, 0)).Ok(SetAnswer("[]")));

        Assert.True(await client.SetAvailableAsync("store-a", Level, 1, 0, "k-3", Correlation, default));

        Assert.Equal(2, http.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(10)], time.Waits);
    }

    [Fact]
    public async Task Still_throttled_after_the_allowed_waits_fails_as_transient()
    {
        var script = new ScriptedHttp();
        for (int i = 0; i < 3; i++)
        {
            script.Ok(Throttled(100, 50));
        }

        var (client, http, time) = Client(script, o => o.MaxThrottleRetries = 2);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetInventoryLevelAsync("store-a", "TEE-BLK-M", Correlation, default));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal(3, http.Requests.Count);
        Assert.Equal(2, time.Waits.Count);
    }

    [Fact]
    public async Task Other_graphql_errors_are_permanent_and_an_internal_error_is_transient()
    {
        var (client, _, _) = Client(new ScriptedHttp()
            .Ok("""{"errors":[{"message":"Access denied for inventoryItems field.","extensions":{"code":"ACCESS_DENIED"}}]}""")
            .Ok("""{"errors":[{"message":"Internal error","extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}"""));

        var denied = await Assert.ThrowsAsync<PermanentActivityFailureException>(() => client.GetInventoryLevelAsync("store-a", "X", Correlation, default));
        var internalError = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetInventoryLevelAsync("store-a", "X", Correlation, default));

        Assert.Contains("Access denied", denied.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.InternalServerError, internalError.StatusCode);
    }

    [Fact]
    public void The_options_validator_names_each_bad_setting_and_accepts_no_shops()
    {
        var validator = new ShopifyOptionsValidator();
        var bad = new ShopifyOptions { ApiVersion = "latest", MaxThrottleWaitSeconds = 0 };
        bad.Shops["store!a"] = new ShopifyShopOptions { BaseUrl = "/relative", AccessToken = " " };
        bad.Shops["store-b"] = new ShopifyShopOptions { BaseUrl = "https://b.example.test", AccessToken = "t" };
        bad.Shops["store_b"] = new ShopifyShopOptions { BaseUrl = "https://b.example.test", AccessToken = "t" };

        var failures = validator.Validate(null, bad).Failures!.ToList();

        Assert.True(validator.Validate(null, new ShopifyOptions()).Succeeded);
        Assert.True(validator.Validate(null, Options()).Succeeded);
        Assert.Contains(failures, f => f.StartsWith("Connectors:Shopify:ApiVersion 'latest'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Connectors:Shopify:MaxThrottleWaitSeconds", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Connectors:Shopify:Shops:store!a: 'store!a' is not a shop handle", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Connectors:Shopify:Shops:store!a:BaseUrl '/relative'", StringComparison.Ordinal));
        Assert.Contains("Connectors:Shopify:Shops:store!a:AccessToken is empty.", failures);
        Assert.Contains("Connectors:Shopify:Shops names shop 'store-b' more than once (store-b, store_b).", failures);
        Assert.Equal(6, failures.Count);
    }

    [Fact]
    public async Task A_shop_key_spelt_with_an_underscore_as_azure_app_settings_need_is_the_handle_with_a_hyphen()
    {
        var (client, http, _) = Client(new ScriptedHttp().Ok("""{"data":{"order":{"fulfillments":[]}}}"""), o =>
        {
            o.Shops.Clear();
            o.Shops["store_c"] = new ShopifyShopOptions { BaseUrl = "https://store-c.example.test", AccessToken = "token-c" };
        });

        await client.GetFulfilmentsAsync("store-c", 1, Correlation, default);

        Assert.Equal(["store-c"], client.Shops);
        Assert.Equal("token-c", Assert.Single(http.Requests).Headers[ShopifyAdminClient.AccessTokenHeader]);
        Assert.True(new ShopifyOptionsValidator().Validate(null, new ShopifyOptions { Shops = { ["store_c"] = new ShopifyShopOptions { BaseUrl = "https://c.example.test", AccessToken = "t" } } }).Succeeded);
    }

    private static readonly ShopInventoryLevel Level = new("gid://shopify/InventoryItem/55", "gid://shopify/Location/1", 37);

    private static ShopFulfilmentRequest Request() => new(
        [new ShopFulfilmentOrderLines("gid://shopify/FulfillmentOrder/7", [new ShopFulfilmentLineQuantity("gid://shopify/FulfillmentOrderLineItem/71", 1)])],
        "UPS", "1Z9", "https://ups.test/1Z9", NotifyCustomer: false);

    private static string Inventory(string sku, int available) => $$$"""
        {"data":{"inventoryItems":{"nodes":[{"id":"gid://shopify/InventoryItem/55","sku":"{{{sku}}}","inventoryLevels":{"nodes":[
          {"location":{"id":"gid://shopify/Location/1"},"quantities":[{"name":"available","quantity":{{{available}}}}]}]}}]}},{{{Cost}}}}
        """;

    private static string SetAnswer(string userErrors) => $$$"""
        {"data":{"inventorySetQuantities":{"inventoryAdjustmentGroup":null,"userErrors":{{{userErrors}}}}},{{{Cost}}}}
        """;

    private static string Throttled(int requested, int available) => $$$"""
        {"errors":[{"message":"Throttled","extensions":{"code":"THROTTLED"}}],
         "extensions":{"cost":{"requestedQueryCost":{{{requested}}},"actualQueryCost":null,"throttleStatus":{"maximumAvailable":1000.0,"currentlyAvailable":{{{available}}},"restoreRate":50.0} } } }
        """;

    private static ShopifyOptions Options()
    {
        var o = new ShopifyOptions();
        o.Shops["store-a"] = new ShopifyShopOptions { BaseUrl = "https://store-a.example.test", AccessToken = "token-a" };
        o.Shops["store-b"] = new ShopifyShopOptions { BaseUrl = "https://store-b.example.test/", AccessToken = "token-b" };
        return o;
    }

    private static (ShopifyAdminClient Client, ScriptedHttp Http, InstantTimers Time) Client(ScriptedHttp http, Action<ShopifyOptions>? configure = null)
    {
        ShopifyOptions o = Options();
        configure?.Invoke(o);
        var time = new InstantTimers();
        return (new ShopifyAdminClient(new HttpClient(http), ScriptedHttp.Monitor(o), time), http, time);
    }
}
