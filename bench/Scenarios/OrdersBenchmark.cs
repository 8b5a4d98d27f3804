using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Integration.Bench.Measurement;
using Integration.SendEvent;
using Integration.SendEvent.Orders;

namespace Integration.Bench.Scenarios;

/// <summary>
/// (h) order placed → warehouse order created, for one order at a time and under a sale burst across the three stores;
/// (i) a warehouse stock change → every store updated; (j) the burst's totals checked against the sandbox (placed =
/// warehouse orders, none duplicated, the limited SKU not oversold). Times are the sandbox's own creation stamps
/// (same clock as the bench) against the moment the bench posted the store's webhook.
/// </summary>
public static class OrdersBenchmark
{
    /// <summary>Units of the limited SKU the burst starts with, and the share of burst orders that ask for it.</summary>
    private const int LimitedStock = 50;
    private const int LimitedEvery = 5;

    private static readonly string[] BurstSkus = ["TEE-BLK-M", "TEE-WHT-L", "MUG-CLASSIC", "HAT-RED"];

    /// <summary>Runs (h), (i) and (j); prints as it goes; returns the failures.</summary>
    public static async Task<List<string>> RunAsync(
        HttpClient http, WebhookSender sender, Uri sandbox, TextWriter output, int singleRuns, int burstRate, int burstSeconds, int stockRuns, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var failures = new List<string>();
        string root = sandbox.ToString().TrimEnd('/');
        var shop = new SandboxShop(http, root);
        var warehouses = new SandboxWarehouses(http, root);
        var run = new OrderScenarioRun(shop, warehouses, sender, TextWriter.Null);

        // Plenty of every ordinary SKU at both warehouses, so only the limited SKU can run short.
        foreach (string warehouse in SandboxWarehouses.Names)
        {
            foreach (string sku in BurstSkus)
            {
                await warehouses.SetOnHandAsync(warehouse, "WH-" + sku, 1_000_000, cancellationToken).ConfigureAwait(false);
            }
        }

        output.WriteLine($"(h) order placed -> warehouse order created, {singleRuns} orders one at a time");
        var alone = new List<double>();
        for (int i = 0; i < singleRuns; i++)
        {
            (string Shop, long Id, string Country) order = (SampleOrders.Shops[i % 3], SampleOrders.NewOrderId(), i % 2 == 0 ? "US" : "GB");
            var sent = await PlaceAsync(run, shop, order, [("TEE-BLK-M", 1)], cancellationToken).ConfigureAwait(false);
            var seen = await WaitForOrdersAsync(warehouses, new Dictionary<string, DateTimeOffset> { [sent.Key] = sent.At }, timeout, cancellationToken).ConfigureAwait(false);
            if (seen.TryGetValue(sent.Key, out var first))
            {
                alone.Add((first.At - sent.At).TotalMilliseconds);
            }
            else
            {
                failures.Add($"(h) order {sent.Key} reached no warehouse within {timeout.TotalMinutes:0} min");
            }
        }

        LatencySummary single = LatencySummary.Of(alone);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    alone: p50 {single.P50 / 1000:0.00} s, p95 {single.P95 / 1000:0.00} s, max {single.Max / 1000:0.00} s over {single.Count} orders (goal: p95 under 2 s)"));

        // The limited SKU: LimitedStock units at ShipBob only, whatever earlier runs left held.
        int held = await warehouses.OpenUnitsAsync("shipbob", SampleOrders.LimitedWarehouseSku, cancellationToken).ConfigureAwait(false);
        int heldElsewhere = await warehouses.OpenUnitsAsync("shipstation", SampleOrders.LimitedWarehouseSku, cancellationToken).ConfigureAwait(false);
        await warehouses.SetOnHandAsync("shipbob", SampleOrders.LimitedWarehouseSku, LimitedStock + held, cancellationToken).ConfigureAwait(false);
        await warehouses.SetOnHandAsync("shipstation", SampleOrders.LimitedWarehouseSku, heldElsewhere, cancellationToken).ConfigureAwait(false);
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken).ConfigureAwait(false);

