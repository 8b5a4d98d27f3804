using System.Collections.Frozen;

namespace Integration.Activities.Invoicing;

/// <summary>
/// One loaded, validated data-dictionary version: CRM product → ERP item, CRM tax code → ERP tax code,
/// and CRM field values → ERP values. Immutable; the process loads one at start-up.
/// </summary>
public sealed class DataDictionary : Integration.Activities.Orders.Stock.IWarehouseSkuMap
{
    public DataDictionary(
        string version,
        string source,
        IReadOnlyDictionary<string, ProductMapping> products,
        ValueMapping taxCodes,
        ValueMapping customerCategories,
        IReadOnlyDictionary<string, WarehouseSkuMapping>? warehouseSkus = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ArgumentNullException.ThrowIfNull(products);
        ArgumentNullException.ThrowIfNull(taxCodes);
        ArgumentNullException.ThrowIfNull(customerCategories);
        Version = version;
        Source = source;
        Products = products.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        TaxCodes = taxCodes;
        CustomerCategories = customerCategories;
        WarehouseSkus = (warehouseSkus ?? new Dictionary<string, WarehouseSkuMapping>()).ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

        // Warehouse SKUs compare as the warehouses do (ShipBob and ShipStation match them exactly); several store SKUs may share one.
        StoreSkusByWarehouseSku = WarehouseSkus
            .GroupBy(m => m.Value.WarehouseSku, StringComparer.Ordinal)
            .ToFrozenDictionary(
                g => g.Key,
                g => (IReadOnlyList<string>)g.Select(m => m.Key).Order(StringComparer.Ordinal).ToArray(),
                StringComparer.Ordinal);
    }

    /// <summary>"v1", "v2"...: what each workflow records as the mapping version it used.</summary>
    public string Version { get; }

    /// <summary>The file it was loaded from, as configured (for logs).</summary>
    public string Source { get; }

    /// <summary>Keyed by CRM SKU, or "product:{id}" for products without one; keys ignore case.</summary>
    public IReadOnlyDictionary<string, ProductMapping> Products { get; }

    public ValueMapping TaxCodes { get; }

    /// <summary>The company's CRM account type → ERP customer category (field "customerCategory").</summary>
    public ValueMapping CustomerCategories { get; }

    /// <summary>Store (Shopify) SKU → the warehouse SKU it ships as; keys ignore case. Empty before v2.</summary>
    public IReadOnlyDictionary<string, WarehouseSkuMapping> WarehouseSkus { get; }

    /// <summary>The inverse: warehouse SKU → every store SKU that ships as it, so a stock change reaches each store listing.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> StoreSkusByWarehouseSku { get; }

    /// <summary>The warehouse SKU a store SKU ships as (ignoring case), or null when the dictionary does not map it.</summary>
    public string? WarehouseSkuFor(string? storeSku) =>
        storeSku is not null && WarehouseSkus.TryGetValue(storeSku, out WarehouseSkuMapping? mapping) ? mapping.WarehouseSku : null;

    /// <summary>The store SKUs (as the dictionary spells them) that ship as <paramref name="warehouseSku"/>; empty when none.</summary>
    public IReadOnlyList<string> StoreSkusFor(string warehouseSku) =>
        StoreSkusByWarehouseSku.TryGetValue(warehouseSku, out IReadOnlyList<string>? skus) ? skus : [];

    /// <summary>The company's account type mapped ignoring case; no type, or one the dictionary lacks, takes the default (possibly none).</summary>
    public string? CustomerCategoryFor(Orchestrations.DealToInvoice.CrmCompany? company) =>
        company?.AccountType is { } type && !string.IsNullOrWhiteSpace(type) && CustomerCategories.TryMap(type, out string category)
            ? category
            : CustomerCategories.Default;
}
