using Integration.Activities.Calendar;
using Integration.Orchestrations.DealToInvoice;
using Xunit;
using static Integration.Tests.Unit.Activities.Calendar.TestCalendars;

namespace Integration.Tests.Unit.Activities.Calendar;

/// <summary>Payment terms as the CRM holds them, read as days; unreadable terms fail instead of defaulting.</summary>
public sealed class PaymentTermsTests
{
    private static readonly DateTimeOffset TuesdayMorning = new(2026, 11, 24, 10, 0, 0, Est);

    [Theory]
    [InlineData("Net 45", 45)]
    [InlineData("NET45", 45)]
    [InlineData("net_30", 30)]
    [InlineData("net-60", 60)]
    [InlineData("45", 45)]
    [InlineData(" Net 15 ", 15)]
    [InlineData("30 days", 30)]
    [InlineData("Net 10 Days", 10)]
    [InlineData("Net 0", 0)]
    [InlineData("Net 365", 365)]
    [InlineData("Due on receipt", 0)]
    [InlineData("DUE ON RECEIPT", 0)]
    [InlineData("due_on_receipt", 0)]
    [InlineData("Due upon receipt", 0)]
    public void Recognised_forms_give_their_days(string terms, int days)
    {
        Assert.Equal(days, PaymentTerms.Parse(terms, defaultDays: 30));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void No_terms_give_the_default(string? terms)
    {
        Assert.Equal(21, PaymentTerms.Parse(terms, defaultDays: 21));
    }

    [Theory]
    [InlineData("Net")]
    [InlineData("Net 30 EOM")]
    [InlineData("2/10 Net 30")]
    [InlineData("thirty days")]
    [InlineData("Net -5")]
    [InlineData("Net 4.5")]
    [InlineData("on receipt")]
    public void Unrecognised_terms_fail_naming_the_value(string terms)
    {
        InvoicePlanningException ex = Assert.Throws<InvoicePlanningException>(() => PaymentTerms.Parse(terms, defaultDays: 30));

        Assert.Contains($"'{terms}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Net N", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Terms_longer_than_a_year_fail_naming_the_value_and_the_limit()
    {
        InvoicePlanningException ex = Assert.Throws<InvoicePlanningException>(() => PaymentTerms.Parse("Net 366", defaultDays: 30));

        Assert.Contains("'Net 366'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("365", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_due_date_defaults_to_net_30_from_the_invoice_date()
    {
        InvoiceSchedule schedule = NewYork().Plan(TuesdayMorning, TuesdayMorning, null);

        Assert.Equal(30, schedule.PaymentTermDays);
        Assert.Equal(new DateOnly(2026, 11, 24), schedule.InvoiceDate);
        Assert.Equal(new DateOnly(2026, 12, 24), schedule.DueDate);
    }

    [Fact]
    public void The_due_date_counts_from_the_invoice_date_not_the_close_date()
    {
        var saturday = new DateTimeOffset(2026, 11, 28, 14, 10, 0, Est);

        InvoiceSchedule schedule = NewYork().Plan(saturday, saturday, "Net 45");

        Assert.Equal(45, schedule.PaymentTermDays);
        Assert.Equal(new DateOnly(2026, 11, 30), schedule.InvoiceDate);
        Assert.Equal(new DateOnly(2027, 1, 14), schedule.DueDate);
    }

    [Fact]
    public void Due_on_receipt_is_due_on_the_invoice_date()
    {
        InvoiceSchedule schedule = NewYork().Plan(TuesdayMorning, TuesdayMorning, "Due on receipt");

        Assert.Equal(0, schedule.PaymentTermDays);
        Assert.Equal(schedule.InvoiceDate, schedule.DueDate);
    }

    [Fact]
    public void The_configured_default_applies_when_the_deal_names_no_terms()
    {
        InvoiceSchedule schedule = NewYork(o => o.DefaultPaymentTermDays = 14).Plan(TuesdayMorning, TuesdayMorning, " ");

        Assert.Equal(14, schedule.PaymentTermDays);
        Assert.Equal(new DateOnly(2026, 12, 8), schedule.DueDate);
    }

    [Fact]
    public void Unreadable_terms_fail_the_plan_instead_of_defaulting()
    {
        Assert.Throws<InvoicePlanningException>(() => NewYork().Plan(TuesdayMorning, TuesdayMorning, "Net 30 EOM"));
    }
}
