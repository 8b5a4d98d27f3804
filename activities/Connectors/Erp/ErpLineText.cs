using System.Globalization;
using Integration.Orchestrations.DealToInvoice;

namespace Integration.Activities.Connectors.Erp;

/// <summary>The line description an ERP gets when its own fields cannot show the CRM's list price and discount.</summary>
public static class ErpLineText
{
    /// <summary>"Consulting (2 × 750.00 list, less 150.00 discount)"; the discount part only when there is one.</summary>
    public static string WithListPrice(InvoiceLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        string discount = line.DiscountAmount == 0 ? string.Empty : $", less {Money(line.DiscountAmount)} discount";
        return $"{line.Description} ({Number(line.Quantity)} × {Money(line.UnitPrice)} list{discount})";
    }

    /// <summary>At least cents, and every further decimal the CRM gave (a list price may have more).</summary>
    private static string Money(decimal value) => value.ToString("0.00##########", CultureInfo.InvariantCulture);

    private static string Number(decimal value) => value.ToString("0.##########", CultureInfo.InvariantCulture);
}
