using System.Globalization;
using System.Text.RegularExpressions;

namespace Integration.Activities.Calendar;

/// <summary>
/// Times of day in settings: "HH:mm" or "HH:mm:ss", and "24:00" for the end of the day. A TimeSpan
/// from local midnight, because TimeOnly cannot hold 24:00.
/// </summary>
public static partial class TimeOfDaySetting
{
    public static readonly TimeSpan EndOfDay = TimeSpan.FromHours(24);

    /// <summary>Parses a time of day from 00:00 to 24:00 inclusive; false for anything else.</summary>
    public static bool TryParse(string? value, out TimeSpan timeOfDay)
    {
        timeOfDay = default;
        Match m = value is null ? Match.Empty : Pattern().Match(value.Trim());
        if (!m.Success)
        {
            return false;
        }

        int hours = int.Parse(m.Groups["h"].Value, NumberStyles.None, CultureInfo.InvariantCulture);
        int minutes = int.Parse(m.Groups["m"].Value, NumberStyles.None, CultureInfo.InvariantCulture);
        int seconds = m.Groups["s"].Success ? int.Parse(m.Groups["s"].Value, NumberStyles.None, CultureInfo.InvariantCulture) : 0;
        if (minutes > 59 || seconds > 59 || hours > 24 || (hours == 24 && (minutes != 0 || seconds != 0)))
        {
            return false;
        }

        timeOfDay = new TimeSpan(hours, minutes, seconds);
        return true;
    }

    /// <summary>"08:00", "17:30:15", "24:00": seconds only when there are some.</summary>
    public static string Format(TimeSpan timeOfDay)
    {
        int hours = (int)timeOfDay.TotalHours;
        return timeOfDay.Seconds == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{hours:00}:{timeOfDay.Minutes:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{hours:00}:{timeOfDay.Minutes:00}:{timeOfDay.Seconds:00}");
    }

    [GeneratedRegex(@"^(?<h>[0-9]{2}):(?<m>[0-9]{2})(:(?<s>[0-9]{2}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
