using System.Net;
using System.Text.Json.Nodes;
using Integration.SendEvent.Orders;
using Integration.Tests.System.Infrastructure;

namespace Integration.Tests.System.Orders;

/// <summary>
/// The order scenarios of issue 12 end to end: the standalone host, Azurite, the real engine and the sandbox stores
/// and warehouses over HTTP, driven by the same scenario code as "SendEvent scenario"; assertions on the sandboxes' state.
/// </summary>
[Collection(OrdersHostCollection.Name)]
public sealed class OrderScenarioTests(OrdersHostFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_placed_order_reaches_a_warehouse_ships_and_the_store_gets_its_tracking()
    {
        OrderScenarioRun run = fixture.Run();
        long id = SampleOrders.NewOrderId();
        string key = SampleOrders.Key("store-a", id);
        using (await run.PlaceAsync("store-a", id, [("TEE-BLK-M", 2)], CancellationToken.None)) { }

        WarehouseOrder order = await run.WaitForWarehouseOrderAsync(key, CancellationToken.None);
        Assert.Equal("shipbob", order.Warehouse); // the US routes to ShipBob first
        JsonObject shipment = await run.Warehouses.ShipAsync(order, null, CancellationToken.None);

        JsonObject output = await CompletedOutputAsync("order-" + key);
        Assert.Equal("fulfilled", (string?)output["Outcome"]);
        JsonObject? store = await run.Shop.GetOrderAsync("store-a", id, CancellationToken.None);
        JsonNode fulfilment = Assert.Single(store!["fulfillments"]!.AsArray())!;
        string tracking = fulfilment["trackingInfo"]?[0]?["number"]?.GetValue<string>() ?? string.Empty;
        Assert.False(string.IsNullOrEmpty(tracking), $"the fulfilment must carry the tracking number: {fulfilment.ToJsonString()}");
        Assert.Contains(tracking, shipment.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_shipstation_shipment_notice_is_read_back_from_shipstation_and_fulfils_the_order_in_the_store()
    {
        OrderScenarioRun run = fixture.Run();
        long id = SampleOrders.NewOrderId();
        string key = SampleOrders.Key("store-b", id);
        using (await run.PlaceAsync("store-b", id, [("MUG-CLASSIC", 1)], CancellationToken.None, shipTo: "GB")) { }
        WarehouseOrder order = await run.WaitForWarehouseOrderAsync(key, CancellationToken.None);
        Assert.Equal("shipstation", order.Warehouse); // everything but the US routes to ShipStation first

        // The sandbox sends an unsigned SHIP_NOTIFY pointer with the URL token; the product fetches the shipments back.
        JsonObject shipped = await run.Warehouses.ShipAsync(order, null, CancellationToken.None);
        Assert.Contains("SHIP_NOTIFY", shipped.ToJsonString(), StringComparison.Ordinal);

        JsonObject output = await CompletedOutputAsync("order-" + key);
        Assert.Equal("fulfilled", (string?)output["Outcome"]);
        Assert.Equal("shipstation", (string?)output["Warehouse"]);
        JsonObject? store = await run.Shop.GetOrderAsync("store-b", id, CancellationToken.None);
        string tracking = Assert.Single(store!["fulfillments"]!.AsArray())!["trackingInfo"]?[0]?["number"]?.GetValue<string>() ?? string.Empty;
        Assert.False(string.IsNullOrEmpty(tracking));
        Assert.Contains(tracking, shipped.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_orders_at_once_across_the_three_stores_each_reach_the_warehouse_their_country_routes_to()
    {
        OrderScenarioRun run = fixture.Run();
        var orders = SampleOrders.Shops.SelectMany(shop => new[] { (Shop: shop, Id: SampleOrders.NewOrderId(), Country: "US"), (Shop: shop, Id: SampleOrders.NewOrderId(), Country: "GB") }).ToList();
        HttpResponseMessage[] answers = await Task.WhenAll(orders.Select(o => run.PlaceAsync(o.Shop, o.Id, [("MUG-CLASSIC", 1)], CancellationToken.None, o.Country)));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));

        foreach (var o in orders)
        {
            WarehouseOrder order = await run.WaitForWarehouseOrderAsync(SampleOrders.Key(o.Shop, o.Id), CancellationToken.None);
            Assert.Equal(o.Country == "US" ? "shipbob" : "shipstation", order.Warehouse);
        }
    }

    [Fact]
    public async Task An_unmapped_sku_waits_for_a_person_and_ships_as_the_sku_they_give()
    {
        OrderScenarioRun run = fixture.Run();
        long id = SampleOrders.NewOrderId();
        string key = SampleOrders.Key("store-b", id);
        using (await run.PlaceAsync("store-b", id, [(SampleOrders.UnmappedSku, 1)], CancellationToken.None)) { }

        JsonObject status = await StepAsync("order-" + key, "awaiting-review");
        Assert.Contains(SampleOrders.UnmappedSku, (string?)status["Detail"], StringComparison.Ordinal);
        Assert.Null(await run.Warehouses.FindAsync(key, CancellationToken.None));

        using HttpResponseMessage decided = await fixture.DecideAsync("order-" + key, $$"""{"action":"use-sku","value":"{{SampleOrders.UnmappedSku}}=WH-HAT-RED"}""");
        Assert.Equal(HttpStatusCode.Accepted, decided.StatusCode);
        WarehouseOrder order = await run.WaitForWarehouseOrderAsync(key, CancellationToken.None);
        Assert.Contains("WH-HAT-RED", order.Body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_order_cancelled_before_shipping_cancels_the_warehouse_order_and_ends_cancelled()
    {
        OrderScenarioRun run = fixture.Run();
        long id = SampleOrders.NewOrderId();
        string key = SampleOrders.Key("store-a", id);
        using (await run.PlaceAsync("store-a", id, [("TEE-WHT-L", 1)], CancellationToken.None)) { }
        WarehouseOrder before = await run.WaitForWarehouseOrderAsync(key, CancellationToken.None);
        await StepAsync("order-" + key, "awaiting-shipment");

        using (await run.CancelAsync("store-a", id, CancellationToken.None)) { }

        JsonObject output = await CompletedOutputAsync("order-" + key);
        Assert.Equal("cancelled", (string?)output["Outcome"]);
        WarehouseOrder after = (await run.Warehouses.FindAsync(key, CancellationToken.None))!;
        string status = ((string?)after.Body["status"] ?? (string?)after.Body["orderStatus"] ?? string.Empty).ToLowerInvariant();
        Assert.Contains("cancel", status, StringComparison.Ordinal);
        Assert.Equal(before.Id, after.Id);
    }

    [Fact]
    public async Task An_order_cancelled_after_shipping_alerts_for_a_return()
    {
        OrderScenarioRun run = fixture.Run();
        long id = SampleOrders.NewOrderId();
        string key = SampleOrders.Key("store-c", id);
        using (await run.PlaceAsync("store-c", id, [("HAT-RED", 1)], CancellationToken.None)) { }
        WarehouseOrder order = await run.WaitForWarehouseOrderAsync(key, CancellationToken.None);
        await run.Warehouses.ShipAsync(order, null, CancellationToken.None);
        await run.WaitForFulfilmentsAsync("store-c", id, 1, CancellationToken.None);
        await CompletedOutputAsync("order-" + key);

        using (await run.CancelAsync("store-c", id, CancellationToken.None)) { }

        await Eventually.Until(
            () => fixture.Sandbox.AlertsAsync(),
            alerts => alerts.Any(a => a!.ToJsonString().Contains(key, StringComparison.Ordinal) && a.ToJsonString().Contains("return", StringComparison.OrdinalIgnoreCase)),
            Deadline,
            $"an alert asking for the return of {key}");
        JsonObject output = await CompletedOutputAsync("order-" + key, o => (string?)o["Outcome"] == "cancelled-after-shipping");
        Assert.Equal("cancelled-after-shipping", (string?)output["Outcome"]);
    }

    [Fact]
    public async Task A_partial_shipment_fulfils_its_lines_and_the_rest_follows_with_its_own_tracking()
    {
        OrderScenarioRun run = fixture.Run();
        long id = SampleOrders.NewOrderId();
        string key = SampleOrders.Key("store-a", id);
        using (await run.PlaceAsync("store-a", id, [("TEE-BLK-M", 1), ("MUG-CLASSIC", 2)], CancellationToken.None)) { }
        WarehouseOrder order = await run.WaitForWarehouseOrderAsync(key, CancellationToken.None);

        await run.Warehouses.ShipAsync(order, [("WH-TEE-BLK-M", 1)], CancellationToken.None);
        await run.WaitForFulfilmentsAsync("store-a", id, 1, CancellationToken.None);
        JsonObject waiting = await fixture.InstanceAsync("order-" + key) ?? [];
        Assert.Equal("Running", (string?)waiting["runtimeStatus"]);

        await run.Warehouses.ShipAsync(order, null, CancellationToken.None);
        JsonObject output = await CompletedOutputAsync("order-" + key);
        Assert.Equal("fulfilled", (string?)output["Outcome"]);
        JsonObject? store = await run.Shop.GetOrderAsync("store-a", id, CancellationToken.None);
        Assert.Equal(2, store!["fulfillments"]!.AsArray().Count);
    }

    [Fact]
    public async Task The_same_order_webhook_delivered_five_times_gives_one_warehouse_order()
    {
        OrderScenarioRun run = fixture.Run();
        long id = SampleOrders.NewOrderId();
        string key = SampleOrders.Key("store-b", id);
        JsonObject order = await run.Shop.CreateOrderAsync("store-b", SampleOrders.Order(id, [("TEE-BLK-M", 1)]), CancellationToken.None);
        string webhookId = Guid.NewGuid().ToString();
        for (int i = 0; i < 5; i++)
        {
            using HttpResponseMessage answer = await ShopifyDeliveries.SendAsync(fixture.Sender, "store-b", "orders/create", order, webhookId, null, CancellationToken.None);
            Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        }

        await run.WaitForWarehouseOrderAsync(key, CancellationToken.None);
        await StepAsync("order-" + key, "awaiting-shipment");
        Assert.Equal(1, await WarehouseOrderCountAsync(run, key));
    }

    [Fact]
    public async Task A_warehouse_failing_thirty_percent_of_calls_still_gets_exactly_one_order_per_order()
    {
        OrderScenarioRun run = fixture.Run();
        var orders = Enumerable.Range(0, 10).Select(i => (Shop: SampleOrders.Shops[i % 3], Id: SampleOrders.NewOrderId())).ToList();
        await fixture.Sandbox.SetFaultsAsync("shipbob", new { rate500 = 0.15, rate500AfterProcessing = 0.15, seed = 12 });
        try
        {
            HttpResponseMessage[] answers = await Task.WhenAll(orders.Select(o => run.PlaceAsync(o.Shop, o.Id, [("TEE-BLK-M", 1)], CancellationToken.None)));
            Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
            foreach (var o in orders)
            {
                await StepAsync("order-" + SampleOrders.Key(o.Shop, o.Id), "awaiting-shipment");
            }
        }
        finally
        {
            await fixture.Sandbox.ClearFaultsAsync("shipbob");
        }

        foreach (var o in orders)
        {
            Assert.Equal(1, await WarehouseOrderCountAsync(run, SampleOrders.Key(o.Shop, o.Id)));
        }
    }

    [Theory]
    [InlineData("shipbob")]
    [InlineData("shipstation")]
    public async Task Fifty_orders_racing_for_twenty_units_send_exactly_twenty_to_the_warehouse_and_every_store_shows_zero(string warehouse)
    {
        OrderScenarioRun run = fixture.Run();
        string other = warehouse == "shipbob" ? "shipstation" : "shipbob";
        int held = await run.Warehouses.OpenUnitsAsync(warehouse, SampleOrders.LimitedWarehouseSku, CancellationToken.None);
        int heldElsewhere = await run.Warehouses.OpenUnitsAsync(other, SampleOrders.LimitedWarehouseSku, CancellationToken.None);
        await run.Warehouses.SetOnHandAsync(other, SampleOrders.LimitedWarehouseSku, heldElsewhere, CancellationToken.None);
        await run.Warehouses.SetOnHandAsync(warehouse, SampleOrders.LimitedWarehouseSku, 20 + held, CancellationToken.None);
        await StoresShowAsync(run, 20);

        var orders = Enumerable.Range(0, 50).Select(i => (Shop: SampleOrders.Shops[i % 3], Id: SampleOrders.NewOrderId())).ToList();
        HttpResponseMessage[] answers = await Task.WhenAll(orders.Select(o => run.PlaceAsync(o.Shop, o.Id, [(SampleOrders.LimitedSku, 1)], CancellationToken.None)));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));

        // Every order ends either at the warehouse (awaiting shipment) or waiting for a person as a backorder.
        var steps = new List<string>();
        foreach (var o in orders)
        {
            JsonObject status = await Eventually.Until(
                async () => (JsonObject?)(await fixture.InstanceAsync("order-" + SampleOrders.Key(o.Shop, o.Id)))?["customStatus"] ?? [],
                s => (string?)s["Step"] is "awaiting-shipment" or "awaiting-review",
                Deadline,
                $"order {o.Id} to reach the warehouse or a backorder review");
            steps.Add((string)status["Step"]!);
            if ((string?)status["Step"] == "awaiting-review")
            {
                Assert.Contains("ackorder", (string?)status["Detail"], StringComparison.Ordinal);
            }
        }

        int sent = 0;
        foreach (var o in orders)
        {
            WarehouseOrder? order = await run.Warehouses.FindAsync(SampleOrders.Key(o.Shop, o.Id), CancellationToken.None);
            if (order is not null)
            {
                Assert.Equal(warehouse, order.Warehouse);
                sent++;
            }
        }

        Assert.Equal(20, sent);
        Assert.Equal(20, steps.Count(s => s == "awaiting-shipment"));
        Assert.Equal(30, steps.Count(s => s == "awaiting-review"));
        await StoresShowAsync(run, 0);
    }

    [Fact]
    public async Task A_warehouse_stock_change_reaches_every_store()
    {
        OrderScenarioRun run = fixture.Run();
        // Stores show the sum over warehouses of on-hand minus what open orders hold there: ShipStation adds 0, ShipBob 37.
        int heldAtShipBob = await run.Warehouses.OpenUnitsAsync("shipbob", "WH-HAT-RED", CancellationToken.None);
        int heldAtShipStation = await run.Warehouses.OpenUnitsAsync("shipstation", "WH-HAT-RED", CancellationToken.None);
        await run.Warehouses.SetOnHandAsync("shipstation", "WH-HAT-RED", heldAtShipStation, CancellationToken.None);
        await run.Warehouses.SetOnHandAsync("shipbob", "WH-HAT-RED", 37 + heldAtShipBob, CancellationToken.None);

        foreach (string shop in SampleOrders.Shops)
        {
            await Eventually.Until(() => run.Shop.AvailableAsync(shop, "HAT-RED", CancellationToken.None), a => a == 37, Deadline, $"{shop} to show 37 HAT-RED");
        }
    }

    [Fact]
    public async Task A_placed_order_gets_a_note_on_the_customers_crm_timeline()
    {
        OrderScenarioRun run = fixture.Run();
        long id = SampleOrders.NewOrderId();
        using (await run.PlaceAsync("store-a", id, [("MUG-CLASSIC", 1)], CancellationToken.None)) { }

        JsonObject output = await CompletedOutputAsync("crm-note-" + SampleOrders.Key("store-a", id));
        Assert.Equal("noted", (string?)output["Outcome"]);
        string name = (string)(await run.Shop.GetOrderAsync("store-a", id, CancellationToken.None))!["order"]!["name"]!;
        JsonArray notes = await fixture.Sandbox.GetArrayAsync("/_sandbox/hubspot/notes");
        JsonNode note = Assert.Single(notes, n => (string?)n!["id"] == (string?)output["NoteId"])!;
        Assert.Contains($"Order {name} placed in store-a", note.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal((string?)output["ContactId"], (string?)note["contactId"]);
    }

    [Fact]
    public async Task A_failing_crm_neither_blocks_nor_repeats_the_fulfilment_of_the_same_event()
    {
        OrderScenarioRun run = fixture.Run();
        long id = SampleOrders.NewOrderId();
        string key = SampleOrders.Key("store-c", id);
        await fixture.Sandbox.SetFaultsAsync("hubspot", new { rate500 = 1.0 });
        try
        {
            using (await run.PlaceAsync("store-c", id, [("MUG-CLASSIC", 1)], CancellationToken.None)) { }
            await run.WaitForWarehouseOrderAsync(key, CancellationToken.None);
            await StepAsync("order-" + key, "awaiting-shipment");
        }
        finally
        {
            await fixture.Sandbox.ClearFaultsAsync("hubspot");
        }

        Assert.Equal(1, await WarehouseOrderCountAsync(run, key));
    }

    [Fact]
    public async Task An_order_not_shipped_within_the_sla_raises_an_alert_naming_the_order_and_the_warehouse_and_keeps_waiting()
    {
        OrderScenarioRun run = fixture.Run();
        long id = SampleOrders.NewOrderId();
        string key = SampleOrders.Key("store-b", id);
        using (await run.PlaceAsync("store-b", id, [("TEE-BLK-M", 1)], CancellationToken.None)) { }
        WarehouseOrder order = await run.WaitForWarehouseOrderAsync(key, CancellationToken.None);

        await Eventually.Until(
            () => fixture.Sandbox.AlertsAsync(),
            alerts => alerts.Any(a => a!.ToJsonString().Contains(key, StringComparison.Ordinal) && a.ToJsonString().Contains(order.Warehouse, StringComparison.Ordinal)),
            OrdersHostFixture.ShippingSla + Deadline,
            $"the missed-SLA alert for {key}");
        Assert.Equal("awaiting-shipment", (string?)(await StepAsync("order-" + key, "awaiting-shipment"))["Step"]);

        await run.Warehouses.ShipAsync(order, null, CancellationToken.None);
        Assert.Equal("fulfilled", (string?)(await CompletedOutputAsync("order-" + key))["Outcome"]);
    }

    [Fact]
    public async Task While_the_warehouse_is_down_the_order_waits_and_reaches_it_once_when_it_is_back()
    {
        OrderScenarioRun run = fixture.Run();
        using HttpResponseMessage last = await OrderScenarios.Find("warehouse-down")!.RunAsync(run, CancellationToken.None);
        Assert.Equal(HttpStatusCode.Accepted, last.StatusCode);
        string? key = null;
        foreach (JsonObject order in await run.Warehouses.OrdersAsync("shipbob", CancellationToken.None))
        {
            key = SandboxWarehouses.ReferenceOf(order);
        }

        Assert.NotNull(key);
        Assert.Equal(1, await WarehouseOrderCountAsync(run, key!));
    }

    private static async Task<int> WarehouseOrderCountAsync(OrderScenarioRun run, string key)
    {
        int count = 0;
        foreach (string warehouse in SandboxWarehouses.Names)
        {
            count += (await run.Warehouses.OrdersAsync(warehouse, CancellationToken.None)).Count(o => SandboxWarehouses.ReferenceOf(o) == key);
        }

        return count;
    }

    private async Task StoresShowAsync(OrderScenarioRun run, int available)
    {
        foreach (string shop in SampleOrders.Shops)
        {
            await fixture.Host.ExplainTimeoutAsync(() => Eventually.Until(
                () => run.Shop.AvailableAsync(shop, SampleOrders.LimitedSku, CancellationToken.None), a => a == available, Deadline, $"{shop} to show {available} {SampleOrders.LimitedSku}"));
        }
    }

    private async Task<JsonObject> StepAsync(string instanceId, string step)
    {
        JsonObject instance = await Eventually.Until(
            async () => await fixture.InstanceAsync(instanceId) ?? [],
            i => (string?)i["customStatus"]?["Step"] == step,
            Deadline,
            $"{instanceId} to reach step {step}");
        return (JsonObject)instance["customStatus"]!;
    }

    private async Task<JsonObject> CompletedOutputAsync(string instanceId, Func<JsonObject, bool>? also = null)
    {
        JsonObject instance = await Eventually.Until(
            async () => await fixture.InstanceAsync(instanceId) ?? [],
            i => (string?)i["runtimeStatus"] == "Completed" && (also is null || (i["output"] is JsonObject o && also(o))),
            Deadline,
            $"{instanceId} to complete");
        return (JsonObject)instance["output"]!;
    }
}
