using System.Text.Json.Nodes;

namespace Integration.SendEvent.Orders;

/// <summary>One named order scenario: places orders in the sandbox stores, plays the warehouse's part, and says what to watch.</summary>
public sealed record OrderScenario(string Name, string Summary, Func<OrderScenarioRun, CancellationToken, Task<HttpResponseMessage>> RunAsync);

/// <summary>The order-fulfilment cases a developer or support engineer can replay against a running host (README: "Orders").</summary>
public static class OrderScenarios
{
    /// <summary>Units of the limited SKU the race starts with, and how many single-unit orders fight over them.</summary>
    public const int RaceStock = 20;
    public const int RaceOrders = 50;

    public static IReadOnlyList<OrderScenario> All { get; } =
    [
        new("order-placed", "one order from store-a to the US: it reaches a warehouse, ships, and the tracking number comes back to the store", OrderPlacedAsync),
        new("several-orders", "two orders in each of store-a, store-b and store-c at once, to the US and to the UK: each reaches the warehouse its country routes to", SeveralOrdersAsync),
        new("unmapped-sku", $"an order with {SampleOrders.UnmappedSku}, which the data dictionary does not map: the workflow asks a person (use-sku, retry, cancel)", UnmappedSkuAsync),
        new("cancel-before-shipping", "an order cancelled in the store after it reached the warehouse: the warehouse order is cancelled and the stock released", CancelBeforeShippingAsync),
        new("cancel-after-shipping", "an order cancelled after it shipped: the store keeps its fulfilment and an alert asks a person to arrange the return", CancelAfterShippingAsync),
        new("partial-shipment", "a two-line order shipped in two parts: each part is fulfilled in the store with its own tracking number", PartialShipmentAsync),
        new("last-units-race", $"{RaceStock} units of {SampleOrders.LimitedSku} and {RaceOrders} single-unit orders at once across the three stores: exactly {RaceStock} reach the warehouse, the rest wait as backorder reviews, every store shows 0", LastUnitsRaceAsync),
        new("warehouse-down", "ShipBob answers 503 to every call while a US order arrives: the workflow keeps retrying; when ShipBob is back the order reaches it once", WarehouseDownAsync),
    ];

    public static OrderScenario? Find(string name) => All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    private static async Task<HttpResponseMessage> OrderPlacedAsync(OrderScenarioRun run, CancellationToken ct)
    {
        long id = SampleOrders.NewOrderId();
        HttpResponseMessage last = await run.PlaceAsync("store-a", id, [("TEE-BLK-M", 2)], ct).ConfigureAwait(false);
        WarehouseOrder order = await run.WaitForWarehouseOrderAsync(SampleOrders.Key("store-a", id), ct).ConfigureAwait(false);
        await run.Warehouses.ShipAsync(order, null, ct).ConfigureAwait(false);
        await run.Log.WriteLineAsync($"{order.Warehouse}: order {order.Id} shipped; its webhook went to the product").ConfigureAwait(false);
        await run.WaitForFulfilmentsAsync("store-a", id, 1, ct).ConfigureAwait(false);
        await run.Log.WriteLineAsync($"watch it: {run.WatchHint("order-" + SampleOrders.Key("store-a", id))}").ConfigureAwait(false);
        return last;
    }

    private static async Task<HttpResponseMessage> SeveralOrdersAsync(OrderScenarioRun run, CancellationToken ct)
    {
        var placed = new List<(string Shop, long Id)>();
        foreach (string shop in SampleOrders.Shops)
        {
            placed.Add((shop, SampleOrders.NewOrderId()));
            placed.Add((shop, SampleOrders.NewOrderId()));
        }

        HttpResponseMessage[] answers = await Task.WhenAll(placed.Select((o, i) =>
            run.PlaceAsync(o.Shop, o.Id, [(i % 2 == 0 ? "MUG-CLASSIC" : "HAT-RED", 1)], ct, shipTo: i % 2 == 0 ? "US" : "GB"))).ConfigureAwait(false);
        foreach ((string shop, long id) in placed)
        {
            await run.WaitForWarehouseOrderAsync(SampleOrders.Key(shop, id), ct).ConfigureAwait(false);
        }

        foreach (HttpResponseMessage answer in answers[..^1])
        {
            answer.Dispose();
        }

        return answers[^1];
    }

