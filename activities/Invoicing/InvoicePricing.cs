using System.Globalization;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.DealToInvoice;

namespace Integration.Activities.Invoicing;

/// <summary>
/// Turns CRM line pricing into invoice amounts with decimal arithmetic. Per line: gross = quantity ×
/// unit price; discount = percentage of gross, or unit discount × quantity; net = gross − discount.
/// Net and discount are each rounded to the currency's minor unit, half away from zero (2.345 → 2.35,
/// −2.345 → −2.35); nothing is rounded before that. The invoice total is the sum of the rounded nets.
/// Amounts are net of tax: the ERP computes tax from each line's tax code.
/// </summary>
public static class InvoicePricing
{
    /// <summary>The rounding rule for every amount this product writes: to the minor unit, half away from zero.</summary>
    public static decimal Round(decimal amount, int minorUnits) =>
        Math.Round(amount, minorUnits, MidpointRounding.AwayFromZero);

    /// <summary>
    /// Prices one line. Pricing it cannot trust is a permanent failure naming the line, because no retry
    /// changes the CRM's numbers: a negative quantity, unit price or unit discount; a percentage outside
    /// 0-100; a percentage and a unit discount both non-zero (which one the CRM meant is a guess); a unit
    /// discount larger than the unit price. A zero discount counts as none (HubSpot sends "0").
    /// </summary>
    public static LinePrice PriceLine(CrmLineItem line, int minorUnits)
    {
        ArgumentNullException.ThrowIfNull(line);
        decimal percentage = line.DiscountPercentage ?? 0m;
        decimal unitDiscount = line.UnitDiscount ?? 0m;
        Require(line, line.Quantity >= 0, $"quantity {Show(line.Quantity)} is negative");
        Require(line, line.UnitPrice >= 0, $"unit price {Show(line.UnitPrice)} is negative");
        Require(line, percentage is >= 0 and <= 100, $"discount percentage {Show(percentage)} is outside 0-100");
        Require(line, unitDiscount >= 0, $"unit discount {Show(unitDiscount)} is negative");
        Require(
            line,
            percentage == 0 || unitDiscount == 0,
            $"has both a discount percentage ({Show(percentage)}) and a unit discount ({Show(unitDiscount)}); the CRM line must carry one");
        Require(line, unitDiscount <= line.UnitPrice, $"unit discount {Show(unitDiscount)} exceeds the unit price {Show(line.UnitPrice)}");

        try
        {
            decimal gross = line.Quantity * line.UnitPrice;
            decimal discount = percentage != 0 ? gross * percentage / 100m : unitDiscount * line.Quantity;
            return new LinePrice(Round(discount, minorUnits), Round(gross - discount, minorUnits));
        }
        catch (OverflowException ex)
        {
            throw new PermanentActivityFailureException($"{Describe(line)}: quantity × unit price is too large to price", ex);
        }
    }

    /// <summary>The invoice total against the deal amount; Difference is invoice total − deal amount.</summary>
    public static AmountCheck CheckAmount(decimal dealAmount, decimal invoiceTotal, decimal tolerance) =>
        new(dealAmount, invoiceTotal, invoiceTotal - dealAmount, tolerance);

    private static void Require(CrmLineItem line, bool condition, string problem)
    {
        if (!condition)
        {
            throw new PermanentActivityFailureException($"{Describe(line)}: {problem}");
        }
    }

    private static string Describe(CrmLineItem line) => $"line {line.Id} ('{line.Name}')";

    private static string Show(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