        int total = burstRate * burstSeconds;
        output.WriteLine($"(h) sale burst: {burstRate} orders/s for {burstSeconds} s across the three stores ({total} orders; every {LimitedEvery}th asks for {SampleOrders.LimitedSku}, {LimitedStock} in stock)");
        var placed = new ConcurrentDictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var limited = new ConcurrentBag<string>();
        var sends = new List<Task>();
        var pace = Stopwatch.StartNew();
        for (int i = 0; i < total; i++)
        {
            TimeSpan due = TimeSpan.FromSeconds((double)i / burstRate);
            if (due > pace.Elapsed)
            {
                await Task.Delay(due - pace.Elapsed, cancellationToken).ConfigureAwait(false);
            }

            bool isLimited = i % LimitedEvery == LimitedEvery - 1;
            string sku = isLimited ? SampleOrders.LimitedSku : BurstSkus[i % BurstSkus.Length];
            (string Shop, long Id, string Country) order = (SampleOrders.Shops[i % 3], SampleOrders.NewOrderId(), isLimited || i % 2 == 0 ? "US" : "GB");
            sends.Add(Task.Run(async () =>
            {
                var sent = await PlaceAsync(run, shop, order, [(sku, 1)], cancellationToken).ConfigureAwait(false);
                placed[sent.Key] = sent.At;
                if (isLimited)
                {
                    limited.Add(sent.Key);
                }
            }, cancellationToken));
        }

        try
        {
            await Task.WhenAll(sends).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            failures.Add($"(h) a burst order could not be placed: {ex.Message}");
        }

        double sending = pace.Elapsed.TotalSeconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {placed.Count} orders placed in {sending:0.0} s ({placed.Count / sending:0.0}/s)"));

