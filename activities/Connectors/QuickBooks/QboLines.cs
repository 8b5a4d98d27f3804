using System.Globalization;
using Integration.Activities.Connectors.Erp;
using Integration.Orchestrations.DealToInvoice;

namespace Integration.Activities.Connectors.QuickBooks;

/// <summary>
/// <see cref="InvoiceLine"/> to and from a QBO SalesItemLineDetail line. QBO has no per-line discount and rejects a
/// line whose Amount is not Qty × UnitPrice (6070), so Amount is always the net amount and:
/// <list type="bullet">
/// <item>an undiscounted line whose list price multiplies back to it keeps Qty and UnitPrice as they are;</item>
/// <item>otherwise the unit price is NetAmount / Qty rounded half away from zero to 7 decimals (the precision QBO
/// keeps), and the description says the list price and the discount;</item>
/// <item>if even that does not multiply back to the amount to the cent (only with very large quantities), the
/// line is 1 × NetAmount and the description says the real quantity.</item>
/// </list>
/// </summary>
internal static class QboLines
{
    public const string SalesItemLine = "SalesItemLineDetail";
    public const int UnitPriceDecimals = 7;

    public static QboLine ToQbo(InvoiceLine line, string defaultItemId)
    {
        string item = string.IsNullOrWhiteSpace(line.ItemCode) ? defaultItemId : line.ItemCode;
        QboRef? tax = string.IsNullOrWhiteSpace(line.TaxCode) ? null : new QboRef(line.TaxCode);
        decimal amount = line.NetAmount;
        (decimal qty, decimal unitPrice, string description) = PriceFor(line, amount);
        return new QboLine(SalesItemLine, amount, description, new QboSalesItemLineDetail(new QboRef(item), qty, unitPrice, tax));
    }

    /// <summary>A sales line as the workflows see it (the QBO line id stands in for the CRM line id); null for subtotal and other lines.</summary>
    public static InvoiceLine? FromQbo(QboLine line, int index)
    {
        if (line.DetailType != SalesItemLine || line.SalesItemLineDetail is not { } detail)
        {
            return null;
        }

        return new InvoiceLine(
            line.Id ?? (index + 1).ToString(CultureInfo.InvariantCulture),
            detail.ItemRef?.Value ?? string.Empty,
            line.Description ?? string.Empty,
            detail.Qty,
            detail.UnitPrice,
            0m,
            line.Amount,
            detail.TaxCodeRef?.Value);
    }

    /// <summary>QBO's check, as the sandbox applies it: Qty × UnitPrice rounded to cents equals Amount.</summary>
    public static bool MultipliesBack(decimal qty, decimal unitPrice, decimal amount) =>
        Math.Round(qty * unitPrice, 2, MidpointRounding.AwayFromZero) == amount;

    private static (decimal Qty, decimal UnitPrice, string Description) PriceFor(InvoiceLine line, decimal amount)
    {
        if (line.DiscountAmount == 0 && MultipliesBack(line.Quantity, line.UnitPrice, amount))
        {
            return (line.Quantity, line.UnitPrice, line.Description);
        }

        string described = ErpLineText.WithListPrice(line);
        if (line.Quantity != 0)
        {
            decimal net = Math.Round(amount / line.Quantity, UnitPriceDecimals, MidpointRounding.AwayFromZero);
            if (MultipliesBack(line.Quantity, net, amount))
            {
                return (line.Quantity, net, described);
            }
        }

        return (1m, amount, described);
    }
}
