using Integration.Orchestrations.Common;
using Integration.Orchestrations.DealToInvoice;

namespace Integration.Activities.Invoicing;

/// <summary>
/// Maps and prices a deal's lines into an invoice draft: pure, so the activity stays an adapter and the
/// rules are tested without a host. Unmapped products are collected for an operator, never guessed;
/// pricing or a tax code it cannot trust is a permanent failure naming the line.
/// </summary>
public static class InvoiceDraftBuilder
{
    public static InvoiceDraft Build(BuildInvoiceDraftInput input, DataDictionary dictionary, PricingOptions pricing)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(dictionary);
        ArgumentNullException.ThrowIfNull(pricing);
        CrmDeal deal = input.Deal;
        string currency = Currencies.ForDeal(deal.Id, deal.Currency, pricing.DefaultCurrency);
        int minorUnits = Currencies.MinorUnits(currency);
        var skipped = new HashSet<string>(input.SkippedLineIds ?? [], StringComparer.Ordinal);
        Dictionary<string, string> overrides = Overrides(input.ItemCodeOverrides);

        var lines = new List<InvoiceLine>(deal.LineItems.Count);
        var unmapped = new List<UnmappedProduct>();
        foreach (CrmLineItem line in deal.LineItems)
        {
            if (skipped.Contains(line.Id))
            {
                continue;
            }

            // Priced and tax-mapped before the item is looked up, so a line that cannot be invoiced fails
            // now rather than after an operator has answered for its product.
            LinePrice price = InvoicePricing.PriceLine(line, minorUnits);
            string? taxCode = TaxCode(deal, line, dictionary);
            IReadOnlyList<string> keys = ProductKeys.For(line);
            (string? itemCode, ProductMapping? mapping) = ItemCode(keys, overrides, dictionary);
            if (itemCode is null)
            {
                unmapped.Add(new UnmappedProduct(line.Id, keys[0], line.Name));
                continue;
            }

            string description = !string.IsNullOrWhiteSpace(line.Name) ? line.Name : mapping?.Description ?? itemCode;
            lines.Add(new InvoiceLine(line.Id, itemCode, description, line.Quantity, line.UnitPrice, price.Discount, price.Net, taxCode));
        }

        decimal total = lines.Sum(l => l.NetAmount);
        return new InvoiceDraft(
            dictionary.Version,
            currency,
            lines,
            total,
            unmapped,
            InvoicePricing.CheckAmount(deal.Amount, total, pricing.AmountTolerance),
            dictionary.CustomerCategoryFor(deal.Company));
    }

    /// <summary>An operator's answer for any of the line's keys wins over the dictionary; then the dictionary, key by key.</summary>
    private static (string? ItemCode, ProductMapping? Mapping) ItemCode(
        IReadOnlyList<string> keys, Dictionary<string, string> overrides, DataDictionary dictionary)
    {
        foreach (string key in keys)
        {
            if (overrides.TryGetValue(key, out string? answered))
            {
                return (answered, dictionary.Products.GetValueOrDefault(key));
            }
        }

        foreach (string key in keys)
        {
            if (dictionary.Products.TryGetValue(key, out ProductMapping? mapping))
            {
                return (mapping.ItemCode, mapping);
            }
        }

        return (null, null);
    }

    /// <summary>No CRM tax code takes the dictionary's default (null: the ERP's own); an unknown one stops the deal, since a guessed tax is a wrong invoice.</summary>
    private static string? TaxCode(CrmDeal deal, CrmLineItem line, DataDictionary dictionary)
    {
        if (string.IsNullOrWhiteSpace(line.TaxCode))
        {
            return dictionary.TaxCodes.Default;
        }

        return dictionary.TaxCodes.TryMap(line.TaxCode, out string erp)
            ? erp
            : throw new PermanentActivityFailureException(
                $"deal {deal.Id} line {line.Id} ('{line.Name}'): CRM tax code '{line.TaxCode}' is not in data dictionary {dictionary.Version} (taxCodes.values); add it in a new dictionary version, then replay");
    }

    /// <summary>Operators' item codes by key, ignoring case like the dictionary; blank answers are ignored.</summary>
    private static Dictionary<string, string> Overrides(IReadOnlyDictionary<string, string>? answers)
    {
        var overrides = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach ((string key, string code) in answers ?? new Dictionary<string, string>())
        {
            if (!string.IsNullOrWhiteSpace(code))
            {
                overrides[key.Trim()] = code.Trim();
            }
        }

        return overrides;
    }
}
