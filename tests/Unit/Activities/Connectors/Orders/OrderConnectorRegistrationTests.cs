using System.Net;
using Integration.Activities.ApiCalls;
using Integration.Activities.Connectors.ShipBob;
using Integration.Activities.Connectors.ShipStation;
using Integration.Activities.Connectors.Shopify;
using Integration.Activities.Connectors.Warehouses;
using Integration.Activities.Orders;
using Integration.Activities.Storage;
using Integration.DevHost.Hosting;
using Integration.Orchestrations.Orders;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace Integration.Tests.Unit.Activities.Connectors.Orders;

/// <summary>
/// AddShopifyAdmin and AddWarehouseConnectors as the hosts call them: the dev defaults resolve every connector and
/// pass start-up validation; a warehouse without settings is not registered and a rule naming it stops start-up;
/// and a create whose answer was lost (500) is retried by the standard pipeline and found, not doubled.
/// </summary>
public sealed class OrderConnectorRegistrationTests
{
    [Fact]
    public void The_dev_defaults_resolve_every_connector_and_pass_start_up_validation()
    {
        using ServiceProvider services = Build(DevDefaults.For(7080));

        services.GetRequiredService<IStartupValidator>().Validate();

        IShopifyAdmin shopify = services.GetRequiredService<IShopifyAdmin>();
        Assert.IsType<ShopifyAdminClient>(shopify);
        Assert.Equal(["store-a", "store-b", "store-c"], shopify.Shops);
        WarehouseConnectors warehouses = services.GetRequiredService<WarehouseConnectors>();
        Assert.Equal(["shipbob", "shipstation"], warehouses.All.Select(w => w.Name));
        Assert.IsType<ShipBobClient>(warehouses.Find("ShipBob"));
        Assert.IsType<ShipStationClient>(warehouses.Find(" shipstation "));
        Assert.Null(warehouses.Find("deliverr"));
        Assert.NotNull(services.GetRequiredService<ShipStationClient>());
        Assert.True(services.GetRequiredService<IOptions<ShipStationOptions>>().Value.HasInventoryApi);

        OrdersOptions orders = services.GetRequiredService<IOptions<OrdersOptions>>().Value;
        Assert.Equal(["shipbob", "shipstation"], orders.WarehousesFor("US", "CA"));
        Assert.Equal(["shipstation", "shipbob"], orders.WarehousesFor("FR", null));
        Assert.Equal(TimeSpan.FromSeconds(5), orders.Stock.PollInterval);
        Assert.Equal(TimeSpan.FromDays(2), orders.ShippingSla);
        Assert.True(orders.Stock.Enabled);
    }

