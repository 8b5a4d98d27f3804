namespace Integration.Activities.Calendar;

/// <summary>
/// The options checked and resolved into what the calendar computes with. One place holds the rules,
/// so start-up validation and the calendar itself cannot disagree about what a setting means.
/// </summary>
public sealed record BusinessCalendarSettings(
    TimeZoneInfo Zone,
    string TimeZoneId,
    IReadOnlySet<DayOfWeek> WeekendDays,
    TimeSpan InvoicingStartsAt,
    TimeSpan CutOffAt,
    HolidayList Holidays,
    int DefaultPaymentTermDays)
{
    private const string Prefix = BusinessCalendarOptions.Section + ":";

    /// <summary>The settings, or null with every failure, each naming the setting (and file and entry) to fix.</summary>
    public static BusinessCalendarSettings? Resolve(BusinessCalendarOptions options, out IReadOnlyList<string> failures)
    {
        ArgumentNullException.ThrowIfNull(options);
        var found = new List<string>();
        failures = found;

        TimeZoneInfo? zone = IanaTimeZone.Find(options.TimeZone, out string? zoneProblem);
        if (zone is null)
        {
            found.Add($"{Prefix}TimeZone {zoneProblem}.");
        }

        bool startOk = TimeOfDaySetting.TryParse(options.InvoicingStartsAt, out TimeSpan start) && start < TimeOfDaySetting.EndOfDay;
        if (!startOk)
        {
            found.Add($"{Prefix}InvoicingStartsAt '{options.InvoicingStartsAt}' is not a time of day in HH:mm or HH:mm:ss form from 00:00 to 23:59:59.");
        }

        bool cutOffOk = TimeOfDaySetting.TryParse(options.CutOffAt, out TimeSpan cutOff) && cutOff > TimeSpan.Zero;
        if (!cutOffOk)
        {
            found.Add($"{Prefix}CutOffAt '{options.CutOffAt}' is not a time of day in HH:mm or HH:mm:ss form from 00:00:01 to 24:00 (24:00 is the end of the day).");
        }

        if (startOk && cutOffOk && start >= cutOff)
        {
            found.Add($"{Prefix}InvoicingStartsAt ({TimeOfDaySetting.Format(start)}) must be earlier than {Prefix}CutOffAt ({TimeOfDaySetting.Format(cutOff)}).");
        }

        IReadOnlySet<DayOfWeek>? weekend = WeekendDaysSetting.Parse(options.WeekendDays, out string? weekendProblem);
        if (weekend is null)
        {
            found.Add($"{Prefix}WeekendDays {weekendProblem}.");
        }
        else if (weekend.Count == 7)
        {
            found.Add($"{Prefix}WeekendDays '{options.WeekendDays}' names all seven days; at least one day must be a business day.");
        }

        if (options.DefaultPaymentTermDays is < 0 or > PaymentTerms.MaxDays)
        {
            found.Add($"{Prefix}DefaultPaymentTermDays {options.DefaultPaymentTermDays} must be between 0 and {PaymentTerms.MaxDays}.");
        }

        HolidayList? holidays = ResolveHolidays(options, found);
        return found.Count == 0
            ? new BusinessCalendarSettings(zone!, options.TimeZone.Trim(), weekend!, start, cutOff, holidays!, options.DefaultPaymentTermDays)
            : null;
    }

    private static HolidayList? ResolveHolidays(BusinessCalendarOptions options, List<string> failures)
    {
        string region = options.Region?.Trim() ?? string.Empty;
        if (string.Equals(region, BusinessCalendarOptions.NoRegion, StringComparison.OrdinalIgnoreCase))
        {
            return HolidayList.None;
        }

        if (!HolidayFile.IsRegionName(region))
        {
            failures.Add($"{Prefix}Region '{options.Region}' is not a region name: letters, digits and hyphens naming a file in {Prefix}HolidaysDirectory (e.g. 'us', 'gb-eng'), or '{BusinessCalendarOptions.NoRegion}' for no holidays.");
            return null;
        }

        if (string.IsNullOrWhiteSpace(options.HolidaysDirectory))
        {
            failures.Add($"{Prefix}HolidaysDirectory is empty; it names the folder holding {region.ToLowerInvariant()}.json.");
            return null;
        }

        HolidayList? list = HolidayFile.Load(options.HolidaysDirectory, region, out IReadOnlyList<string> problems);
        failures.AddRange(problems.Select(p => $"{Prefix}Region '{region}': {p}"));
        return list;
    }
}
