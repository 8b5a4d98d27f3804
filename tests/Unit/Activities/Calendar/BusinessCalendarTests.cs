using Integration.Activities.Calendar;
using Integration.Orchestrations.DealToInvoice;
using Xunit;
using static Integration.Tests.Unit.Activities.Calendar.TestCalendars;

namespace Integration.Tests.Unit.Activities.Calendar;

/// <summary>When an invoice may be created: weekends, holidays, cut-off and opening in the company's time zone.</summary>
public sealed class BusinessCalendarTests
{
    private readonly BusinessCalendar newYork = NewYork();
    private readonly BusinessCalendar london = London();

    [Fact]
    public void A_deal_closed_on_saturday_is_invoiced_monday_at_opening_local_time()
    {
        var closed = new DateTimeOffset(2026, 11, 28, 14, 10, 0, Est);

        InvoiceSchedule schedule = newYork.Plan(closed, closed, null);

        Assert.Equal(new DateTimeOffset(2026, 11, 30, 8, 0, 0, Est), schedule.InvoiceAt);
        Assert.Equal(Est, schedule.InvoiceAt.Offset);
        Assert.Equal(new DateOnly(2026, 11, 30), schedule.InvoiceDate);
        Assert.Equal("America/New_York", schedule.TimeZone);
        Assert.Equal("Monday 2026-11-30 08:00 America/New_York (closed Saturday 2026-11-28 14:10; weekend)", schedule.Description);
    }

    [Fact]
    public void The_saturday_example_reads_as_specified_for_london()
    {
        var closed = new DateTimeOffset(2026, 11, 28, 14, 10, 0, Gmt);

        InvoiceSchedule schedule = london.Plan(closed, closed, null);

        Assert.Equal(new DateTimeOffset(2026, 11, 30, 8, 0, 0, Gmt), schedule.InvoiceAt);
        Assert.Equal("Monday 2026-11-30 08:00 Europe/London (closed Saturday 2026-11-28 14:10; weekend)", schedule.Description);
    }

    [Fact]
    public void Instants_given_in_utc_are_judged_in_the_company_time_zone()
    {
        // 19:10 UTC is 14:10 in New York: still Saturday there, so the answer is the same as for local input.
        var closed = new DateTimeOffset(2026, 11, 28, 19, 10, 0, TimeSpan.Zero);

        InvoiceSchedule schedule = newYork.Plan(closed, closed, null);

        Assert.Equal(new DateTimeOffset(2026, 11, 30, 13, 0, 0, TimeSpan.Zero), schedule.InvoiceAt);
        Assert.Contains("closed Saturday 2026-11-28 14:10", schedule.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_monday_holiday_after_a_weekend_close_moves_the_invoice_to_tuesday()
    {
        var closed = new DateTimeOffset(2026, 1, 17, 10, 0, 0, Est);

        InvoiceSchedule schedule = newYork.Plan(closed, closed, null);

        Assert.Equal(new DateTimeOffset(2026, 1, 20, 8, 0, 0, Est), schedule.InvoiceAt);
        Assert.Equal(
            "Tuesday 2026-01-20 08:00 America/New_York (closed Saturday 2026-01-17 10:00; weekend; Birthday of Martin Luther King, Jr. on Monday 2026-01-19)",
            schedule.Description);
    }

    [Fact]
    public void A_monday_bank_holiday_in_england_moves_the_invoice_to_tuesday()
    {
        var closed = new DateTimeOffset(2026, 5, 23, 11, 0, 0, Bst);

        InvoiceSchedule schedule = london.Plan(closed, closed, null);

        Assert.Equal(new DateTimeOffset(2026, 5, 26, 8, 0, 0, Bst), schedule.InvoiceAt);
        Assert.EndsWith("(closed Saturday 2026-05-23 11:00; weekend; Spring bank holiday on Monday 2026-05-25)", schedule.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_friday_close_after_the_cut_off_is_invoiced_monday()
    {
        var closed = new DateTimeOffset(2026, 11, 20, 17, 30, 0, Est);

        InvoiceSchedule schedule = newYork.Plan(closed, closed, null);

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 8, 0, 0, Est), schedule.InvoiceAt);
        Assert.Equal("Monday 2026-11-23 08:00 America/New_York (closed Friday 2026-11-20 17:30; after the 17:00 cut-off; weekend)", schedule.Description);
    }

    [Fact]
    public void The_cut_off_itself_is_outside_the_window()
    {
        var atCutOff = new DateTimeOffset(2026, 11, 20, 17, 0, 0, Est);
        DateTimeOffset justBefore = atCutOff.AddSeconds(-1);

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 8, 0, 0, Est), newYork.Plan(atCutOff, atCutOff, null).InvoiceAt);
        Assert.Equal(justBefore, newYork.Plan(justBefore, justBefore, null).InvoiceAt);
    }

