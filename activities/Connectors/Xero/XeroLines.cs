using System.Globalization;
using Integration.Activities.Connectors.Erp;
using Integration.Orchestrations.DealToInvoice;

namespace Integration.Activities.Connectors.Xero;

/// <summary>
/// <see cref="InvoiceLine"/> to and from a Xero line item. Xero has a per-line DiscountAmount and keeps unit amounts
/// to 4 decimals (the client sends unitdp=4), so a line normally goes as it is: Quantity, list UnitAmount and
/// DiscountAmount, which Xero prices to the draft's net amount. When that would not land on the net amount to the
/// cent (a unit price with more than 4 decimals), the unit amount becomes NetAmount / Quantity to 4 decimals with
/// no discount, or failing that 1 × NetAmount, and the description says the list price and discount.
/// </summary>
internal static class XeroLines
{
    public const int UnitDecimals = 4;

    /// <param name="accountCode">The revenue account for the line; blank sends none (the item's own account applies).</param>
    public static XeroLineItem ToXero(InvoiceLine line, string? accountCode)
    {
        string? account = string.IsNullOrWhiteSpace(accountCode) ? null : accountCode;
        string? item = string.IsNullOrWhiteSpace(line.ItemCode) ? null : line.ItemCode;
        string? tax = string.IsNullOrWhiteSpace(line.TaxCode) ? null : line.TaxCode;
        decimal net = line.NetAmount;
        if (line.UnitPrice == Math.Round(line.UnitPrice, UnitDecimals) && Prices(line.Quantity, line.UnitPrice, line.DiscountAmount) == net
            && line.DiscountAmount <= Math.Abs(line.Quantity * line.UnitPrice))
        {
            decimal? discount = line.DiscountAmount == 0 ? null : line.DiscountAmount;
            return new XeroLineItem(line.Description, line.Quantity, line.UnitPrice, item, account, tax, discount);
        }

        string described = ErpLineText.WithListPrice(line);
        if (line.Quantity != 0)
        {
            decimal unit = Math.Round(net / line.Quantity, UnitDecimals, MidpointRounding.AwayFromZero);
            if (Prices(line.Quantity, unit, 0) == net)
            {
                return new XeroLineItem(described, line.Quantity, unit, item, account, tax, null);
            }
        }

        return new XeroLineItem(described, 1m, net, item, account, tax, null);
    }

    /// <summary>A line as the workflows see it; the Xero LineItemID stands in for the CRM line id.</summary>
    public static InvoiceLine FromXero(XeroLineItem line, int index)
    {
        decimal discount = line.DiscountAmount ?? 0;
        return new InvoiceLine(
            line.LineItemID ?? (index + 1).ToString(CultureInfo.InvariantCulture),
            line.ItemCode ?? string.Empty,
            line.Description ?? string.Empty,
            line.Quantity,
            line.UnitAmount,
            discount,
            line.LineAmount ?? Prices(line.Quantity, line.UnitAmount, discount),
            line.TaxType);
    }

    /// <summary>Xero's line amount: Quantity × UnitAmount − DiscountAmount, to cents, half away from zero.</summary>
    public static decimal Prices(decimal quantity, decimal unitAmount, decimal discount) =>
        Math.Round(quantity * unitAmount - discount, 2, MidpointRounding.AwayFromZero);
}
