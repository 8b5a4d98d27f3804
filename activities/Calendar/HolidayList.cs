using System.Globalization;

namespace Integration.Activities.Calendar;

/// <summary>
/// A region's public holidays and the years the list covers. A date in a year it does not cover cannot
/// be judged, so asking about one is an error rather than a silent "not a holiday".
/// </summary>
public sealed class HolidayList
{
    private readonly Dictionary<DateOnly, string> holidays;
    private readonly HashSet<int>? years;

    public HolidayList(string region, string source, IReadOnlyDictionary<DateOnly, string> holidays, IEnumerable<int>? years)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        Region = region;
        Source = source;
        this.holidays = new Dictionary<DateOnly, string>(holidays);
        this.years = years is null ? null : [.. years];
    }

    /// <summary>Region "none": no holidays in any year (the always-open calendar of tests and benchmarks).</summary>
    public static HolidayList None { get; } = new(BusinessCalendarOptions.NoRegion, "no holiday file", new Dictionary<DateOnly, string>(), null);

    public string Region { get; }

    /// <summary>Where the list came from (the file's full path), for messages.</summary>
    public string Source { get; }

    public IReadOnlyDictionary<DateOnly, string> Holidays => holidays;

    /// <summary>The years covered, ascending; empty means every year.</summary>
    public IReadOnlyList<int> Years => years is null ? [] : [.. years.Order()];

    public bool Covers(int year) => years is null || years.Contains(year);

    /// <summary>The holiday's name on <paramref name="date"/>, or null when it is not a holiday.</summary>
    /// <exception cref="InvoicePlanningException">The list does not cover the date's year.</exception>
    public string? NameOn(DateOnly date)
    {
        if (!Covers(date.Year))
        {
            throw new InvoicePlanningException(string.Create(
                CultureInfo.InvariantCulture,
                $"The holidays of region '{Region}' ({Source}) cover {string.Join(", ", Years)}, not {date.Year}: add {date.Year}'s holidays to plan an invoice for {date:yyyy-MM-dd}."));
        }

        return holidays.GetValueOrDefault(date);
    }
}
