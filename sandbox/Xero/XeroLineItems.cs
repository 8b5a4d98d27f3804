using System.Globalization;
using System.Text.Json.Nodes;
using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.Xero;

/// <summary>
/// Validates and prices line items as Xero does: Quantity (default 1, 4 decimals) × UnitAmount (2 decimals, or 4
/// with unitdp=4) less DiscountAmount, or × (100 − DiscountRate)%, rounded to cents half away from zero.
/// A LineAmount sent with both Quantity and UnitAmount must equal that; sent without UnitAmount it sets it.
/// The sandbox computes no tax: TaxType is stored and TaxAmount is 0.
/// </summary>
internal static class XeroLineItems
{
    public static (JsonArray Lines, decimal SubTotal) Build(JsonNode? node, int unitDecimals, List<string> errors)
    {
        var lines = new JsonArray();
        var subTotal = 0m;
        if (node is not JsonArray input || input.Count == 0)
        {
            errors.Add("At least one line item must be specified.");
            return (lines, subTotal);
        }

        for (var i = 0; i < input.Count; i++)
        {
            var n = i + 1;
            if (input[i] is not JsonObject item)
            {
                errors.Add($"Line item {n} is not an object.");
                continue;
            }

            if (Price(item, n, unitDecimals, errors) is not { } priced)
            {
                continue;
            }

            var copy = (JsonObject)item.DeepClone();
            copy["LineItemID"] = Guid.NewGuid().ToString();
            copy["Quantity"] = priced.Quantity;
            copy["UnitAmount"] = priced.UnitAmount;
            copy["LineAmount"] = priced.LineAmount;
            copy["TaxAmount"] = 0m;
            lines.Add(copy);
            subTotal += priced.LineAmount;
        }

        return (lines, subTotal);
    }

    private static (decimal Quantity, decimal UnitAmount, decimal LineAmount)? Price(JsonObject item, int n, int unitDecimals, List<string> errors)
    {
        var count = errors.Count;
        var quantity = 1m;
        if (item["Quantity"] is not null && !JsonValues.TryDecimal(item["Quantity"], out quantity))
        {
            errors.Add($"Line item {n}: Quantity is not a number.");
        }

        quantity = Math.Round(quantity, 4, MidpointRounding.AwayFromZero);
        decimal? given = null;
        if (item["LineAmount"] is not null)
        {
            if (JsonValues.TryDecimal(item["LineAmount"], out var lineAmount))
            {
                given = lineAmount;
            }
            else
            {
                errors.Add($"Line item {n}: LineAmount is not a number.");
            }
        }

        decimal unit = 0;
        var unitGiven = item["UnitAmount"] is not null;
        if (unitGiven && !JsonValues.TryDecimal(item["UnitAmount"], out unit))
        {
            errors.Add($"Line item {n}: UnitAmount is not a number.");
        }
        else if (!unitGiven)
        {
            if (given is null || quantity == 0)
            {
                errors.Add($"Line item {n}: give UnitAmount, or LineAmount with a non-zero Quantity.");
            }
            else
            {
                unit = given.Value / quantity;
            }
        }

        unit = Math.Round(unit, unitDecimals, MidpointRounding.AwayFromZero);
        var hasRate = item["DiscountRate"] is not null;
        var hasAmount = item["DiscountAmount"] is not null;
        decimal rate = 0, discount = 0;
        if (hasRate && hasAmount)
        {
            errors.Add($"Line item {n}: give DiscountRate or DiscountAmount, not both.");
        }
        else if (hasRate && (!JsonValues.TryDecimal(item["DiscountRate"], out rate) || rate is < 0 or > 100))
        {
            errors.Add($"Line item {n}: DiscountRate must be a percentage between 0 and 100.");
        }
        else if (hasAmount && (!JsonValues.TryDecimal(item["DiscountAmount"], out discount) || discount < 0))
        {
            errors.Add($"Line item {n}: DiscountAmount must be a non-negative number.");
        }

        var gross = quantity * unit;
        if (discount > Math.Abs(gross))
        {
            errors.Add($"Line item {n}: the discount must not be greater than the line total.");
        }

        var net = Math.Round(hasRate ? gross * (100 - rate) / 100 : gross - discount, 2, MidpointRounding.AwayFromZero);
        if (unitGiven && given is { } sent && Math.Round(sent, 2, MidpointRounding.AwayFromZero) != net)
        {
            errors.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"Line item {n}: LineAmount {sent} does not equal Quantity × UnitAmount less discount ({net})."));
        }

        return errors.Count == count
            ? (quantity, unit, unitGiven ? net : Math.Round(given!.Value, 2, MidpointRounding.AwayFromZero))
            : null;
    }
}
