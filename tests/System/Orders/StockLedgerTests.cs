using System.Diagnostics;
using Integration.Activities.Connectors.Warehouses;
using Integration.Activities.Orders;
using Integration.Activities.Orders.Stock;
using Integration.Activities.Storage;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.Orders;
using Integration.Tests.System.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace Integration.Tests.System.Orders;

/// <summary>
/// The stock ledger on Azurite: concurrent orders for the last units never oversell, an order holds all its lines at
/// one warehouse or none, and repeats (reserve, release, the same shipment) count once.
/// </summary>
public sealed class StockLedgerTests(ITestOutputHelper output)
{
    private const string ShipBob = "shipbob";
    private const string ShipStation = "shipstation";

    private readonly StorageClients storage = new(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageClients.SettingName] = TestEnvironment.StorageConnectionString,
            [TaskHubName.StandaloneSetting] = TestEnvironment.NewTaskHubName("stock"),
        })
        .Build());

    private readonly SettableClock clock = new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Fifty_concurrent_single_unit_orders_over_twenty_on_hand_reserve_exactly_twenty_and_backorder_thirty()
    {
        StockLedger ledger = await LedgerAsync();
        string sku = NewSku();
        await ledger.SetOnHandAsync(ShipBob, sku, 20, clock.GetUtcNow(), CancellationToken.None);

        (StockReservation[] results, TimeSpan elapsed) = await ReserveConcurrentlyAsync(ledger, sku, 50, [ShipBob]);

        output.WriteLine($"50 concurrent single-unit reserves over 20 on-hand (one warehouse): {elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal(20, results.Count(r => r.Status == StockReservation.Reserved));
        Assert.Equal(30, results.Count(r => r.Status == StockReservation.Backordered));
        Assert.All(results.Where(r => r.Status == StockReservation.Backordered), r => Assert.Equal(new StockShortage(sku, 1, 0), Assert.Single(r.Shortages)));
        Assert.Equal(0, (await ledger.GetAvailabilityAsync(sku, CancellationToken.None)).Available);
        foreach (StockReservation r in results)
        {
            Assert.Equal(r.Status, (await ledger.GetReservationAsync(r.OrderKey, CancellationToken.None)).Status);
        }
    }

    [Fact]
    public async Task Fifty_concurrent_orders_fill_the_first_warehouse_then_fall_back_to_the_second_and_never_oversell_either()
    {
        StockLedger ledger = await LedgerAsync();
        string sku = NewSku();
        await ledger.SetOnHandAsync(ShipBob, sku, 12, clock.GetUtcNow(), CancellationToken.None);
        await ledger.SetOnHandAsync(ShipStation, sku, 8, clock.GetUtcNow(), CancellationToken.None);

        (StockReservation[] results, TimeSpan elapsed) = await ReserveConcurrentlyAsync(ledger, sku, 50, [ShipBob, ShipStation]);

        output.WriteLine($"50 concurrent single-unit reserves over 12 + 8 on-hand (two warehouses): {elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal(12, results.Count(r => r.Status == StockReservation.Reserved && r.Warehouse == ShipBob));
        Assert.Equal(8, results.Count(r => r.Status == StockReservation.Reserved && r.Warehouse == ShipStation));
        Assert.Equal(30, results.Count(r => r.Status == StockReservation.Backordered));
        Assert.Equal(0, (await ledger.GetAvailabilityAsync(sku, CancellationToken.None)).Available);
    }

    [Fact]
    public async Task An_order_holds_all_its_lines_at_one_warehouse_skipping_one_that_lacks_a_line()
    {
        StockLedger ledger = await LedgerAsync();
        string tee = NewSku(), mug = NewSku();
        await ledger.SetOnHandAsync(ShipBob, tee, 5, clock.GetUtcNow(), CancellationToken.None);
        await ledger.SetOnHandAsync(ShipBob, mug, 1, clock.GetUtcNow(), CancellationToken.None);
        await ledger.SetOnHandAsync(ShipStation, tee, 5, clock.GetUtcNow(), CancellationToken.None);
        await ledger.SetOnHandAsync(ShipStation, mug, 5, clock.GetUtcNow(), CancellationToken.None);

        StockReservation r = await ledger.ReserveAsync(Request(NewOrder(), [new(tee, 2), new(mug, 2)], [ShipBob, ShipStation]), CancellationToken.None);

        Assert.Equal(StockReservation.Reserved, r.Status);
        Assert.Equal(ShipStation, r.Warehouse);
        Assert.Equal(8, (await ledger.GetAvailabilityAsync(tee, CancellationToken.None)).Available); // shipbob's tee was given back
        Assert.Equal(4, (await ledger.GetAvailabilityAsync(mug, CancellationToken.None)).Available);
    }

    [Fact]
    public async Task A_pinned_warehouse_is_tried_first()
    {
        StockLedger ledger = await LedgerAsync();
        string sku = NewSku();
        await ledger.SetOnHandAsync(ShipBob, sku, 5, clock.GetUtcNow(), CancellationToken.None);
        await ledger.SetOnHandAsync(ShipStation, sku, 5, clock.GetUtcNow(), CancellationToken.None);

        StockReservation r = await ledger.ReserveAsync(Request(NewOrder(), [new(sku, 1)], [ShipBob, ShipStation]) with { PinnedWarehouse = ShipStation }, CancellationToken.None);

        Assert.Equal(ShipStation, r.Warehouse);
    }

    [Fact]
    public async Task Reserving_the_same_order_again_returns_its_reservation_and_holds_nothing_more()
    {
        StockLedger ledger = await LedgerAsync();
        string sku = NewSku(), order = NewOrder();
        await ledger.SetOnHandAsync(ShipBob, sku, 10, clock.GetUtcNow(), CancellationToken.None);

        StockReservation first = await ledger.ReserveAsync(Request(order, [new(sku, 3)], [ShipBob]), CancellationToken.None);
        StockReservation again = await ledger.ReserveAsync(Request(order, [new(sku, 3)], [ShipBob]), CancellationToken.None);

        Assert.Equal(StockReservation.Reserved, first.Status);
        Assert.Equal((first.Status, first.Warehouse), (again.Status, again.Warehouse));
        Assert.Equal(7, (await ledger.GetAvailabilityAsync(sku, CancellationToken.None)).Available);
    }

    [Fact]
    public async Task A_released_order_gives_its_units_back_and_is_never_reserved_again()
    {
        StockLedger ledger = await LedgerAsync();
        string sku = NewSku(), order = NewOrder();
        await ledger.SetOnHandAsync(ShipBob, sku, 10, clock.GetUtcNow(), CancellationToken.None);
        await ledger.ReserveAsync(Request(order, [new(sku, 3)], [ShipBob]), CancellationToken.None);

        StockReservation before = await ledger.ReleaseAsync(order, CancellationToken.None);
        StockReservation releasedAgain = await ledger.ReleaseAsync(order, CancellationToken.None);
        StockReservation reserveAfter = await ledger.ReserveAsync(Request(order, [new(sku, 3)], [ShipBob]), CancellationToken.None);

        Assert.Equal(StockReservation.Reserved, before.Status);
        Assert.Equal(StockReservation.Released, releasedAgain.Status);
        Assert.Equal(StockReservation.Released, reserveAfter.Status);
        Assert.Equal(10, (await ledger.GetAvailabilityAsync(sku, CancellationToken.None)).Available);
    }

    [Fact]
    public async Task A_persons_ship_from_releases_and_reserves_again_pinned_to_the_chosen_warehouse()
    {
        StockLedger ledger = await LedgerAsync();
        string sku = NewSku(), order = NewOrder();
        await ledger.SetOnHandAsync(ShipBob, sku, 10, clock.GetUtcNow(), CancellationToken.None);
        await ledger.SetOnHandAsync(ShipStation, sku, 10, clock.GetUtcNow(), CancellationToken.None);
        await ledger.ReserveAsync(Request(order, [new(sku, 3)], [ShipBob, ShipStation]), CancellationToken.None);

        await ledger.ReleaseAsync(order, CancellationToken.None);
        StockReservation moved = await ledger.ReserveAsync(Request(order, [new(sku, 3)], [ShipBob, ShipStation]) with { PinnedWarehouse = ShipStation }, CancellationToken.None);
        StockReservation unpinnedAgain = await ledger.ReserveAsync(Request(order, [new(sku, 3)], [ShipBob, ShipStation]), CancellationToken.None);

        Assert.Equal((StockReservation.Reserved, ShipStation), (moved.Status, moved.Warehouse));
        Assert.Equal((StockReservation.Reserved, ShipStation), (unpinnedAgain.Status, unpinnedAgain.Warehouse));
        Assert.Equal(17, (await ledger.GetAvailabilityAsync(sku, CancellationToken.None)).Available);
    }

    [Fact]
    public async Task A_backordered_order_is_reserved_by_a_later_call_once_stock_arrives()
    {
        StockLedger ledger = await LedgerAsync();
        string sku = NewSku(), order = NewOrder();
        await ledger.SetOnHandAsync(ShipBob, sku, 0, clock.GetUtcNow(), CancellationToken.None);

        StockReservation first = await ledger.ReserveAsync(Request(order, [new(sku, 2)], [ShipBob]), CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(1));
        await ledger.SetOnHandAsync(ShipBob, sku, 5, clock.GetUtcNow(), CancellationToken.None);
        StockReservation later = await ledger.ReserveAsync(Request(order, [new(sku, 2)], [ShipBob]), CancellationToken.None);

        Assert.Equal(StockReservation.Backordered, first.Status);
        Assert.Equal(new StockShortage(sku, 2, 0), Assert.Single(first.Shortages));
        Assert.Equal(StockReservation.Reserved, later.Status);
        Assert.Equal(3, (await ledger.GetAvailabilityAsync(sku, CancellationToken.None)).Available);
    }

    [Fact]
    public async Task The_same_shipment_committed_twice_counts_once()
    {
        StockLedger ledger = await LedgerAsync();
        string sku = NewSku(), order = NewOrder();
        await ledger.SetOnHandAsync(ShipBob, sku, 10, clock.GetUtcNow(), CancellationToken.None);
        await ledger.ReserveAsync(Request(order, [new(sku, 3)], [ShipBob]), CancellationToken.None);

        var shipment = new CommitShipmentInput(order, ShipBob, "shp-1", [new ShipmentLine(sku, 3)], "corr");
        StockReservation first = await ledger.CommitShipmentAsync(shipment, CancellationToken.None);
        SkuAvailability afterFirst = await ledger.GetAvailabilityAsync(sku, CancellationToken.None);
        StockReservation second = await ledger.CommitShipmentAsync(shipment, CancellationToken.None);
        SkuAvailability afterSecond = await ledger.GetAvailabilityAsync(sku, CancellationToken.None);

        Assert.Equal(StockReservation.Shipped, first.Status);
        Assert.Equal(StockReservation.Shipped, second.Status);
        Assert.Equal(7, afterFirst.Available); // on-hand 7, nothing held
        Assert.Equal(afterFirst, afterSecond);
        Assert.Equal(StockReservation.Shipped, (await ledger.ReleaseAsync(order, CancellationToken.None)).Status);
        Assert.Equal(7, (await ledger.GetAvailabilityAsync(sku, CancellationToken.None)).Available);
    }

    [Fact]
    public async Task Partial_shipments_leave_the_order_partially_shipped_until_every_unit_has_shipped()
    {
        StockLedger ledger = await LedgerAsync();
        string tee = NewSku(), mug = NewSku(), order = NewOrder();
        await ledger.SetOnHandAsync(ShipBob, tee, 10, clock.GetUtcNow(), CancellationToken.None);
        await ledger.SetOnHandAsync(ShipBob, mug, 10, clock.GetUtcNow(), CancellationToken.None);
        await ledger.ReserveAsync(Request(order, [new(tee, 3), new(mug, 2)], [ShipBob]), CancellationToken.None);

        StockReservation one = await ledger.CommitShipmentAsync(new(order, ShipBob, "shp-1", [new ShipmentLine(tee, 3), new ShipmentLine(mug, 1)], "corr"), CancellationToken.None);
        SkuAvailability mugBetween = await ledger.GetAvailabilityAsync(mug, CancellationToken.None);
        StockReservation two = await ledger.CommitShipmentAsync(new(order, ShipBob, "shp-2", [new ShipmentLine(mug, 1)], "corr"), CancellationToken.None);

        Assert.Equal(StockReservation.PartiallyShipped, one.Status);
        Assert.Equal(8, mugBetween.Available); // on-hand 9, one still held
        Assert.Equal(StockReservation.Shipped, two.Status);
        Assert.Equal(7, (await ledger.GetAvailabilityAsync(tee, CancellationToken.None)).Available);
        Assert.Equal(8, (await ledger.GetAvailabilityAsync(mug, CancellationToken.None)).Available);
    }

    [Fact]
    public async Task Releasing_a_partially_shipped_order_gives_back_only_what_has_not_shipped()
    {
        StockLedger ledger = await LedgerAsync();
        string sku = NewSku(), order = NewOrder();
        await ledger.SetOnHandAsync(ShipBob, sku, 10, clock.GetUtcNow(), CancellationToken.None);
        await ledger.ReserveAsync(Request(order, [new(sku, 4)], [ShipBob]), CancellationToken.None);
        await ledger.CommitShipmentAsync(new(order, ShipBob, "shp-1", [new ShipmentLine(sku, 1)], "corr"), CancellationToken.None);

        StockReservation before = await ledger.ReleaseAsync(order, CancellationToken.None);

        Assert.Equal(StockReservation.PartiallyShipped, before.Status);
        Assert.Equal(9, (await ledger.GetAvailabilityAsync(sku, CancellationToken.None)).Available);
    }

    [Fact]
    public async Task A_warehouse_figure_read_before_a_local_shipment_is_ignored_and_one_read_after_it_applies()
    {
        StockLedger ledger = await LedgerAsync();
        string sku = NewSku(), order = NewOrder();
        await ledger.SetOnHandAsync(ShipBob, sku, 10, clock.GetUtcNow(), CancellationToken.None);
        await ledger.ReserveAsync(Request(order, [new(sku, 3)], [ShipBob]), CancellationToken.None);
        DateTimeOffset readBeforeShipping = clock.GetUtcNow();
        clock.Advance(TimeSpan.FromSeconds(5));
        await ledger.CommitShipmentAsync(new(order, ShipBob, "shp-1", [new ShipmentLine(sku, 3)], "corr"), CancellationToken.None);

        bool stale = await ledger.SetOnHandAsync(ShipBob, sku, 10, readBeforeShipping, CancellationToken.None);
        SkuAvailability afterStale = await ledger.GetAvailabilityAsync(sku, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(5));
        bool fresh = await ledger.SetOnHandAsync(ShipBob, sku, 6, clock.GetUtcNow(), CancellationToken.None);
        bool same = await ledger.SetOnHandAsync(ShipBob, sku, 6, clock.GetUtcNow(), CancellationToken.None);

        Assert.False(stale);
        Assert.Equal(7, afterStale.Available);
        Assert.True(fresh);
        Assert.False(same);
        SkuAvailability after = await ledger.GetAvailabilityAsync(sku, CancellationToken.None);
        Assert.Equal(6, after.Available);
        Assert.True(after.Version > afterStale.Version);
    }

    [Fact]
    public async Task A_never_read_on_hand_is_read_from_the_warehouse_first_so_the_first_order_is_not_backordered()
    {
        string sku = NewSku(), missing = NewSku();
        var shipbob = new FixedStockWarehouse(ShipBob, new Dictionary<string, int> { [sku] = 4 });
        StockLedger ledger = await LedgerAsync(shipbob);

        StockReservation first = await ledger.ReserveAsync(Request(NewOrder(), [new(sku, 3)], [ShipBob]), CancellationToken.None);
        StockReservation second = await ledger.ReserveAsync(Request(NewOrder(), [new(sku, 1)], [ShipBob]), CancellationToken.None);
        StockReservation unlisted = await ledger.ReserveAsync(Request(NewOrder(), [new(missing, 1)], [ShipBob]), CancellationToken.None);

        Assert.Equal(StockReservation.Reserved, first.Status);
        Assert.Equal(StockReservation.Reserved, second.Status);
        Assert.Equal(StockReservation.Backordered, unlisted.Status); // the warehouse does not list it: it holds none
        Assert.Equal(2, shipbob.Reads); // once for the first SKU, once for the unlisted one; never again for a known one
        Assert.Equal(0, (await ledger.GetAvailabilityAsync(sku, CancellationToken.None)).Available);
    }

    [Fact]
    public async Task A_warehouse_whose_stock_cannot_be_read_is_skipped_and_with_no_other_the_reserve_fails_rather_than_backorders()
    {
        string sku = NewSku();
        StockLedger ledger = await LedgerAsync(new UnreadableWarehouse(ShipBob), new FixedStockWarehouse(ShipStation, new Dictionary<string, int> { [sku] = 5 }));

        StockReservation fallback = await ledger.ReserveAsync(Request(NewOrder(), [new(sku, 1)], [ShipBob, ShipStation]), CancellationToken.None);
        string alone = NewOrder();
        await Assert.ThrowsAsync<HttpRequestException>(() => ledger.ReserveAsync(Request(alone, [new(sku, 1)], [ShipBob]), CancellationToken.None));

        Assert.Equal((StockReservation.Reserved, ShipStation), (fallback.Status, fallback.Warehouse));
        Assert.Equal(StockReservation.None, (await ledger.GetReservationAsync(alone, CancellationToken.None)).Status);
    }

    [Fact]
    public async Task A_warehouse_without_a_stock_api_is_unlimited_and_adds_nothing_to_what_stores_may_sell()
    {
        string sku = NewSku();
        StockLedger ledger = await LedgerAsync(new FixedStockWarehouse(ShipStation, levels: null));

        StockReservation r = await ledger.ReserveAsync(Request(NewOrder(), [new(sku, 500)], [ShipStation]), CancellationToken.None);

        Assert.Equal(StockReservation.Reserved, r.Status);
        Assert.Equal(ShipStation, r.Warehouse);
        Assert.Equal(0, (await ledger.GetAvailabilityAsync(sku, CancellationToken.None)).Available);
    }

    [Fact]
    public async Task The_ledger_lists_its_skus_for_the_stock_loop()
    {
        StockLedger ledger = await LedgerAsync();
        string a = NewSku(), b = NewSku();
        await ledger.SetOnHandAsync(ShipBob, a, 1, clock.GetUtcNow(), CancellationToken.None);
        await ledger.SetOnHandAsync(ShipBob, b, 1, clock.GetUtcNow(), CancellationToken.None);

        Assert.Equal(new[] { a, b }.Order(StringComparer.Ordinal), (await ledger.ListWarehouseSkusAsync(CancellationToken.None)).Order(StringComparer.Ordinal));
    }

    private async Task<(StockReservation[] Results, TimeSpan Elapsed)> ReserveConcurrentlyAsync(StockLedger ledger, string sku, int orders, string[] warehouses)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<StockReservation>[] racing = [.. Enumerable.Range(0, orders).Select(async i =>
        {
            await start.Task;
            return await ledger.ReserveAsync(Request(NewOrder(), [new(sku, 1)], warehouses), CancellationToken.None);
        })];
        var watch = Stopwatch.StartNew();
        start.SetResult();
        StockReservation[] results = await Task.WhenAll(racing);
        return (results, watch.Elapsed);
    }

    private async Task<StockLedger> LedgerAsync(params IWarehouseConnector[] warehouses)
    {
        await storage.Tables.CreateTableIfNotExistsAsync(storage.Names.StockLedgerTable);
        return new StockLedger(storage, warehouses, clock, NullLogger<StockLedger>.Instance);
    }

    private static ReserveStockInput Request(string orderKey, IReadOnlyList<StockLine> lines, IReadOnlyList<string> warehouses) =>
        new(orderKey, lines, warehouses, null, "corr-" + orderKey);

    private static string NewSku() => "WH-TEST-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    private static string NewOrder() => "store-a-" + Random.Shared.Next(1_000_000, 9_999_999) + Guid.NewGuid().ToString("N")[..4];

    /// <summary>A warehouse that reports fixed stock (or has no stock API when null) and counts the reads.</summary>
    private sealed class FixedStockWarehouse(string name, IReadOnlyDictionary<string, int>? levels) : IWarehouseConnector
    {
        private int reads;

        public string Name => name;

        public int Reads => reads;

        public Task<WarehouseOrderResult> CreateOrderAsync(WarehouseOrderRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<WarehouseCancelResult> CancelOrderAsync(CancelWarehouseOrderInput request, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<WarehouseStockLevel>?> GetStockAsync(string correlationId, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref reads);
            return Task.FromResult<IReadOnlyList<WarehouseStockLevel>?>(levels?.Select(l => new WarehouseStockLevel(l.Key, l.Value)).ToList());
        }
    }

    /// <summary>A warehouse whose stock API is down.</summary>
    private sealed class UnreadableWarehouse(string name) : IWarehouseConnector
    {
        public string Name => name;

        public Task<WarehouseOrderResult> CreateOrderAsync(WarehouseOrderRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<WarehouseCancelResult> CancelOrderAsync(CancelWarehouseOrderInput request, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<WarehouseStockLevel>?> GetStockAsync(string correlationId, CancellationToken cancellationToken) =>
            throw new HttpRequestException("503 Service Unavailable");
    }

    /// <summary>A clock the test moves by hand.</summary>
    private sealed class SettableClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset now = start;

        public void Advance(TimeSpan by) => now += by;

        public override DateTimeOffset GetUtcNow() => now;
    }
}
