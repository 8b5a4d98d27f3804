using Integration.Activities.Calendar;

namespace Integration.Activities.Connectors.BambooHr;

/// <summary>BambooHR connector settings (section "Connectors:BambooHr"): where the API is, the key, and how termination times are read.</summary>
public sealed class BambooHrOptions
{
    public const string Section = "Connectors:BambooHr";

    /// <summary>The company's API base, e.g. "https://acme.bamboohr.com/api/v1/"; "employees/{id}" is appended.</summary>
    public string BaseUrl { get; set; } = string.Empty;

    /// <summary>The API key, sent as the Basic auth user name (password "x").</summary>
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>The IANA time zone HR dates and times are in: a termination at 17:00 means 17:00 here.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>The time of day access ends on the termination date when the record has no time ("HH:mm" or "HH:mm:ss").</summary>
    public string DefaultTerminationTime { get; set; } = "17:00";

    /// <summary>The BambooHR field (alias) holding the termination time of day; BambooHR has no standard one, so it is usually a custom field.</summary>
    public string TerminationTimeField { get; set; } = "terminationTime";

    /// <summary>
    /// The zone <see cref="TimeZone"/> names, or null with the reason. "UTC" is always UTC, including on
    /// Windows where it is also a Windows zone id.
    /// </summary>
    public TimeZoneInfo? ResolveTimeZone(out string? problem)
    {
        if (string.Equals(TimeZone?.Trim(), "UTC", StringComparison.OrdinalIgnoreCase))
        {
            problem = null;
            return TimeZoneInfo.Utc;
        }

        return IanaTimeZone.Find(TimeZone, out problem);
    }
}
