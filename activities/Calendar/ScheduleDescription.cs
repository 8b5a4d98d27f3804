using System.Globalization;

namespace Integration.Activities.Calendar;

/// <summary>
/// The sentence the workflow shows as "waiting until …", e.g.
/// "Monday 2026-11-30 08:00 Europe/London (closed Saturday 2026-11-28 14:10; weekend)".
/// </summary>
public static class ScheduleDescription
{
    public static string Format(
        DateTimeOffset invoiceAt, DateTimeOffset closedAt, DateTimeOffset now, TimeZoneInfo zone, string timeZoneId, IReadOnlyList<string> reasons)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        string closed = Local(closedAt, zone);
        string planned = Local(now, zone);
        string when = now > closedAt && planned != closed ? $"closed {closed}, planned {planned}" : $"closed {closed}";
        string why = reasons.Count == 0 ? "within invoicing hours" : string.Join("; ", reasons);
        return $"{Local(invoiceAt, zone)} {timeZoneId} ({when}; {why})";
    }

    /// <summary>"Monday 2026-11-30 08:00" in the zone; seconds only when there are some.</summary>
    public static string Local(DateTimeOffset instant, TimeZoneInfo zone)
    {
        DateTime local = TimeZoneInfo.ConvertTime(instant, zone).DateTime;
        string format = local.Second == 0 ? "dddd yyyy-MM-dd HH:mm" : "dddd yyyy-MM-dd HH:mm:ss";
        return local.ToString(format, CultureInfo.InvariantCulture);
    }
}
