using Integration.Activities.Orders.Stock;
using Integration.Activities.Storage;
using Integration.Orchestrations.Common;
using Integration.Tests.System.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Integration.Tests.System.Orders;

/// <summary>The pushed-version record on Azurite only grows, so a slow push of an older version never hides a newer one.</summary>
public sealed class StoreStockVersionStoreTests
{
    private readonly StorageClients storage = new(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageClients.SettingName] = TestEnvironment.StorageConnectionString,
            [TaskHubName.StandaloneSetting] = TestEnvironment.NewTaskHubName("storestock"),
        })
        .Build());

    [Fact]
    public async Task The_recorded_version_only_grows_and_is_kept_per_shop()
    {
        await storage.Tables.CreateTableIfNotExistsAsync(storage.Names.StoreStockTable);
        var store = new StoreStockVersionStore(storage, TimeProvider.System);

        long? never = await store.GetAsync("store-a", "TEE/BLK-M", CancellationToken.None);
        await Task.WhenAll(Enumerable.Range(1, 10).Select(v => store.RecordAsync("store-a", "TEE/BLK-M", v, CancellationToken.None)));
        await store.RecordAsync("store-a", "TEE/BLK-M", 4, CancellationToken.None);
        await store.RecordAsync("store-b", "TEE/BLK-M", 2, CancellationToken.None);

        Assert.Null(never);
        Assert.Equal(10, await store.GetAsync("store-a", "TEE/BLK-M", CancellationToken.None));
        Assert.Equal(2, await store.GetAsync("store-b", "TEE/BLK-M", CancellationToken.None));
    }
}
