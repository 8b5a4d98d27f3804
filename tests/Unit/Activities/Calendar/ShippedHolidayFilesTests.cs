using Integration.Activities.Calendar;
using Xunit;

namespace Integration.Tests.Unit.Activities.Calendar;

/// <summary>
/// The holiday files shipped in config/holidays load, and their dates agree with the statutory rules
/// computed here independently (nth weekday, Easter, weekend moves), so a typo in a file fails a test.
/// </summary>
public sealed class ShippedHolidayFilesTests
{
    private static readonly int[] Years = [2026, 2027, 2028];

    [Fact]
    public void The_us_file_loads_and_has_thanksgiving_2026()
    {
        HolidayList us = Load("us");

        Assert.Equal(Years, us.Years);
        Assert.Equal("Thanksgiving Day", us.NameOn(new DateOnly(2026, 11, 26)));
        Assert.Null(us.NameOn(new DateOnly(2026, 11, 27)));
    }

    [Fact]
    public void The_england_file_loads_and_has_the_2026_boxing_day_substitute()
    {
        HolidayList england = Load("gb-eng");

        Assert.Equal(Years, england.Years);
        Assert.Equal("Boxing Day (substitute day)", england.NameOn(new DateOnly(2026, 12, 28)));
        Assert.Equal("Christmas Day", england.NameOn(new DateOnly(2026, 12, 25)));
        Assert.Null(england.NameOn(new DateOnly(2026, 12, 26)));
    }

    [Fact]
    public void The_us_file_lists_exactly_the_federal_holidays_by_rule()
    {
        var expected = new SortedDictionary<DateOnly, string>();
        foreach (int year in Years.Append(Years[^1] + 1))
        {
            Add(expected, Observed(new DateOnly(year, 1, 1)), "New Year's Day");
            Add(expected, Nth(year, 1, DayOfWeek.Monday, 3), "Birthday of Martin Luther King, Jr.");
            Add(expected, Nth(year, 2, DayOfWeek.Monday, 3), "Washington's Birthday");
            Add(expected, Last(year, 5, DayOfWeek.Monday), "Memorial Day");
            Add(expected, Observed(new DateOnly(year, 6, 19)), "Juneteenth National Independence Day");
            Add(expected, Observed(new DateOnly(year, 7, 4)), "Independence Day");
            Add(expected, Nth(year, 9, DayOfWeek.Monday, 1), "Labor Day");
            Add(expected, Nth(year, 10, DayOfWeek.Monday, 2), "Columbus Day");
            Add(expected, Observed(new DateOnly(year, 11, 11)), "Veterans Day");
            Add(expected, Nth(year, 11, DayOfWeek.Thursday, 4), "Thanksgiving Day");
            Add(expected, Observed(new DateOnly(year, 12, 25)), "Christmas Day");
        }

        AssertSameHolidays(expected, Load("us"));
    }

    [Fact]
    public void The_england_file_lists_exactly_the_bank_holidays_by_rule()
    {
        var expected = new SortedDictionary<DateOnly, string>();
        foreach (int year in Years)
        {
            DateOnly easter = EasterSunday(year);
            Add(expected, Substitute(new DateOnly(year, 1, 1), expected), "New Year's Day");
            Add(expected, easter.AddDays(-2), "Good Friday");
            Add(expected, easter.AddDays(1), "Easter Monday");
            Add(expected, Nth(year, 5, DayOfWeek.Monday, 1), "Early May bank holiday");
            Add(expected, Last(year, 5, DayOfWeek.Monday), "Spring bank holiday");
            Add(expected, Last(year, 8, DayOfWeek.Monday), "Summer bank holiday");
            Add(expected, Substitute(new DateOnly(year, 12, 25), expected), "Christmas Day");
            Add(expected, Substitute(new DateOnly(year, 12, 26), expected), "Boxing Day");
        }

        AssertSameHolidays(expected, Load("gb-eng"));
    }

    [Fact]
    public void The_easter_computation_matches_known_dates()
    {
        // Guards the rule check above: Easter Sunday 2024-03-31, 2025-04-20, 2026-04-05.
        Assert.Equal(new DateOnly(2024, 3, 31), EasterSunday(2024));
        Assert.Equal(new DateOnly(2025, 4, 20), EasterSunday(2025));
        Assert.Equal(new DateOnly(2026, 4, 5), EasterSunday(2026));
    }

    private static HolidayList Load(string region)
    {
        HolidayList? list = HolidayFile.Load("config/holidays", region, out IReadOnlyList<string> problems);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        return Assert.IsType<HolidayList>(list);
    }

    /// <summary>Same dates, and each name starts with the rule's name (files add "(observed)" and similar).</summary>
    private static void AssertSameHolidays(SortedDictionary<DateOnly, string> byRule, HolidayList file)
    {
        var inRange = byRule.Where(h => file.Covers(h.Key.Year)).ToDictionary(h => h.Key, h => h.Value);
        Assert.Equal(inRange.Keys.Order(), file.Holidays.Keys.Order());
        foreach ((DateOnly date, string name) in inRange)
        {
            Assert.True(file.Holidays[date].StartsWith(name, StringComparison.Ordinal), $"{date}: file says '{file.Holidays[date]}', rule says '{name}'");
        }
    }

    private static void Add(SortedDictionary<DateOnly, string> holidays, DateOnly date, string name) => holidays.Add(date, name);

    private static bool IsWeekend(DateOnly d) => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    /// <summary>US federal rule: Saturday moves to Friday, Sunday to Monday.</summary>
    private static DateOnly Observed(DateOnly d) => d.DayOfWeek switch
    {
        DayOfWeek.Saturday => d.AddDays(-1),
        DayOfWeek.Sunday => d.AddDays(1),
        _ => d,
    };

    /// <summary>England and Wales: a weekend holiday moves to the next weekday that is not already a holiday.</summary>
    private static DateOnly Substitute(DateOnly d, SortedDictionary<DateOnly, string> taken)
    {
        while (IsWeekend(d) || taken.ContainsKey(d))
        {
            d = d.AddDays(1);
        }

        return d;
    }

    private static DateOnly Nth(int year, int month, DayOfWeek day, int n)
    {
        var first = new DateOnly(year, month, 1);
        return first.AddDays((((int)day - (int)first.DayOfWeek + 7) % 7) + (7 * (n - 1)));
    }

    private static DateOnly Last(int year, int month, DayOfWeek day)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        return last.AddDays(-(((int)last.DayOfWeek - (int)day + 7) % 7));
    }

    /// <summary>Western Easter Sunday (anonymous Gregorian algorithm).</summary>
    private static DateOnly EasterSunday(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
        int f = (b + 8) / 25, g = (b - f + 1) / 3, h = ((19 * a) + b - d - g + 15) % 30;
        int i = c / 4, k = c % 4, l = (32 + (2 * e) + (2 * i) - h - k) % 7, m = (a + (11 * h) + (22 * l)) / 451;
        int month = (h + l - (7 * m) + 114) / 31, day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }
}
