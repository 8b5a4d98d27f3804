using System.Globalization;
using Integration.Activities.Invoicing;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.DealToInvoice;
using Xunit;

namespace Integration.Tests.Unit.Activities.Invoicing;

/// <summary>Line pricing, the rounding rule (minor unit, half away from zero) and the tolerance check.</summary>
public sealed class InvoicePricingTests
{
    [Fact]
    public void Without_a_discount_the_net_is_quantity_times_unit_price()
    {
        LinePrice price = InvoicePricing.PriceLine(Line(3m, 19.99m), 2);

        Assert.Equal(new LinePrice(0m, 59.97m), price);
    }

    [Fact]
    public void A_percentage_discount_is_taken_off_the_whole_line()
    {
        LinePrice price = InvoicePricing.PriceLine(Line(2m, 100m) with { DiscountPercentage = 15m }, 2);

        Assert.Equal(new LinePrice(30m, 170m), price);
    }

    [Fact]
    public void A_unit_discount_is_taken_off_each_unit()
    {
        LinePrice price = InvoicePricing.PriceLine(Line(4m, 25m) with { UnitDiscount = 2.5m }, 2);

        Assert.Equal(new LinePrice(10m, 90m), price);
    }

    [Fact]
    public void A_hundred_percent_discount_makes_the_line_free()
    {
        LinePrice price = InvoicePricing.PriceLine(Line(2m, 49.5m) with { DiscountPercentage = 100m }, 2);

        Assert.Equal(new LinePrice(99m, 0m), price);
    }

    [Fact]
    public void A_zero_percentage_beside_a_unit_discount_is_no_percentage()
    {
        // HubSpot sends hs_discount_percentage "0" on lines without a percentage.
        LinePrice price = InvoicePricing.PriceLine(Line(2m, 10m) with { DiscountPercentage = 0m, UnitDiscount = 1m }, 2);

        Assert.Equal(new LinePrice(2m, 18m), price);
    }

    [Theory]
    [InlineData("2.345", "2.35")]
    [InlineData("-2.345", "-2.35")]
    [InlineData("2.3449", "2.34")]
    [InlineData("0.005", "0.01")]
    [InlineData("0.015", "0.02")]
    [InlineData("0.025", "0.03")]
    public void Rounding_is_half_away_from_zero_not_to_even(string amount, string expected)
    {
        Assert.Equal(Dec(expected), InvoicePricing.Round(Dec(amount), 2));
    }

    [Fact]
    public void A_net_ending_in_half_a_cent_rounds_up()
    {
        // 3 × 3.335 = 10.005: to-even rounding would give 10.00.
        LinePrice price = InvoicePricing.PriceLine(Line(3m, 3.335m), 2);

        Assert.Equal(10.01m, price.Net);
    }

    [Fact]
    public void Net_and_discount_are_rounded_separately_from_the_unrounded_amounts()
    {
        // 50% of 10.01: discount 5.005 and net 5.005, each rounded away from zero.
        LinePrice price = InvoicePricing.PriceLine(Line(1m, 10.01m) with { DiscountPercentage = 50m }, 2);

        Assert.Equal(new LinePrice(5.01m, 5.01m), price);
    }

    [Fact]
    public void A_zero_decimal_currency_rounds_to_whole_units()
    {
        LinePrice price = InvoicePricing.PriceLine(Line(3m, 333.5m) with { DiscountPercentage = 10m }, Currencies.MinorUnits("JPY"));

        // gross 1000.5, discount 100.05 → 100, net 900.45 → 900
        Assert.Equal(new LinePrice(100m, 900m), price);
    }

    [Fact]
    public void A_three_decimal_currency_keeps_fils()
    {
        LinePrice price = InvoicePricing.PriceLine(Line(1m, 1.2345m), Currencies.MinorUnits("KWD"));

        Assert.Equal(1.235m, price.Net);
    }

