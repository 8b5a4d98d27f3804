namespace Integration.Activities.Calendar;

/// <summary>
/// The WeekendDays setting: English day names or their three-letter abbreviations separated by commas,
/// semicolons or spaces, or "none" for a calendar without weekend days.
/// </summary>
public static class WeekendDaysSetting
{
    /// <summary>The setting value for no weekend days; an empty string is refused so a blanked setting is not silently "open every day".</summary>
    public const string None = "none";

    private static readonly Dictionary<string, DayOfWeek> Names = Enum.GetValues<DayOfWeek>()
        .SelectMany(d => new[] { (Name: d.ToString(), Day: d), (Name: d.ToString()[..3], Day: d) })
        .ToDictionary(x => x.Name, x => x.Day, StringComparer.OrdinalIgnoreCase);

    /// <summary>The days, or null with <paramref name="problem"/> saying what is wrong.</summary>
    public static IReadOnlySet<DayOfWeek>? Parse(string? value, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            problem = $"is empty; write '{None}' for a calendar without weekend days, or day names such as 'Saturday,Sunday'";
            return null;
        }

        if (string.Equals(value.Trim(), None, StringComparison.OrdinalIgnoreCase))
        {
            return new HashSet<DayOfWeek>();
        }

        var days = new HashSet<DayOfWeek>();
        foreach (string name in value.Split([',', ';', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Names.TryGetValue(name, out DayOfWeek day))
            {
                problem = $"'{value}': '{name}' is not a day of the week (use English day names such as 'Saturday' or 'Sat', or '{None}')";
                return null;
            }

            days.Add(day);
        }

        return days;
    }
}
