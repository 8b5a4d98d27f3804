using Integration.Activities.Calendar;

namespace Integration.Tests.Unit.Activities.Calendar;

/// <summary>Calendars built from options the way the hosts build them, reading the shipped holiday files from the test output.</summary>
internal static class TestCalendars
{
    public static readonly TimeSpan Est = TimeSpan.FromHours(-5);
    public static readonly TimeSpan Edt = TimeSpan.FromHours(-4);
    public static readonly TimeSpan Gmt = TimeSpan.Zero;
    public static readonly TimeSpan Bst = TimeSpan.FromHours(1);

    /// <summary>The defaults: America/New_York, US federal holidays, Saturday and Sunday, 08:00 to 17:00, net 30.</summary>
    public static BusinessCalendar NewYork(Action<BusinessCalendarOptions>? change = null) => Build(new BusinessCalendarOptions(), change);

    public static BusinessCalendar London(Action<BusinessCalendarOptions>? change = null) =>
        Build(new BusinessCalendarOptions { TimeZone = "Europe/London", Region = "gb-eng" }, change);

    /// <summary>No weekend days, no holidays, open 00:00 to 24:00: every instant may be invoiced at once.</summary>
    public static BusinessCalendar AlwaysOpen(string timeZone) => Build(AlwaysOpenOptions(timeZone), null);

    public static BusinessCalendarOptions AlwaysOpenOptions(string timeZone) => new()
    {
        TimeZone = timeZone,
        Region = "none",
        WeekendDays = "none",
        InvoicingStartsAt = "00:00",
        CutOffAt = "24:00",
    };

    private static BusinessCalendar Build(BusinessCalendarOptions options, Action<BusinessCalendarOptions>? change)
    {
        change?.Invoke(options);
        return BusinessCalendar.FromOptions(options);
    }
}