    [Theory]
    [InlineData("USD", 2)]
    [InlineData("EUR", 2)]
    [InlineData("JPY", 0)]
    [InlineData("jpy", 0)]
    [InlineData("KRW", 0)]
    [InlineData("BHD", 3)]
    [InlineData("KWD", 3)]
    [InlineData("CLF", 4)]
    [InlineData("XYZ", 2)]
    public void Minor_units_follow_iso_4217(string currency, int expected)
    {
        Assert.Equal(expected, Currencies.MinorUnits(currency));
    }

    [Theory]
    [InlineData(null, "USD")]
    [InlineData("", "USD")]
    [InlineData("eur", "EUR")]
    [InlineData(" JPY ", "JPY")]
    public void The_deal_currency_is_upper_cased_or_defaulted(string? dealCurrency, string expected)
    {
        Assert.Equal(expected, Currencies.ForDeal("9", dealCurrency, "USD"));
    }

    [Fact]
    public void A_deal_currency_that_is_not_a_code_is_a_permanent_failure_naming_the_deal()
    {
        var ex = Assert.Throws<PermanentActivityFailureException>(() => Currencies.ForDeal("9", "dollars", "USD"));

        Assert.Contains("deal 9: currency 'dollars'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1.0, 10.0, null, null, "quantity -1 is negative")]
    [InlineData(1.0, -10.0, null, null, "unit price -10 is negative")]
    [InlineData(1.0, 10.0, 100.5, null, "discount percentage 100.5 is outside 0-100")]
    [InlineData(1.0, 10.0, -5.0, null, "discount percentage -5 is outside 0-100")]
    [InlineData(1.0, 10.0, null, -1.0, "unit discount -1 is negative")]
    [InlineData(1.0, 10.0, 10.0, 1.0, "has both a discount percentage (10) and a unit discount (1); the CRM line must carry one")]
    [InlineData(2.0, 10.0, null, 10.5, "unit discount 10.5 exceeds the unit price 10")]
    public void Pricing_that_cannot_be_trusted_is_a_permanent_failure_naming_the_line(
        double quantity, double unitPrice, double? percentage, double? unitDiscount, string problem)
    {
        CrmLineItem line = Line((decimal)quantity, (decimal)unitPrice) with
        {
            DiscountPercentage = (decimal?)percentage,
            UnitDiscount = (decimal?)unitDiscount,
        };

        var ex = Assert.Throws<PermanentActivityFailureException>(() => InvoicePricing.PriceLine(line, 2));

        Assert.Equal($"line L1 ('Widget'): {problem}", ex.Message);
    }

    [Fact]
    public void An_amount_too_large_for_decimal_is_a_permanent_failure()
    {
        var ex = Assert.Throws<PermanentActivityFailureException>(() => InvoicePricing.PriceLine(Line(decimal.MaxValue, 2m), 2));

        Assert.Contains("line L1 ('Widget'): quantity × unit price is too large", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zero_quantity_prices_to_zero()
    {
        Assert.Equal(new LinePrice(0m, 0m), InvoicePricing.PriceLine(Line(0m, 10m) with { UnitDiscount = 1m }, 2));
    }

    [Theory]
    [InlineData(100.00, 100.01, 0.01, true)]
    [InlineData(100.00, 99.99, 0.01, true)]
    [InlineData(100.00, 100.02, 0.01, false)]
    [InlineData(100.00, 99.98, 0.01, false)]
    [InlineData(100.00, 100.00, 0.0, true)]
    [InlineData(100.00, 100.01, 0.0, false)]
    public void The_amount_check_allows_the_tolerance_either_way_and_no_more(double deal, double total, double tolerance, bool within)
    {
        AmountCheck check = InvoicePricing.CheckAmount((decimal)deal, (decimal)total, (decimal)tolerance);

        Assert.Equal(within, check.WithinTolerance);
        Assert.Equal((decimal)total - (decimal)deal, check.Difference);
        Assert.Equal((decimal)tolerance, check.Tolerance);
    }

    private static decimal Dec(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    private static CrmLineItem Line(decimal quantity, decimal unitPrice) =>
        new("L1", "Widget", "SKU-1", quantity, unitPrice, Amount: 0m);
}
