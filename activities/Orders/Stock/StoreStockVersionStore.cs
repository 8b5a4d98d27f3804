using Azure;
using Azure.Data.Tables;
using Integration.Activities.Storage;

namespace Integration.Activities.Orders.Stock;

/// <summary>The ledger version last pushed to each store for each store SKU, so a push is skipped once done and a store left behind is found.</summary>
public interface IStoreStockVersions
{
    /// <summary>The version last pushed, or null when never.</summary>
    Task<long?> GetAsync(string shop, string sku, CancellationToken cancellationToken);

    /// <summary>Records <paramref name="version"/> unless a higher one is already recorded.</summary>
    Task RecordAsync(string shop, string sku, long version, CancellationToken cancellationToken);
}

/// <summary>
/// Table "StoreStock": partition the store SKU, row the shop (both escaped), column Version. The version only grows:
/// a write is compare-and-set on the row's ETag, so a slow push of an older version never hides a newer one.
/// </summary>
public sealed class StoreStockVersionStore(StorageClients storage, TimeProvider time) : IStoreStockVersions
{
    private const int MaxAttempts = 10;

    private readonly TableClient table = storage.Tables.GetTableClient(storage.Names.StoreStockTable);

    public async Task<long?> GetAsync(string shop, string sku, CancellationToken cancellationToken)
    {
        TableEntity? row = await ReadAsync(shop, sku, cancellationToken).ConfigureAwait(false);
        return row?.GetInt64("Version");
    }

    public async Task RecordAsync(string shop, string sku, long version, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            TableEntity? row = await ReadAsync(shop, sku, cancellationToken).ConfigureAwait(false);
            if (row?.GetInt64("Version") >= version)
            {
                return;
            }

            var entity = new TableEntity(TableKeys.Escape(sku), TableKeys.Escape(shop))
            {
                ["Sku"] = sku,
                ["Shop"] = shop,
                ["Version"] = version,
                ["PushedAt"] = time.GetUtcNow(),
            };
            try
            {
                await (row is null
                    ? table.AddEntityAsync(entity, cancellationToken)
                    : table.UpdateEntityAsync(entity, row.ETag, TableUpdateMode.Replace, cancellationToken)).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Another push recorded meanwhile: read again; it may already be newer.
            }
        }
    }

    private async Task<TableEntity?> ReadAsync(string shop, string sku, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shop);
        ArgumentException.ThrowIfNullOrWhiteSpace(sku);
        NullableResponse<TableEntity> response = await table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(sku), TableKeys.Escape(shop), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return response.HasValue && response.Value is { } e && e.GetString("Sku") == sku && e.GetString("Shop") == shop ? e : null;
    }
}
