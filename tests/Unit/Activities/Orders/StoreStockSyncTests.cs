using System.Text.RegularExpressions;
using Integration.Activities.Connectors.Shopify;
using Integration.Activities.Orders;
using Integration.Activities.Orders.Stock;
using Integration.Orchestrations.Orders;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Xunit;

namespace Integration.Tests.Unit.Activities.Orders;

/// <summary>
/// Store stock sync: every store and store SKU gets the ledger's availability compare-and-set with a versioned
/// idempotency key; a store already at the version is skipped, a stale compare re-reads, a ledger that moved on is
/// pushed again, and a failing store is a problem in the result, never an exception.
/// </summary>
public sealed class StoreStockSyncTests
{
    private const string WarehouseSku = "WH-TEE-BLK-M";
    private const string Sku = "TEE-BLK-M";

    private readonly Mock<IStockLedger> ledger = new(MockBehavior.Strict);
    private readonly Mock<IShopifyAdmin> shopify = new(MockBehavior.Strict);
    private readonly Mock<IWarehouseSkuMap> map = new(MockBehavior.Strict);
    private readonly Mock<IStoreStockVersions> versions = new();

    public StoreStockSyncTests()
    {
        shopify.SetupGet(s => s.Shops).Returns(["store-a", "store-b"]);
        map.Setup(m => m.StoreSkusFor(WarehouseSku)).Returns([Sku]);
    }

