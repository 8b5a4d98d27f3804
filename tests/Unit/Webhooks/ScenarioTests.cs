using Integration.Activities.Invoicing;
using Integration.Orchestrations.DealToInvoice;
using Integration.SendEvent.Cli;
using Integration.SendEvent.Scenarios;
using Xunit;

namespace Integration.Tests.Unit.Webhooks;

/// <summary>The "scenario" verb's argument checks and the pure helpers the scenarios build deals with.</summary>
public sealed class ScenarioTests
{
    [Fact]
    public void Every_scenario_the_issue_names_is_offered()
    {
        Assert.Equal(
            ["new-customer", "ambiguous-customer", "unmapped-product", "amount-mismatch", "weekend-close", "holiday-close", "reopen-before-invoice", "reopen-after-invoice", "amount-change"],
            DealScenarios.All.Select(s => s.Name));
    }

    [Fact]
    public void An_unknown_scenario_is_a_usage_error_listing_the_known_ones()
    {
        var ex = Assert.Throws<CliUsageException>(() => SendEventCli.Plan(["scenario", "--name", "nope"]));

        Assert.Contains("weekend-close", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--sandbox", "ftp://x")]
    [InlineData("--deal", "abc")]
    public void Bad_scenario_options_are_usage_errors(string option, string value) =>
        Assert.Throws<CliUsageException>(() => SendEventCli.Plan(["scenario", "--name", "new-customer", option, value]));

    [Fact]
    public void A_known_scenario_plans_one_send()
    {
        SendPlan? plan = SendEventCli.Plan(["scenario", "--name", "amount-change", "--deal", "71234567"]);

        Assert.NotNull(plan);
        Assert.Equal("scenario", plan.Verb.Name);
        Assert.Equal(1, plan.Repeat);
    }

    [Theory]
    [InlineData("2026-11-26T10:00:00Z", "2026-11-28T15:00:00Z")]
    [InlineData("2026-11-28T09:00:00Z", "2026-12-05T15:00:00Z")]
    public void Next_saturday_is_strictly_after_the_given_day(string from, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), SampleDeals.NextSaturday(DateTimeOffset.Parse(from, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void The_next_monday_holiday_is_read_from_the_holiday_file()
    {
        string file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, """{"region":"us","holidays":[{"date":"2027-01-01","name":"New Year"},{"date":"2027-01-18","name":"MLK"},{"date":"2027-02-15","name":"Presidents"}]}""");

            Assert.Equal(new DateOnly(2027, 1, 18), DealScenarios.NextMondayHoliday(file, new DateOnly(2026, 12, 31)));
            Assert.Equal(new DateOnly(2027, 2, 15), DealScenarios.NextMondayHoliday(file, new DateOnly(2027, 1, 17)));
            Assert.Throws<InvalidOperationException>(() => DealScenarios.NextMondayHoliday(file, new DateOnly(2027, 3, 1)));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void The_standard_lines_price_to_the_standard_total_so_the_scenario_deals_pass_the_amount_check()
    {
        decimal total = SampleDeals.StandardLines("1").Sum(l => InvoicePricing.PriceLine(
            new CrmLineItem(
                l.Id,
                l.Properties["name"],
                l.Properties["hs_sku"],
                decimal.Parse(l.Properties["quantity"], System.Globalization.CultureInfo.InvariantCulture),
                decimal.Parse(l.Properties["price"], System.Globalization.CultureInfo.InvariantCulture),
                0m,
                DiscountPercentage: l.Properties.TryGetValue("hs_discount_percentage", out string? pct) ? decimal.Parse(pct, System.Globalization.CultureInfo.InvariantCulture) : null),
            2).Net);

        Assert.Equal(SampleDeals.StandardTotal, total);
    }
}
