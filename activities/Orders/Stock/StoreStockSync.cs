using System.Security.Cryptography;
using System.Text;
using Integration.Activities.Connectors.Shopify;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.Orders;
using Microsoft.Extensions.Logging;

namespace Integration.Activities.Orders.Stock;

/// <summary>
/// Pushes the ledger's availability of warehouse SKUs to every store, per store SKU mapped to them: read the store's
/// level, then inventorySetQuantities compare-and-set against what was read, with an idempotency key per attempt
/// ("stock-{shop}-{sku}-{version}-{nonce}") so a retried request applies nothing twice. A store already at the ledger's version
/// (table StoreStock) is skipped; if the ledger moved on while pushing, it pushes again. Best effort: a store that
/// cannot be updated is named in the result's problems and logged, and the stock loop catches it up later.
/// </summary>
public sealed partial class StoreStockSync(IStockLedger ledger, IShopifyAdmin shopify, IWarehouseSkuMap skus, IStoreStockVersions versions, ILogger<StoreStockSync> log)
    : IStoreStockSync
{
    /// <summary>Stale answers in a row (the store's quantity changed between read and write) before the pair is left to the loop.</summary>
    public const int MaxStaleRetries = 3;

    /// <summary>Pushes of one pair in one call while the ledger keeps moving on.</summary>
    public const int MaxRounds = 3;

    public Task<SyncStoreStockResult> SyncAsync(IReadOnlyList<string> warehouseSkus, string correlationId, CancellationToken cancellationToken) =>
        RunAsync(warehouseSkus, trustVersions: true, correlationId, cancellationToken);

    public Task<SyncStoreStockResult> CheckStoresAsync(IReadOnlyList<string> warehouseSkus, string correlationId, CancellationToken cancellationToken) =>
        RunAsync(warehouseSkus, trustVersions: false, correlationId, cancellationToken);

    private async Task<SyncStoreStockResult> RunAsync(IReadOnlyList<string> warehouseSkus, bool trustVersions, string correlationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(warehouseSkus);
        IReadOnlyList<string> shops = shopify.Shops;
        var problems = new List<string>();
        int updated = 0;
        foreach (string warehouseSku in warehouseSkus.Distinct(StringComparer.Ordinal))
        {
            IReadOnlyList<string> storeSkus;
            SkuAvailability availability;
            try
            {
                storeSkus = skus.StoreSkusFor(warehouseSku);
                if (storeSkus.Count == 0)
                {
                    continue;
                }

                availability = await ledger.GetAvailabilityAsync(warehouseSku, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                problems.Add($"{warehouseSku}: the ledger could not be read ({ex.Message})");
                LogFailed(ex, "*", LogText.Safe(warehouseSku), correlationId);
                continue;
            }

            foreach (string shop in shops)
            {
                foreach (string sku in storeSkus)
                {
                    try
                    {
                        updated += await PushAsync(shop, sku, warehouseSku, availability, trustVersions, correlationId, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    {
                        problems.Add($"{shop} {sku}: {ex.Message}");
                        LogFailed(ex, shop, LogText.Safe(sku), correlationId);
                    }
                }
            }
        }

        return new SyncStoreStockResult(shops.Count, updated, problems);
    }

    /// <summary>
    /// The idempotency key of one push: "stock-{shop}-{sku}-{version}-{nonce}", only [A-Za-z0-9-]. The HTTP pipeline's retries
    /// of a request resend its key, so a lost answer never applies twice; each new attempt gets a new nonce, because the
    /// store can come back to a figure it had at the same ledger version (its own order decrements, a restock), and a key
    /// used before would only replay the earlier answer and change nothing.
    /// </summary>
    public static string IdempotencyKey(string shop, string sku, long version) => $"stock-{Clean(shop)}-{Clean(sku)}-{version}";

    /// <returns>How many writes reached the store.</returns>
    private async Task<int> PushAsync(string shop, string sku, string warehouseSku, SkuAvailability availability, bool trustVersions, string correlationId, CancellationToken cancellationToken)
    {
        int writes = 0;
        for (int round = 1; round <= MaxRounds; round++)
        {
            // Only the first round trusts the recorded version: a later round runs because the ledger moved while this call
            // pushed, and a racing push may have recorded the newer version with an older figure; the store's own level decides.
            if (round == 1 && trustVersions && await versions.GetAsync(shop, sku, cancellationToken).ConfigureAwait(false) >= availability.Version)
            {
                return writes;
            }

            (bool wrote, availability) = await SetAsync(shop, sku, warehouseSku, availability, correlationId, cancellationToken).ConfigureAwait(false);
            writes += wrote ? 1 : 0;
            await versions.RecordAsync(shop, sku, availability.Version, cancellationToken).ConfigureAwait(false);

            SkuAvailability latest = await ledger.GetAvailabilityAsync(warehouseSku, cancellationToken).ConfigureAwait(false);
            if (latest.Version <= availability.Version)
            {
                return writes;
            }

            availability = latest;
        }

        return writes;
    }

    /// <summary>Sets the store's level to the available figure; after a stale answer re-reads both the ledger and the store, so an older figure never overwrites a newer one.</summary>
    private async Task<(bool Wrote, SkuAvailability Pushed)> SetAsync(
        string shop, string sku, string warehouseSku, SkuAvailability availability, string correlationId, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            ShopInventoryLevel? level = await shopify.GetInventoryLevelAsync(shop, sku, correlationId, cancellationToken).ConfigureAwait(false);
            if (level is null || level.Available == availability.Available)
            {
                // Not sold in this store, or already right.
                return (false, availability);
            }

            string key = $"{IdempotencyKey(shop, sku, availability.Version)}-{Guid.NewGuid().ToString("N")[..8]}";
            if (await shopify.SetAvailableAsync(shop, level, availability.Available, level.Available, key, correlationId, cancellationToken).ConfigureAwait(false))
            {
                LogPushed(shop, LogText.Safe(sku), level.Available, availability.Available, availability.Version, correlationId);
                return (true, availability);
            }

            if (attempt >= MaxStaleRetries)
            {
                throw new InvalidOperationException($"the store's quantity changed under {MaxStaleRetries} attempts in a row (COMPARE_QUANTITY_STALE); the stock loop tries again");
            }

            availability = await ledger.GetAvailabilityAsync(warehouseSku, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Keys allow [A-Za-z0-9-]: other characters become '-', and then a hash of the original keeps two SKUs apart.</summary>
    private static string Clean(string value)
    {
        var clean = new StringBuilder(value.Length);
        foreach (char c in value)
        {
            clean.Append(char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '-');
        }

        string cleaned = clean.ToString();
        return cleaned == value ? value : $"{cleaned}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..8]}";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Store {Shop} {Sku}: available {From} -> {To} (ledger version {Version}) ({CorrelationId})")]
    private partial void LogPushed(string shop, string sku, int from, int to, long version, string correlationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {Shop} {Sku}: stock not pushed; the stock loop tries again ({CorrelationId})")]
    private partial void LogFailed(Exception ex, string shop, string sku, string correlationId);
}
