namespace Integration.Activities.Calendar;

/// <summary>
/// The business calendar (section "BusinessCalendar"): when invoices may be created and the default
/// payment terms. Strings, not typed values, so a bad setting reaches the validator and stops start-up
/// with a message naming it instead of failing inside the configuration binder.
/// </summary>
public sealed class BusinessCalendarOptions
{
    public const string Section = "BusinessCalendar";

    /// <summary>The region that means "no public holidays" (tests, benchmarks); no holiday file is read.</summary>
    public const string NoRegion = "none";

    /// <summary>The company's time zone as an IANA id, e.g. "America/New_York" or "Europe/London".</summary>
    public string TimeZone { get; set; } = "America/New_York";

    /// <summary>Holiday region: the file "{Region}.json" in <see cref="HolidaysDirectory"/>, or "none".</summary>
    public string Region { get; set; } = "us";

    /// <summary>
    /// Day names separated by commas (e.g. "Saturday,Sunday" or "Fri, Sat"), or "none" for no weekend
    /// days. A string because an empty array cannot be expressed through IConfiguration; a JSON array of
    /// names is also accepted (AddBusinessCalendar joins it).
    /// </summary>
    public string WeekendDays { get; set; } = "Saturday,Sunday";

    /// <summary>Local time the invoicing window opens on a business day, "HH:mm" or "HH:mm:ss".</summary>
    public string InvoicingStartsAt { get; set; } = "08:00";

    /// <summary>Local time the window closes (exclusive), "HH:mm" or "HH:mm:ss"; "24:00" is the end of the day.</summary>
    public string CutOffAt { get; set; } = "17:00";

    /// <summary>Folder of holiday files; relative paths are resolved against AppContext.BaseDirectory.</summary>
    public string HolidaysDirectory { get; set; } = "config/holidays";

    /// <summary>
    /// Settings (configuration keys) for a calendar that is open every instant: no weekend, no holidays,
    /// 00:00-24:00. Tests and benchmarks use it so results do not depend on the day they run.
    /// </summary>
    public static IReadOnlyDictionary<string, string> AlwaysOpen { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [$"{Section}:Region"] = NoRegion,
        [$"{Section}:WeekendDays"] = "none",
        [$"{Section}:InvoicingStartsAt"] = "00:00",
        [$"{Section}:CutOffAt"] = "24:00",
    };

    /// <summary>Payment-term days when the deal names none.</summary>
    public int DefaultPaymentTermDays { get; set; } = 30;
}