    [Fact]
    public async Task Every_store_gets_the_available_quantity_compared_against_what_it_showed_with_the_versioned_key()
    {
        Availability((7, 5));
        Level("store-a", 100);
        Level("store-b", 40);
        Set("store-a", true);
        Set("store-b", true);

        SyncStoreStockResult result = await Sync().SyncAsync([WarehouseSku], "corr", CancellationToken.None);

        Assert.Equal((2, 2), (result.Stores, result.Updated));
        Assert.Empty(result.Problems);
        shopify.Verify(s => s.SetAvailableAsync("store-a", It.IsAny<ShopInventoryLevel>(), 7, 100, It.Is<string>(k => k.StartsWith("stock-store-a-TEE-BLK-M-5-", StringComparison.Ordinal)), "corr", It.IsAny<CancellationToken>()), Times.Once);
        shopify.Verify(s => s.SetAvailableAsync("store-b", It.IsAny<ShopInventoryLevel>(), 7, 40, It.Is<string>(k => k.StartsWith("stock-store-b-TEE-BLK-M-5-", StringComparison.Ordinal)), "corr", It.IsAny<CancellationToken>()), Times.Once);
        versions.Verify(v => v.RecordAsync("store-a", Sku, 5, It.IsAny<CancellationToken>()), Times.Once);
        versions.Verify(v => v.RecordAsync("store-b", Sku, 5, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_store_already_at_the_ledger_version_is_not_read_or_written()
    {
        Availability((7, 5));
        versions.Setup(v => v.GetAsync(It.IsAny<string>(), Sku, It.IsAny<CancellationToken>())).ReturnsAsync(5);

        SyncStoreStockResult result = await Sync().SyncAsync([WarehouseSku], "corr", CancellationToken.None);

        Assert.Equal(0, result.Updated);
        shopify.Verify(s => s.GetInventoryLevelAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_stale_compare_re_reads_the_store_and_the_ledger_and_retries_with_a_new_key()
    {
        shopify.SetupGet(s => s.Shops).Returns(["store-a"]);
        Availability((7, 5), (7, 5), (7, 5));
        shopify.SetupSequence(s => s.GetInventoryLevelAsync("store-a", Sku, "corr", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ShopInventoryLevel("gid://shopify/InventoryItem/1", "gid://shopify/Location/1", 100))
            .ReturnsAsync(new ShopInventoryLevel("gid://shopify/InventoryItem/1", "gid://shopify/Location/1", 98));
        shopify.SetupSequence(s => s.SetAvailableAsync("store-a", It.IsAny<ShopInventoryLevel>(), 7, It.IsAny<int>(), It.IsAny<string>(), "corr", It.IsAny<CancellationToken>()))
            .ReturnsAsync(false)
            .ReturnsAsync(true);

        SyncStoreStockResult result = await Sync().SyncAsync([WarehouseSku], "corr", CancellationToken.None);

        Assert.Equal(1, result.Updated);
        Assert.Empty(result.Problems);
        shopify.Verify(s => s.SetAvailableAsync("store-a", It.IsAny<ShopInventoryLevel>(), 7, 100, It.Is<string>(k => k.StartsWith("stock-store-a-TEE-BLK-M-5-", StringComparison.Ordinal)), "corr", It.IsAny<CancellationToken>()), Times.Once);
        shopify.Verify(s => s.SetAvailableAsync("store-a", It.IsAny<ShopInventoryLevel>(), 7, 98, It.Is<string>(k => k.StartsWith("stock-store-a-TEE-BLK-M-5-", StringComparison.Ordinal)), "corr", It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task When_the_ledger_moved_on_during_a_push_the_newer_figure_is_pushed_too()
    {
        shopify.SetupGet(s => s.Shops).Returns(["store-a"]);
        Availability((7, 5), (6, 6), (6, 6));
        shopify.SetupSequence(s => s.GetInventoryLevelAsync("store-a", Sku, "corr", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ShopInventoryLevel("gid://shopify/InventoryItem/1", "gid://shopify/Location/1", 100))
            .ReturnsAsync(new ShopInventoryLevel("gid://shopify/InventoryItem/1", "gid://shopify/Location/1", 7));
        Set("store-a", true);

        SyncStoreStockResult result = await Sync().SyncAsync([WarehouseSku], "corr", CancellationToken.None);

        Assert.Equal(2, result.Updated);
        shopify.Verify(s => s.SetAvailableAsync("store-a", It.IsAny<ShopInventoryLevel>(), 7, 100, It.Is<string>(k => k.StartsWith("stock-store-a-TEE-BLK-M-5-", StringComparison.Ordinal)), "corr", It.IsAny<CancellationToken>()), Times.Once);
        shopify.Verify(s => s.SetAvailableAsync("store-a", It.IsAny<ShopInventoryLevel>(), 6, 7, It.Is<string>(k => k.StartsWith("stock-store-a-TEE-BLK-M-6-", StringComparison.Ordinal)), "corr", It.IsAny<CancellationToken>()), Times.Once);
        versions.Verify(v => v.RecordAsync("store-a", Sku, 6, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_store_that_fails_is_named_in_the_problems_and_the_other_stores_are_still_updated()
    {
        Availability((7, 5));
        shopify.Setup(s => s.GetInventoryLevelAsync("store-a", Sku, "corr", It.IsAny<CancellationToken>())).ThrowsAsync(new HttpRequestException("connection refused"));
        Level("store-b", 100);
        Set("store-b", true);

        SyncStoreStockResult result = await Sync().SyncAsync([WarehouseSku], "corr", CancellationToken.None);

        Assert.Equal(1, result.Updated);
        string problem = Assert.Single(result.Problems);
        Assert.Contains("store-a", problem, StringComparison.Ordinal);
        Assert.Contains(Sku, problem, StringComparison.Ordinal);
        versions.Verify(v => v.RecordAsync("store-a", It.IsAny<string>(), It.IsAny<long>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_store_already_showing_the_figure_or_not_selling_the_sku_is_not_written_but_recorded()
    {
        Availability((7, 5));
        Level("store-a", 7);
        shopify.Setup(s => s.GetInventoryLevelAsync("store-b", Sku, "corr", It.IsAny<CancellationToken>())).ReturnsAsync((ShopInventoryLevel?)null);

        SyncStoreStockResult result = await Sync().SyncAsync([WarehouseSku], "corr", CancellationToken.None);

        Assert.Equal(0, result.Updated);
        Assert.Empty(result.Problems);
        versions.Verify(v => v.RecordAsync("store-a", Sku, 5, It.IsAny<CancellationToken>()), Times.Once);
        versions.Verify(v => v.RecordAsync("store-b", Sku, 5, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task The_loops_check_corrects_a_store_left_wrong_at_a_recorded_version()
    {
        // A racing push left store-a at 2 after the ledger's 0 (version 12) was recorded; store-b is right.
        Availability((0, 12));
        versions.Setup(v => v.GetAsync(It.IsAny<string>(), Sku, It.IsAny<CancellationToken>())).ReturnsAsync(12);
        Level("store-a", 2);
        Level("store-b", 0);
        Set("store-a", true);

        SyncStoreStockResult trusted = await Sync().SyncAsync([WarehouseSku], "corr", CancellationToken.None);
        SyncStoreStockResult checkedStores = await Sync().CheckStoresAsync([WarehouseSku], "corr", CancellationToken.None);

        Assert.Equal(0, trusted.Updated);
        Assert.Equal(1, checkedStores.Updated);
        Assert.Empty(checkedStores.Problems);
        shopify.Verify(s => s.SetAvailableAsync("store-a", It.IsAny<ShopInventoryLevel>(), 0, 2, It.Is<string>(k => k.StartsWith("stock-store-a-TEE-BLK-M-12-", StringComparison.Ordinal)), "corr", It.IsAny<CancellationToken>()), Times.Once);
        shopify.Verify(s => s.SetAvailableAsync("store-b", It.IsAny<ShopInventoryLevel>(), It.IsAny<int>(), It.IsAny<int>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_store_back_at_a_figure_it_had_at_the_same_version_is_set_again_under_a_new_key()
    {
        // The store's own order decrement or a restock can bring it back to a figure it had at this ledger version: a key
        // used before would only replay the earlier answer, so each attempt has its own.
        Availability((0, 12));
        Level("store-a", 1);
        Level("store-b", 0);
        var keys = new List<string>();
        shopify.Setup(s => s.SetAvailableAsync("store-a", It.IsAny<ShopInventoryLevel>(), 0, 1, It.IsAny<string>(), "corr", It.IsAny<CancellationToken>()))
            .Callback((string _, ShopInventoryLevel _, int _, int _, string key, string _, CancellationToken _) => keys.Add(key))
            .ReturnsAsync(true);

        await Sync().CheckStoresAsync([WarehouseSku], "corr", CancellationToken.None);
        await Sync().CheckStoresAsync([WarehouseSku], "corr", CancellationToken.None);

        Assert.Equal(2, keys.Count);
        Assert.All(keys, k => Assert.StartsWith("stock-store-a-TEE-BLK-M-12-", k, StringComparison.Ordinal));
        Assert.NotEqual(keys[0], keys[1]);
    }

    [Fact]
    public async Task A_warehouse_sku_no_store_sku_maps_to_is_skipped()
    {
        map.Setup(m => m.StoreSkusFor("WH-ORPHAN")).Returns([]);

        SyncStoreStockResult result = await Sync().SyncAsync(["WH-ORPHAN"], "corr", CancellationToken.None);

        Assert.Equal(0, result.Updated);
        Assert.Empty(result.Problems);
        ledger.Verify(l => l.GetAvailabilityAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public void Idempotency_keys_hold_only_letters_digits_and_dashes_and_keep_different_skus_apart()
    {
        string odd = StoreStockSync.IdempotencyKey("store-a", "TEE/BLK M", 3);
        string plain = StoreStockSync.IdempotencyKey("store-a", "TEE-BLK-M", 3);

        Assert.Matches(new Regex("^[A-Za-z0-9-]+$"), odd);
        Assert.Equal("stock-store-a-TEE-BLK-M-3", plain);
        Assert.NotEqual(plain, odd);
        Assert.NotEqual(odd, StoreStockSync.IdempotencyKey("store-a", "TEE BLK/M", 3));
    }

    private StoreStockSync Sync() => new(ledger.Object, shopify.Object, map.Object, versions.Object, NullLogger<StoreStockSync>.Instance);

    private void Availability(params (int Available, long Version)[] answers)
    {
        var sequence = ledger.SetupSequence(l => l.GetAvailabilityAsync(WarehouseSku, It.IsAny<CancellationToken>()));
        foreach ((int available, long version) in answers)
        {
            sequence = sequence.ReturnsAsync(new SkuAvailability(WarehouseSku, available, version));
        }

        // Then the last answer for ever: the ledger stays where it ended.
        (int lastAvailable, long lastVersion) = answers[^1];
        for (int i = 0; i < 10; i++)
        {
            sequence = sequence.ReturnsAsync(new SkuAvailability(WarehouseSku, lastAvailable, lastVersion));
        }
    }

    private void Level(string shop, int available) =>
        shopify.Setup(s => s.GetInventoryLevelAsync(shop, Sku, "corr", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ShopInventoryLevel("gid://shopify/InventoryItem/1", "gid://shopify/Location/1", available));

    private void Set(string shop, bool applied) =>
        shopify.Setup(s => s.SetAvailableAsync(shop, It.IsAny<ShopInventoryLevel>(), It.IsAny<int>(), It.IsAny<int>(), It.IsAny<string>(), "corr", It.IsAny<CancellationToken>()))
            .ReturnsAsync(applied);
}
