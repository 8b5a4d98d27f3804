using Integration.Activities.Calendar;
using Integration.Orchestrations.DealToInvoice;
using Xunit;
using static Integration.Tests.Unit.Activities.Calendar.TestCalendars;

namespace Integration.Tests.Unit.Activities.Calendar;

/// <summary>
/// Windows follow the zone's rules across DST changes. 2026: New York springs forward on Sunday 8 March
/// (02:00 EST becomes 03:00 EDT, 07:00 UTC) and falls back on Sunday 1 November (02:00 EDT becomes 01:00 EST,
/// 06:00 UTC); London springs forward on Sunday 29 March (01:00 GMT becomes 02:00 BST, 01:00 UTC) and falls
/// back on Sunday 25 October (02:00 BST becomes 01:00 GMT, 01:00 UTC).
/// </summary>
public sealed class DaylightSavingTests
{
    [Fact]
    public void New_york_weekend_across_spring_forward_opens_monday_at_0800_daylight_time()
    {
        var closed = new DateTimeOffset(2026, 3, 6, 18, 0, 0, Est);

        InvoiceSchedule schedule = NewYork().Plan(closed, closed, null);

        Assert.Equal(new DateTimeOffset(2026, 3, 9, 12, 0, 0, TimeSpan.Zero), schedule.InvoiceAt);
        Assert.Equal(Edt, schedule.InvoiceAt.Offset);
        Assert.StartsWith("Monday 2026-03-09 08:00 America/New_York", schedule.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void New_york_window_start_skipped_by_spring_forward_moves_to_the_first_valid_time()
    {
        BusinessCalendar calendar = EveryDay("America/New_York", "02:30", "17:00");
        var closed = new DateTimeOffset(2026, 3, 8, 1, 0, 0, Est);

        InvoiceSchedule schedule = calendar.Plan(closed, closed, null);

        Assert.Equal(new DateTimeOffset(2026, 3, 8, 7, 0, 0, TimeSpan.Zero), schedule.InvoiceAt);
        Assert.Equal(new DateTimeOffset(2026, 3, 8, 3, 0, 0, Edt), schedule.InvoiceAt);
        Assert.Equal("Sunday 2026-03-08 03:00 America/New_York (closed Sunday 2026-03-08 01:00; before opening at 02:30)", schedule.Description);
    }

    [Fact]
    public void New_york_cut_off_skipped_by_spring_forward_closes_the_window_at_the_change()
    {
        BusinessCalendar calendar = EveryDay("America/New_York", "00:00", "02:30");
        var lastInside = new DateTimeOffset(2026, 3, 8, 6, 59, 59, TimeSpan.Zero); // 01:59:59 EST
        var atChange = new DateTimeOffset(2026, 3, 8, 7, 0, 0, TimeSpan.Zero);      // 03:00 EDT

        Assert.Equal(lastInside, calendar.Plan(lastInside, lastInside, null).InvoiceAt);
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 0, 0, 0, Edt), calendar.Plan(atChange, atChange, null).InvoiceAt);
    }

    [Fact]
    public void New_york_weekend_across_fall_back_opens_monday_at_0800_standard_time()
    {
        var closed = new DateTimeOffset(2026, 10, 30, 18, 0, 0, Edt);

        InvoiceSchedule schedule = NewYork().Plan(closed, closed, null);

        Assert.Equal(new DateTimeOffset(2026, 11, 2, 13, 0, 0, TimeSpan.Zero), schedule.InvoiceAt);
        Assert.Equal(Est, schedule.InvoiceAt.Offset);
    }

    [Fact]
    public void New_york_window_start_repeated_by_fall_back_is_its_first_occurrence()
    {
        BusinessCalendar calendar = EveryDay("America/New_York", "01:30", "17:00");
        var closed = new DateTimeOffset(2026, 11, 1, 0, 10, 0, Edt);

        InvoiceSchedule schedule = calendar.Plan(closed, closed, null);

        Assert.Equal(new DateTimeOffset(2026, 11, 1, 5, 30, 0, TimeSpan.Zero), schedule.InvoiceAt);
        Assert.Equal(Edt, schedule.InvoiceAt.Offset);
    }

