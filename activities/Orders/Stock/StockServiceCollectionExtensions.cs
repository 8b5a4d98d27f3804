using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Integration.Activities.Orders.Stock;

/// <summary>Registers the stock ledger, store stock sync and the warehouse stock loop (both hosts, through AddIntegration).</summary>
public static class StockServiceCollectionExtensions
{
    public static IServiceCollection AddOrderStock(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.TryAddSingleton<StockLedger>();
        services.TryAddSingleton<IStockLedger>(sp => sp.GetRequiredService<StockLedger>());
        services.TryAddSingleton<IStockLedgerIndex>(sp => sp.GetRequiredService<StockLedger>());
        services.TryAddSingleton<IStoreStockVersions, StoreStockVersionStore>();

        // Needs IShopifyAdmin (connectors) and IWarehouseSkuMap (the data dictionary's warehouseSkus), registered by their owners;
        // built on first use, so a host without them still starts and the stock loop logs why it cannot push.
        services.TryAddSingleton<IStoreStockSync>(sp => ActivatorUtilities.CreateInstance<StoreStockSync>(sp));
        services.TryAddSingleton<WarehouseStockPoller>();
        services.AddHostedService<WarehouseStockLoop>();
        return services;
    }
}
