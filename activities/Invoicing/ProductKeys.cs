using Integration.Orchestrations.DealToInvoice;

namespace Integration.Activities.Invoicing;

/// <summary>
/// The dictionary keys a CRM line can be found under, in order: its SKU, then "product:{id}" for its
/// CRM product. A line with neither (a custom line) has only "line:{id}", which no dictionary file may
/// hold, so such a line always goes to an operator. The first key is the one an operator's answer uses.
/// </summary>
public static class ProductKeys
{
    /// <summary>Prefix of the key for a line without SKU, by its CRM product id.</summary>
    public const string ProductPrefix = "product:";

    /// <summary>Prefix of the key for a line with neither SKU nor product; only operators' answers use it.</summary>
    public const string LinePrefix = "line:";

    public static IReadOnlyList<string> For(CrmLineItem line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var keys = new List<string>(2);
        if (!string.IsNullOrWhiteSpace(line.Sku))
        {
            keys.Add(line.Sku.Trim());
        }

        if (!string.IsNullOrWhiteSpace(line.ProductId))
        {
            keys.Add(ProductPrefix + line.ProductId.Trim());
        }

        if (keys.Count == 0)
        {
            keys.Add(LinePrefix + line.Id);
        }

        return keys;
    }
}