    [Fact]
    public void A_warehouse_without_settings_is_not_registered_and_a_routing_rule_naming_it_stops_start_up()
    {
        Dictionary<string, string?> settings = Without(DevDefaults.For(7080), "Connectors:ShipStation:");
        using ServiceProvider services = Build(settings);

        Assert.Equal(["shipbob"], services.GetRequiredService<WarehouseConnectors>().All.Select(w => w.Name));
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("Orders:Routing:US names warehouse 'shipstation', which is not configured; configured: shipbob.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_any_order_settings_the_host_still_starts_with_no_shops_and_no_warehouses()
    {
        using ServiceProvider services = Build([]);

        services.GetRequiredService<IStartupValidator>().Validate();

        Assert.Empty(services.GetRequiredService<IShopifyAdmin>().Shops);
        Assert.Empty(services.GetRequiredService<WarehouseConnectors>().All);
    }

    [Theory]
    [InlineData("Connectors:ShipBob:ChannelId", "channel-1", "Connectors:ShipBob:ChannelId 'channel-1' is not a ShipBob channel id")]
    [InlineData("Connectors:ShipBob:BaseUrl", "shipbob", "Connectors:ShipBob:BaseUrl 'shipbob' is not an absolute http(s) URL.")]
    [InlineData("Connectors:ShipStation:InventoryApiKey", "", "Connectors:ShipStation:InventoryBaseUrl and Connectors:ShipStation:InventoryApiKey go together")]
    [InlineData("Connectors:ShipStation:ApiSecret", " ", "Connectors:ShipStation:ApiSecret is empty.")]
    [InlineData("Connectors:Shopify:Shops:store-b:AccessToken", "", "Connectors:Shopify:Shops:store-b:AccessToken is empty.")]
    [InlineData("Orders:ShippingSla", "00:00:00", "Orders:ShippingSla '00:00:00' must be more than 0")]
    [InlineData("Orders:Stock:PollInterval", "00:00:00.5", "Orders:Stock:PollInterval '00:00:00.5000000' must be between")]
    [InlineData("Orders:Routing:USA:0", "shipbob", "Orders:Routing:USA: 'USA' is not a country code")]
    [InlineData("Orders:Routing:US:2", "ShipBob", "Orders:Routing:US names warehouse 'shipbob' more than once.")]
    public void A_bad_setting_stops_start_up_naming_it(string key, string value, string expected)
    {
        Dictionary<string, string?> settings = DevDefaults.For(7080);
        settings[key] = value;
        using ServiceProvider services = Build(settings);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Routing_rules_without_a_default_stop_start_up()
    {
        Dictionary<string, string?> settings = Without(DevDefaults.For(7080), "Orders:Routing:default:");
        using ServiceProvider services = Build(settings);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Orders:Routing has no \"default\" rule", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_most_specific_routing_rule_wins()
    {
        var orders = new OrdersOptions();
        orders.Routing["default"] = ["shipstation"];
        orders.Routing["US"] = ["shipbob", "shipstation"];
        orders.Routing["US-CA"] = ["shipstation", "shipbob"];
        orders.Routing["CA_QC"] = ["shipbob"];

        Assert.Equal(["shipstation", "shipbob"], orders.WarehousesFor("US", "CA"));
        Assert.Equal(["shipbob", "shipstation"], orders.WarehousesFor("us", "NY"));
        Assert.Equal(["shipstation"], orders.WarehousesFor("DE", "BE"));
        Assert.Equal(["shipbob"], orders.WarehousesFor("CA", "QC"));
        Assert.True(OrdersOptionsValidator.IsRoutingKey("CA_QC"));
        Assert.Equal(["shipstation"], orders.WarehousesFor(null, null));
        Assert.Empty(new OrdersOptions().WarehousesFor("US", null));
    }

    [Fact]
    public async Task A_create_that_got_a_500_after_shipbob_made_the_order_is_retried_by_the_pipeline_and_found_by_reference()
    {
        var vendor = new ScriptedHttp()
            .Answer(HttpStatusCode.InternalServerError, """{"message":"An error has occurred."}""")
            .Answer(HttpStatusCode.UnprocessableEntity, """{"": ["Cannot insert order with existing ReferenceId"]}""")
            .Ok("""[{"id":5001,"reference_id":"store-a-1001","status":"Processing"}]""");
        Dictionary<string, string?> settings = DevDefaults.For(7080);
        settings["Connectors:Resilience:RetryBaseDelayMilliseconds"] = "1";
        using ServiceProvider services = Build(settings, vendor);

        IWarehouseConnector shipBob = services.GetRequiredService<WarehouseConnectors>().Find("shipbob")!;
        WarehouseOrderResult result = await shipBob.CreateOrderAsync(
            new WarehouseOrderRequest(
                "shipbob", "store-a-1001", "#1001", null,
                new ShippingAddress("Ada", "1 Main St", null, "Chicago", "IL", "US", "60607", null),
                [new WarehouseOrderLine("1", "WH-TEE-BLK-M", "Tee", 1, 10m)],
                "corr-retry"),
            default);

        Assert.Equal(WarehouseOrderResult.Existing, result.Outcome);
        Assert.Equal("5001", result.WarehouseOrderId);
        Assert.Equal([HttpMethod.Post, HttpMethod.Post, HttpMethod.Get], vendor.Requests.Select(r => r.Method));
        Assert.Equal(vendor.Requests[0].Body, vendor.Requests[1].Body);
    }

    [Fact]
    public async Task A_fulfillment_create_that_got_a_500_is_not_sent_again_by_the_pipeline_but_a_shopify_read_is()
    {
        var vendor = new ScriptedHttp()
            .Answer(HttpStatusCode.InternalServerError, """{"errors":"Internal Server Error"}""")
            .Answer(HttpStatusCode.InternalServerError, """{"errors":"Internal Server Error"}""")
            .Ok("""{"data":{"order":{"fulfillments":[]}}}""");
        Dictionary<string, string?> settings = DevDefaults.For(7080);
        settings["Connectors:Resilience:RetryBaseDelayMilliseconds"] = "1";
        using ServiceProvider services = Build(settings, vendor);
        IShopifyAdmin shopify = services.GetRequiredService<IShopifyAdmin>();
        var request = new ShopFulfilmentRequest(
            [new ShopFulfilmentOrderLines("gid://shopify/FulfillmentOrder/1", [new ShopFulfilmentLineQuantity("gid://shopify/FulfillmentOrderLineItem/1", 1)])], "UPS", "1Z", null, false);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => shopify.CreateFulfilmentAsync("store-a", request, "corr-f", default));
        int afterCreate = vendor.Requests.Count;
        IReadOnlyList<ShopFulfilment> read = await shopify.GetFulfilmentsAsync("store-a", 1001, "corr-f", default);

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal(1, afterCreate);
        Assert.Empty(read);
        Assert.Equal(3, vendor.Requests.Count);
    }

    [Fact]
    public async Task A_shipstation_429_is_retried_by_the_pipeline_once_the_rate_limit_window_resets()
    {
        var vendor = new ScriptedHttp()
            .Answer(HttpStatusCode.TooManyRequests, """{"message":"Too Many Requests"}""", new() { ["X-Rate-Limit-Limit"] = "40", ["X-Rate-Limit-Remaining"] = "0", ["X-Rate-Limit-Reset"] = "1" })
            .Ok("""{"orderId":70001,"orderKey":"store-a-1001"}""");
        Dictionary<string, string?> settings = DevDefaults.For(7080);
        settings["Connectors:Resilience:RetryBaseDelayMilliseconds"] = "1";
        using ServiceProvider services = Build(settings, vendor);
        IWarehouseConnector shipStation = services.GetRequiredService<WarehouseConnectors>().Find("shipstation")!;
        var started = System.Diagnostics.Stopwatch.StartNew();

        WarehouseOrderResult result = await shipStation.CreateOrderAsync(
            new WarehouseOrderRequest(
                "shipstation", "store-a-1001", "#1001", null,
                new ShippingAddress("Ada", "1 Main St", null, "Chicago", "IL", "US", "60607", null),
                [new WarehouseOrderLine("1", "WH-TEE-BLK-M", "Tee", 1, 10m)],
                "corr-429"),
            default);

        // The window said 1 s; the configured backoff alone would have retried after about a millisecond.
        Assert.True(started.Elapsed >= TimeSpan.FromMilliseconds(900), $"retried after {started.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal(WarehouseOrderResult.Created, result.Outcome);
        Assert.Equal(2, vendor.Requests.Count);
    }

    private static Dictionary<string, string?> Without(Dictionary<string, string?> settings, string prefix) =>
        settings.Where(p => !p.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).ToDictionary(p => p.Key, p => p.Value);

    private static ServiceProvider Build(Dictionary<string, string?> values, ScriptedHttp? vendor = null)
    {
        values.TryAdd(StorageClients.SettingName, "UseDevelopmentStorage=true");
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new StorageClients(configuration));
        services.AddSingleton<ApiCallLog>();
        services.AddShopifyAdmin(configuration);
        services.AddWarehouseConnectors(configuration);
        if (vendor is not null)
        {
            services.AddHttpClient<ShipBobClient>().ConfigurePrimaryHttpMessageHandler(() => vendor);
            services.AddHttpClient<ShopifyAdminClient>().ConfigurePrimaryHttpMessageHandler(() => vendor);
            services.AddHttpClient<ShipStationClient>().ConfigurePrimaryHttpMessageHandler(() => vendor);
        }

        return services.BuildServiceProvider();
    }
}