    private static async Task<HttpResponseMessage> UnmappedSkuAsync(OrderScenarioRun run, CancellationToken ct)
    {
        long id = SampleOrders.NewOrderId();
        string instance = "order-" + SampleOrders.Key("store-b", id);
        HttpResponseMessage last = await run.PlaceAsync("store-b", id, [(SampleOrders.UnmappedSku, 1), ("TEE-BLK-M", 1)], ct).ConfigureAwait(false);
        await run.WaitForWorkflowAsync(instance, v => OrderScenarioRun.StepOf(v) == "awaiting-review", "the workflow to ask for a review", ct).ConfigureAwait(false);
        await run.Log.WriteLineAsync(
            $"answer it in the console (Reviews), or: curl -s -X POST -H 'X-Api-Key: {OrderScenarioRun.OperationsKey}' -H 'Content-Type: application/json' " +
            $"-d '{{\"action\":\"use-sku\",\"value\":\"{SampleOrders.UnmappedSku}=WH-TEE-BLK-M\",\"comment\":\"same item\"}}' {run.Sender.BaseUrl}/api/v1/reviews/{instance}").ConfigureAwait(false);
        return last;
    }

    private static async Task<HttpResponseMessage> CancelBeforeShippingAsync(OrderScenarioRun run, CancellationToken ct)
    {
        long id = SampleOrders.NewOrderId();
        string key = SampleOrders.Key("store-a", id);
        (await run.PlaceAsync("store-a", id, [("TEE-WHT-L", 1)], ct).ConfigureAwait(false)).Dispose();
        await run.WaitForWarehouseOrderAsync(key, ct).ConfigureAwait(false);
        HttpResponseMessage last = await run.CancelAsync("store-a", id, ct).ConfigureAwait(false);
        await run.WaitForWorkflowAsync("order-" + key, v => (string?)v["runtimeStatus"] == "Completed", "the workflow to finish as cancelled", ct).ConfigureAwait(false);
        return last;
    }

    private static async Task<HttpResponseMessage> CancelAfterShippingAsync(OrderScenarioRun run, CancellationToken ct)
    {
        long id = SampleOrders.NewOrderId();
        string key = SampleOrders.Key("store-c", id);
        (await run.PlaceAsync("store-c", id, [("HAT-RED", 1)], ct).ConfigureAwait(false)).Dispose();
        WarehouseOrder order = await run.WaitForWarehouseOrderAsync(key, ct).ConfigureAwait(false);
        await run.Warehouses.ShipAsync(order, null, ct).ConfigureAwait(false);
        await run.WaitForFulfilmentsAsync("store-c", id, 1, ct).ConfigureAwait(false);
        HttpResponseMessage last = await run.CancelAsync("store-c", id, ct).ConfigureAwait(false);
        await run.Log.WriteLineAsync($"the return alert is in the console (Alerts) and in the sandbox: curl -s {run.Sender.BaseUrl.Replace("7071", "7080", StringComparison.Ordinal)}/_sandbox/alerts").ConfigureAwait(false);
        return last;
    }

    private static async Task<HttpResponseMessage> PartialShipmentAsync(OrderScenarioRun run, CancellationToken ct)
    {
        long id = SampleOrders.NewOrderId();
        string key = SampleOrders.Key("store-a", id);
        HttpResponseMessage last = await run.PlaceAsync("store-a", id, [("TEE-BLK-M", 1), ("MUG-CLASSIC", 2)], ct).ConfigureAwait(false);
        WarehouseOrder order = await run.WaitForWarehouseOrderAsync(key, ct).ConfigureAwait(false);
        await run.Warehouses.ShipAsync(order, [("WH-TEE-BLK-M", 1)], ct).ConfigureAwait(false);
        await run.WaitForFulfilmentsAsync("store-a", id, 1, ct).ConfigureAwait(false);
        await run.WaitForWorkflowAsync("order-" + key, v => OrderScenarioRun.StepOf(v) == "awaiting-shipment", "the workflow to wait for the rest", ct).ConfigureAwait(false);
        await run.Warehouses.ShipAsync(order, null, ct).ConfigureAwait(false);
        await run.WaitForFulfilmentsAsync("store-a", id, 2, ct).ConfigureAwait(false);
        return last;
    }