    [Fact]
    public void A_close_before_opening_is_invoiced_at_opening_the_same_day()
    {
        var closed = new DateTimeOffset(2026, 11, 24, 6, 45, 0, Est);

        InvoiceSchedule schedule = newYork.Plan(closed, closed, null);

        Assert.Equal(new DateTimeOffset(2026, 11, 24, 8, 0, 0, Est), schedule.InvoiceAt);
        Assert.Equal("Tuesday 2026-11-24 08:00 America/New_York (closed Tuesday 2026-11-24 06:45; before opening at 08:00)", schedule.Description);
    }

    [Fact]
    public void A_close_inside_the_window_is_invoiced_at_once()
    {
        var closed = new DateTimeOffset(2026, 11, 24, 10, 15, 42, Est);

        InvoiceSchedule schedule = newYork.Plan(closed, closed, null);

        Assert.Equal(closed, schedule.InvoiceAt);
        Assert.Equal(new DateOnly(2026, 11, 24), schedule.InvoiceDate);
        Assert.Equal("Tuesday 2026-11-24 10:15:42 America/New_York (closed Tuesday 2026-11-24 10:15:42; within invoicing hours)", schedule.Description);
    }

    [Fact]
    public void The_opening_itself_is_inside_the_window()
    {
        var opening = new DateTimeOffset(2026, 11, 24, 8, 0, 0, Est);

        InvoiceSchedule schedule = newYork.Plan(opening, opening, null);

        Assert.Equal(opening, schedule.InvoiceAt);
        Assert.EndsWith("within invoicing hours)", schedule.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_close_date_in_the_future_is_honoured()
    {
        var now = new DateTimeOffset(2026, 11, 23, 9, 0, 0, Est);
        var closed = new DateTimeOffset(2026, 11, 25, 11, 0, 0, Est);

        InvoiceSchedule schedule = newYork.Plan(closed, now, null);

        Assert.Equal(closed, schedule.InvoiceAt);
        Assert.Equal("Wednesday 2026-11-25 11:00 America/New_York (closed Wednesday 2026-11-25 11:00; close date not yet reached)", schedule.Description);
    }

    [Fact]
    public void A_future_close_date_on_a_weekend_waits_for_the_next_business_day_after_it()
    {
        var now = new DateTimeOffset(2026, 11, 23, 9, 0, 0, Est);
        var closed = new DateTimeOffset(2026, 11, 28, 9, 0, 0, Est);

        InvoiceSchedule schedule = newYork.Plan(closed, now, null);

        Assert.Equal(new DateTimeOffset(2026, 11, 30, 8, 0, 0, Est), schedule.InvoiceAt);
        Assert.EndsWith("(closed Saturday 2026-11-28 09:00; close date not yet reached; weekend)", schedule.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Now_later_than_the_close_date_is_honoured()
    {
        // Closed inside Friday's window, but the workflow only plans on Saturday: the next slot is Monday.
        var closed = new DateTimeOffset(2026, 11, 20, 10, 0, 0, Est);
        var now = new DateTimeOffset(2026, 11, 21, 10, 0, 0, Est);

        InvoiceSchedule schedule = newYork.Plan(closed, now, null);

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 8, 0, 0, Est), schedule.InvoiceAt);
        Assert.Equal(
            "Monday 2026-11-23 08:00 America/New_York (closed Friday 2026-11-20 10:00, planned Saturday 2026-11-21 10:00; weekend)",
            schedule.Description);
    }

    [Fact]
    public void Now_inside_the_window_after_an_earlier_close_is_invoiced_at_now()
    {
        var closed = new DateTimeOffset(2026, 11, 21, 10, 0, 0, Est);
        var now = new DateTimeOffset(2026, 11, 24, 9, 30, 0, Est);

        Assert.Equal(now, newYork.Plan(closed, now, null).InvoiceAt);
    }

    [Fact]
    public void A_holiday_after_a_late_close_is_named_with_the_cut_off()
    {
        var closed = new DateTimeOffset(2026, 11, 25, 18, 0, 0, Est);

        InvoiceSchedule schedule = newYork.Plan(closed, closed, null);

        Assert.Equal(new DateTimeOffset(2026, 11, 27, 8, 0, 0, Est), schedule.InvoiceAt);
        Assert.EndsWith("(closed Wednesday 2026-11-25 18:00; after the 17:00 cut-off; Thanksgiving Day on Thursday 2026-11-26)", schedule.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void An_observed_holiday_before_a_weekend_skips_all_three_days()
    {
        var closed = new DateTimeOffset(2026, 7, 2, 17, 30, 0, Edt);

        InvoiceSchedule schedule = newYork.Plan(closed, closed, null);

        Assert.Equal(new DateTimeOffset(2026, 7, 6, 8, 0, 0, Edt), schedule.InvoiceAt);
        Assert.EndsWith("after the 17:00 cut-off; Independence Day (observed) on Friday 2026-07-03; weekend)", schedule.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_close_on_a_holiday_names_the_holiday()
    {
        var closed = new DateTimeOffset(2026, 12, 28, 9, 0, 0, Gmt);

        InvoiceSchedule schedule = london.Plan(closed, closed, null);

        Assert.Equal(new DateTimeOffset(2026, 12, 29, 8, 0, 0, Gmt), schedule.InvoiceAt);
        Assert.EndsWith("(closed Monday 2026-12-28 09:00; Boxing Day (substitute day) on Monday 2026-12-28)", schedule.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Configured_weekend_days_and_hours_are_used()
    {
        BusinessCalendar calendar = NewYork(o =>
        {
            o.WeekendDays = "Fri, Sat";
            o.InvoicingStartsAt = "09:30:15";
            o.CutOffAt = "16:00";
        });
        var closed = new DateTimeOffset(2026, 11, 19, 16, 0, 0, Est);

        InvoiceSchedule schedule = calendar.Plan(closed, closed, null);

        Assert.Equal(new DateTimeOffset(2026, 11, 22, 9, 30, 15, Est), schedule.InvoiceAt);
        Assert.Equal(
            "Sunday 2026-11-22 09:30:15 America/New_York (closed Thursday 2026-11-19 16:00; after the 16:00 cut-off; weekend)",
            schedule.Description);
    }

    [Fact]
    public void A_weekday_in_a_year_the_holiday_file_does_not_cover_fails_naming_the_file_and_year()
    {
        var closed = new DateTimeOffset(2028, 12, 29, 18, 0, 0, Est);

        InvoicePlanningException ex = Assert.Throws<InvoicePlanningException>(() => newYork.Plan(closed, closed, null));

        Assert.Contains("us.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not 2029", ex.Message, StringComparison.Ordinal);
        Assert.Contains("2029-01-01", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_close_after_the_cut_off_on_the_last_day_before_the_covered_years_is_planned()
    {
        // 2025-12-31 is not covered, but its window is over: only 2026's days are judged.
        var closed = new DateTimeOffset(2025, 12, 31, 19, 0, 0, Est);

        InvoiceSchedule schedule = newYork.Plan(closed, closed, null);

        Assert.Equal(new DateTimeOffset(2026, 1, 2, 8, 0, 0, Est), schedule.InvoiceAt);
        Assert.EndsWith("(closed Wednesday 2025-12-31 19:00; after the 17:00 cut-off; New Year's Day on Thursday 2026-01-01)", schedule.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void The_last_covered_business_day_is_still_planned()
    {
        var closed = new DateTimeOffset(2028, 12, 29, 9, 0, 0, Est);

        Assert.Equal(closed, newYork.Plan(closed, closed, null).InvoiceAt);
    }

    [Fact]
    public void Every_planned_instant_is_the_first_business_window_instant_at_or_after_the_close()
    {
        // Property check over a year of closes every 37 minutes (so every minute of the day is visited).
        TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (DateTimeOffset closed = start; closed < start.AddDays(360); closed = closed.AddMinutes(37))
        {
            DateTimeOffset at = newYork.Plan(closed, closed, null).InvoiceAt;
            DateTime local = TimeZoneInfo.ConvertTime(at, zone).DateTime;
            DateOnly day = DateOnly.FromDateTime(local);

            Assert.True(at >= closed, $"{closed:O}: {at:O} is before the close");
            Assert.True(local.TimeOfDay >= TimeSpan.FromHours(8) && local.TimeOfDay < TimeSpan.FromHours(17), $"{closed:O}: {local:O} is outside 08:00-17:00");
            Assert.True(newYork.WhyClosed(day) is null, $"{closed:O}: {day} is not a business day");
            Assert.True(at == closed || local.TimeOfDay == TimeSpan.FromHours(8), $"{closed:O}: waited until {local:O}, not an opening");

            // No business window was skipped: every business day before the chosen one had closed before the deal did.
            DateTime closedLocal = TimeZoneInfo.ConvertTime(closed, zone).DateTime;
            for (DateOnly d = DateOnly.FromDateTime(closedLocal); d < day; d = d.AddDays(1))
            {
                bool windowPassed = d == DateOnly.FromDateTime(closedLocal) && closedLocal.TimeOfDay >= TimeSpan.FromHours(17);
                Assert.True(windowPassed || newYork.WhyClosed(d) is not null, $"{closed:O}: skipped business day {d}");
            }
        }
    }
}
