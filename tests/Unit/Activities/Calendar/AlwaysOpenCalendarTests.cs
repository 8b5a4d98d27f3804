using Integration.Activities.Calendar;
using Integration.Orchestrations.DealToInvoice;
using Xunit;
using static Integration.Tests.Unit.Activities.Calendar.TestCalendars;

namespace Integration.Tests.Unit.Activities.Calendar;

/// <summary>
/// The calendar tests and benchmarks use (no weekend days, region "none", 00:00 to 24:00) never waits,
/// not even across DST changes, on holidays of other regions, or in years no holiday file covers.
/// </summary>
public sealed class AlwaysOpenCalendarTests
{
    [Theory]
    [InlineData("America/New_York", "2026-11-28T19:10:00Z")] // a Saturday
    [InlineData("America/New_York", "2026-11-26T15:00:00Z")] // Thanksgiving
    [InlineData("America/New_York", "2026-03-08T06:59:59Z")] // last second before spring-forward
    [InlineData("America/New_York", "2026-03-08T07:00:00Z")] // the spring-forward instant
    [InlineData("America/New_York", "2026-11-01T05:30:00Z")] // 01:30 EDT, first pass
    [InlineData("America/New_York", "2026-11-01T06:30:00Z")] // 01:30 EST, second pass
    [InlineData("America/New_York", "2026-11-01T04:00:00Z")] // local midnight
    [InlineData("Europe/London", "2026-03-29T01:00:00Z")]
    [InlineData("Europe/London", "2026-10-25T01:30:00Z")]
    [InlineData("Europe/London", "2026-12-31T23:59:59.9999999Z")]
    [InlineData("UTC", "2029-01-01T00:00:00Z")]
    public void Any_instant_is_invoiced_at_once(string zone, string instant)
    {
        DateTimeOffset closed = DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);

        InvoiceSchedule schedule = AlwaysOpen(zone).Plan(closed, closed, null);

        Assert.Equal(closed, schedule.InvoiceAt);
        Assert.EndsWith("; within invoicing hours)", schedule.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_minute_of_a_dst_changeover_weekend_is_invoiced_at_once()
    {
        BusinessCalendar calendar = AlwaysOpen("America/New_York");
        var start = new DateTimeOffset(2026, 10, 31, 0, 0, 0, TimeSpan.Zero);
        for (DateTimeOffset closed = start; closed < start.AddDays(3); closed = closed.AddSeconds(61))
        {
            Assert.Equal(closed, calendar.Plan(closed, closed, null).InvoiceAt);
        }
    }

    [Fact]
    public void The_invoice_date_is_the_local_date_of_the_instant()
    {
        var closed = new DateTimeOffset(2026, 11, 28, 3, 0, 0, TimeSpan.Zero); // 22:00 on the 27th in New York

        InvoiceSchedule schedule = AlwaysOpen("America/New_York").Plan(closed, closed, null);

        Assert.Equal(new DateOnly(2026, 11, 27), schedule.InvoiceDate);
        Assert.Equal(new DateOnly(2026, 12, 27), schedule.DueDate);
    }

    [Fact]
    public void A_future_close_is_still_honoured()
    {
        var now = new DateTimeOffset(2026, 11, 28, 3, 0, 0, TimeSpan.Zero);
        DateTimeOffset closed = now.AddHours(5);

        Assert.Equal(closed, AlwaysOpen("UTC").Plan(closed, now, null).InvoiceAt);
    }
}