    private static async Task<HttpResponseMessage> LastUnitsRaceAsync(OrderScenarioRun run, CancellationToken ct)
    {
        // Orders of earlier runs still hold their units: give the warehouse that many more, so exactly RaceStock are free now.
        int held = await run.Warehouses.OpenUnitsAsync("shipbob", SampleOrders.LimitedWarehouseSku, ct).ConfigureAwait(false);
        await run.Warehouses.SetOnHandAsync("shipbob", SampleOrders.LimitedWarehouseSku, RaceStock + held, ct).ConfigureAwait(false);
        await run.Warehouses.SetOnHandAsync("shipstation", SampleOrders.LimitedWarehouseSku, 0, ct).ConfigureAwait(false);
        await run.Log.WriteLineAsync($"shipbob: {SampleOrders.LimitedWarehouseSku} on hand {RaceStock + held} ({held} held by earlier orders); shipstation: 0").ConfigureAwait(false);
        await WaitForStoresAsync(run, RaceStock, ct).ConfigureAwait(false);

        var orders = Enumerable.Range(0, RaceOrders).Select(i => (Shop: SampleOrders.Shops[i % SampleOrders.Shops.Count], Id: SampleOrders.NewOrderId())).ToList();
        HttpResponseMessage[] answers = await Task.WhenAll(orders.Select(o => run.PlaceAsync(o.Shop, o.Id, [(SampleOrders.LimitedSku, 1)], ct))).ConfigureAwait(false);
        await WaitForStoresAsync(run, 0, ct).ConfigureAwait(false);
        int sent = 0;
        foreach ((string shop, long id) in orders)
        {
            sent += await run.Warehouses.FindAsync(SampleOrders.Key(shop, id), ct).ConfigureAwait(false) is null ? 0 : 1;
        }

        await run.Log.WriteLineAsync($"{sent} of {RaceOrders} orders reached a warehouse (expected {RaceStock}); the others wait as backorder reviews in the console (Reviews)").ConfigureAwait(false);
        foreach (HttpResponseMessage answer in answers[..^1])
        {
            answer.Dispose();
        }

        return answers[^1];
    }

    private static async Task<HttpResponseMessage> WarehouseDownAsync(OrderScenarioRun run, CancellationToken ct)
    {
        long id = SampleOrders.NewOrderId();
        string key = SampleOrders.Key("store-b", id);
        await run.Warehouses.SetFaultsAsync("shipbob", new JsonObject { ["rate500"] = 1.0 }, ct).ConfigureAwait(false);
        await run.Log.WriteLineAsync("shipbob: every call now answers 500").ConfigureAwait(false);
        HttpResponseMessage last;
        try
        {
            last = await run.PlaceAsync("store-b", id, [("TEE-BLK-M", 1)], ct).ConfigureAwait(false);
            await Task.Delay(TimeSpan.FromSeconds(15), ct).ConfigureAwait(false);
            JsonObject? view = await run.WorkflowAsync("order-" + key, ct).ConfigureAwait(false);
            await run.Log.WriteLineAsync($"after 15 s: {view?["runtimeStatus"]}, {view?["customStatus"]?["Step"]}: {view?["customStatus"]?["Detail"]}").ConfigureAwait(false);
        }
        finally
        {
            await run.Warehouses.SetFaultsAsync("shipbob", [], CancellationToken.None).ConfigureAwait(false);
            await run.Log.WriteLineAsync("shipbob: back").ConfigureAwait(false);
        }

        await run.WaitForWarehouseOrderAsync(key, ct).ConfigureAwait(false);
        return last;
    }

    private static async Task WaitForStoresAsync(OrderScenarioRun run, int available, CancellationToken ct)
    {
        foreach (string shop in SampleOrders.Shops)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            while (await run.Shop.AvailableAsync(shop, SampleOrders.LimitedSku, ct).ConfigureAwait(false) != available)
            {
                if (watch.Elapsed > OrderScenarioRun.StepTimeout)
                {
                    throw new TimeoutException($"{shop} did not show {available} {SampleOrders.LimitedSku} within {OrderScenarioRun.StepTimeout.TotalSeconds:0} s.");
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250), ct).ConfigureAwait(false);
            }
        }

        await run.Log.WriteLineAsync($"every store shows {available} {SampleOrders.LimitedSku} available").ConfigureAwait(false);
    }
}
