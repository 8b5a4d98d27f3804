using System.Collections.Frozen;

namespace Integration.Activities.Invoicing;

/// <summary>
/// One loaded, validated data-dictionary version: CRM product → ERP item, CRM tax code → ERP tax code,
/// and CRM field values → ERP values. Immutable; the process loads one at start-up.
/// </summary>
public sealed class DataDictionary
{
    public DataDictionary(
        string version,
        string source,
        IReadOnlyDictionary<string, ProductMapping> products,
        ValueMapping taxCodes,
        ValueMapping customerCategories)
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

    /// <summary>The company's account type mapped ignoring case; no type, or one the dictionary lacks, takes the default (possibly none).</summary>
    public string? CustomerCategoryFor(Orchestrations.DealToInvoice.CrmCompany? company) =>
        company?.AccountType is { } type && !string.IsNullOrWhiteSpace(type) && CustomerCategories.TryMap(type, out string category)
            ? category
            : CustomerCategories.Default;
}