        // The limited SKU's orders beyond the stock never reach a warehouse (they wait as backorder reviews): wait for the others.
        var expected = placed.Where(p => !limited.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        Dictionary<string, (DateTimeOffset At, string Warehouse)> created = await WaitForOrdersAsync(warehouses, expected, timeout, cancellationToken).ConfigureAwait(false);
        await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
        created = await WaitForOrdersAsync(warehouses, placed, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        LatencySummary burst = LatencySummary.Of(placed.Where(p => created.ContainsKey(p.Key)).Select(p => (created[p.Key].At - p.Value).TotalMilliseconds));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    burst: p50 {burst.P50 / 1000:0.00} s, p95 {burst.P95 / 1000:0.00} s, max {burst.Max / 1000:0.00} s over {burst.Count} warehouse orders (goal: p95 under 10 s; the essay's bar: under a minute)"));

        output.WriteLine("(j) the burst's totals against the sandbox");
        Dictionary<string, int> references = await ReferenceCountsAsync(warehouses, cancellationToken).ConfigureAwait(false);
        int placedCount = placed.Count;
        int createdCount = placed.Keys.Count(references.ContainsKey);
        int duplicated = placed.Keys.Count(k => references.GetValueOrDefault(k) > 1);
        int limitedSent = limited.Count(references.ContainsKey);
        int ordinaryMissing = expected.Keys.Count(k => !references.ContainsKey(k));
        output.WriteLine($"    placed {placedCount}; warehouse orders created {createdCount} (ordinary SKUs missing: {ordinaryMissing}); duplicated {duplicated}");
        output.WriteLine($"    {SampleOrders.LimitedSku}: {limited.Count} ordered, {limitedSent} sent to a warehouse with {LimitedStock} in stock; oversold {Math.Max(0, limitedSent - LimitedStock)}; the other {limited.Count - limitedSent} wait as backorders");
        if (ordinaryMissing > 0)
        {
            failures.Add($"(j) {ordinaryMissing} burst orders of ordinary SKUs reached no warehouse");
        }

        if (duplicated > 0)
        {
            failures.Add($"(j) {duplicated} orders have more than one warehouse order");
        }

        if (limitedSent != Math.Min(LimitedStock, limited.Count))
        {
            failures.Add($"(j) {limitedSent} orders of {SampleOrders.LimitedSku} reached a warehouse; expected exactly {Math.Min(LimitedStock, limited.Count)}");
        }

        output.WriteLine($"(i) a warehouse stock change -> all three stores updated, {stockRuns} changes");
        var stock = new List<double>();
        // What stores show is the sum over warehouses of on-hand minus held: ShipStation is set to exactly what its open
        // orders hold (it adds 0), and ShipBob to the target plus what its open orders hold.
        int heldAtShipBob = await warehouses.OpenUnitsAsync("shipbob", "WH-HAT-RED", cancellationToken).ConfigureAwait(false);
        int heldAtShipStation = await warehouses.OpenUnitsAsync("shipstation", "WH-HAT-RED", cancellationToken).ConfigureAwait(false);
        await warehouses.SetOnHandAsync("shipstation", "WH-HAT-RED", heldAtShipStation, cancellationToken).ConfigureAwait(false);
        for (int i = 0; i < stockRuns; i++)
        {
            int available = 100 + i;
            var clock = Stopwatch.StartNew();
            await warehouses.SetOnHandAsync("shipbob", "WH-HAT-RED", available + heldAtShipBob, cancellationToken).ConfigureAwait(false);
            bool all = true;
            foreach (string store in SampleOrders.Shops)
            {
                while (await shop.AvailableAsync(store, "HAT-RED", cancellationToken).ConfigureAwait(false) != available)
                {
                    if (clock.Elapsed > TimeSpan.FromSeconds(60))
                    {
                        failures.Add($"(i) {store} did not show {available} HAT-RED within 60 s");
                        all = false;
                        break;
                    }

                    await Task.Delay(50, cancellationToken).ConfigureAwait(false);
                }
            }

            if (all)
            {
                stock.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        LatencySummary change = LatencySummary.Of(stock);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    stock change -> every store: p50 {change.P50 / 1000:0.00} s, p95 {change.P95 / 1000:0.00} s, max {change.Max / 1000:0.00} s over {change.Count} changes (includes waiting for the next poll of the warehouse)"));
        output.WriteLine();
        return failures;
    }

    private static async Task<(string Key, DateTimeOffset At)> PlaceAsync(OrderScenarioRun run, SandboxShop shop, (string Shop, long Id, string Country) order, IReadOnlyList<(string Sku, int Quantity)> lines, CancellationToken cancellationToken)
    {
        JsonObject body = await shop.CreateOrderAsync(order.Shop, SampleOrders.Order(order.Id, lines, shipTo: order.Country), cancellationToken).ConfigureAwait(false);
        DateTimeOffset at = DateTimeOffset.UtcNow;
        using HttpResponseMessage answer = await ShopifyDeliveries.SendAsync(run.Sender, order.Shop, "orders/create", body, null, null, cancellationToken).ConfigureAwait(false);
        return answer.StatusCode == HttpStatusCode.Accepted
            ? (SampleOrders.Key(order.Shop, order.Id), at)
            : throw new HttpRequestException($"the product answered {(int)answer.StatusCode} to order {order.Id}");
    }

    /// <summary>Polls both warehouses until every expected order key has a warehouse order (or the timeout); returns when each was created.</summary>
    private static async Task<Dictionary<string, (DateTimeOffset At, string Warehouse)>> WaitForOrdersAsync(
        SandboxWarehouses warehouses, IReadOnlyDictionary<string, DateTimeOffset> expected, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, (DateTimeOffset At, string Warehouse)>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            foreach (string warehouse in SandboxWarehouses.Names)
            {
                foreach (JsonObject order in await warehouses.OrdersAsync(warehouse, cancellationToken).ConfigureAwait(false))
                {
                    if (SandboxWarehouses.ReferenceOf(order) is { } key && expected.ContainsKey(key) && !found.ContainsKey(key))
                    {
                        found[key] = (CreatedAt(order) ?? DateTimeOffset.UtcNow, warehouse);
                    }
                }
            }

            if (found.Count >= expected.Count || clock.Elapsed >= timeout)
            {
                return found;
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>How many warehouse orders (both warehouses) carry each reference.</summary>
    private static async Task<Dictionary<string, int>> ReferenceCountsAsync(SandboxWarehouses warehouses, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string warehouse in SandboxWarehouses.Names)
        {
            foreach (JsonObject order in await warehouses.OrdersAsync(warehouse, cancellationToken).ConfigureAwait(false))
            {
                if (SandboxWarehouses.ReferenceOf(order) is { } key)
                {
                    counts[key] = counts.GetValueOrDefault(key) + 1;
                }
            }
        }

        return counts;
    }

    /// <summary>The sandbox's creation stamp of a warehouse order (ShipBob created_date, ShipStation createDate).</summary>
    private static DateTimeOffset? CreatedAt(JsonObject order) =>
        ((string?)order["created_date"] ?? (string?)order["createDate"] ?? (string?)order["created_at"]) is { } text &&
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset at) ? at : null;
}