    [Fact]
    public void New_york_cut_off_repeated_by_fall_back_is_its_first_occurrence()
    {
        BusinessCalendar calendar = EveryDay("America/New_York", "00:00", "01:30");
        var secondPass = new DateTimeOffset(2026, 11, 1, 1, 10, 0, Est); // after 01:30 EDT has passed

        InvoiceSchedule schedule = calendar.Plan(secondPass, secondPass, null);

        Assert.Equal(new DateTimeOffset(2026, 11, 2, 0, 0, 0, Est), schedule.InvoiceAt);
        Assert.Contains("after the 01:30 cut-off", schedule.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void London_weekend_across_spring_forward_opens_monday_at_0800_summer_time()
    {
        var closed = new DateTimeOffset(2026, 3, 27, 17, 30, 0, Gmt);

        InvoiceSchedule schedule = London().Plan(closed, closed, null);

        Assert.Equal(new DateTimeOffset(2026, 3, 30, 7, 0, 0, TimeSpan.Zero), schedule.InvoiceAt);
        Assert.Equal(Bst, schedule.InvoiceAt.Offset);
        Assert.Equal("Monday 2026-03-30 08:00 Europe/London (closed Friday 2026-03-27 17:30; after the 17:00 cut-off; weekend)", schedule.Description);
    }

    [Fact]
    public void London_window_start_skipped_by_spring_forward_moves_to_the_first_valid_time()
    {
        BusinessCalendar calendar = EveryDay("Europe/London", "01:30", "17:00");
        var closed = new DateTimeOffset(2026, 3, 29, 0, 30, 0, Gmt);

        InvoiceSchedule schedule = calendar.Plan(closed, closed, null);

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 2, 0, 0, Bst), schedule.InvoiceAt);
        Assert.Equal(new DateOnly(2026, 3, 29), schedule.InvoiceDate);
    }

    [Fact]
    public void London_weekend_across_fall_back_opens_monday_at_0800_greenwich_time()
    {
        var closed = new DateTimeOffset(2026, 10, 23, 18, 0, 0, Bst);

        InvoiceSchedule schedule = London().Plan(closed, closed, null);

        Assert.Equal(new DateTimeOffset(2026, 10, 26, 8, 0, 0, TimeSpan.Zero), schedule.InvoiceAt);
        Assert.Equal(Gmt, schedule.InvoiceAt.Offset);
    }

    [Fact]
    public void London_window_start_repeated_by_fall_back_is_its_first_occurrence()
    {
        BusinessCalendar calendar = EveryDay("Europe/London", "01:30", "17:00");
        var closed = new DateTimeOffset(2026, 10, 25, 0, 10, 0, Bst);

        InvoiceSchedule schedule = calendar.Plan(closed, closed, null);

        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), schedule.InvoiceAt);
        Assert.Equal(Bst, schedule.InvoiceAt.Offset);
    }

    [Fact]
    public void A_skipped_time_with_seconds_resolves_to_the_exact_transition()
    {
        TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

        DateTimeOffset instant = LocalTimes.ToInstant(new DateOnly(2026, 3, 8), new TimeSpan(2, 30, 30), zone);

        Assert.Equal(new DateTimeOffset(2026, 3, 8, 7, 0, 0, TimeSpan.Zero), instant);
        Assert.Equal(new DateTimeOffset(2026, 3, 8, 3, 0, 0, Edt).DateTime, instant.DateTime);
    }

    [Fact]
    public void The_end_of_day_is_the_next_local_midnight()
    {
        TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

        DateTimeOffset instant = LocalTimes.ToInstant(new DateOnly(2026, 3, 28), TimeOfDaySetting.EndOfDay, zone);

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 0, 0, 0, Gmt), instant);
    }

    private static BusinessCalendar EveryDay(string zone, string opens, string cutOff)
    {
        BusinessCalendarOptions options = AlwaysOpenOptions(zone);
        options.InvoicingStartsAt = opens;
        options.CutOffAt = cutOff;
        return BusinessCalendar.FromOptions(options);
    }
}
