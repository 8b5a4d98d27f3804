using Integration.Activities.Calendar;
using Microsoft.Extensions.Options;
using Xunit;

namespace Integration.Tests.Unit.Activities.Calendar;

/// <summary>Start-up validation of the calendar settings: each failure names the setting to fix.</summary>
public sealed class BusinessCalendarOptionsValidatorTests
{
    private readonly BusinessCalendarOptionsValidator validator = new();

    [Fact]
    public void The_defaults_pass_with_the_shipped_us_holidays()
    {
        ValidateOptionsResult result = validator.Validate(null, new BusinessCalendarOptions());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("Europe/London", "gb-eng", "Saturday,Sunday", "08:00", "17:00")]
    [InlineData("UTC", "none", "none", "00:00", "24:00")]
    [InlineData("Asia/Kolkata", "NONE", "Fri;Sat", "08:00:30", "23:59:59")]
    [InlineData(" America/New_York ", "US", "sunday", "00:00:00", "24:00:00")]
    public void Valid_variants_pass(string zone, string region, string weekend, string opens, string cutOff)
    {
        var options = new BusinessCalendarOptions { TimeZone = zone, Region = region, WeekendDays = weekend, InvoicingStartsAt = opens, CutOffAt = cutOff };

        ValidateOptionsResult result = validator.Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Region_none_needs_no_holidays_directory()
    {
        var options = new BusinessCalendarOptions { Region = "none", HolidaysDirectory = "" };

        Assert.True(validator.Validate(null, options).Succeeded);
    }

    [Fact]
    public void An_unknown_time_zone_fails_naming_it()
    {
        string failure = SingleFailure(new BusinessCalendarOptions { TimeZone = "Mars/Olympus" });

        Assert.Equal("BusinessCalendar:TimeZone 'Mars/Olympus' is not a known IANA time zone id (e.g. 'America/New_York', 'Europe/London').", failure);
    }

    [Fact]
    public void A_windows_time_zone_id_fails_suggesting_the_iana_id()
    {
        string failure = SingleFailure(new BusinessCalendarOptions { TimeZone = "Eastern Standard Time" });

        Assert.Equal("BusinessCalendar:TimeZone 'Eastern Standard Time' is a Windows time zone id; use the IANA id 'America/New_York'.", failure);
    }

    [Fact]
    public void An_empty_time_zone_fails()
    {
        string failure = SingleFailure(new BusinessCalendarOptions { TimeZone = " " });

        Assert.StartsWith("BusinessCalendar:TimeZone is empty", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("8am")]
    [InlineData("8:00")]
    [InlineData("24:00")]
    [InlineData("25:00")]
    [InlineData("08:60")]
    [InlineData("08:00:60")]
    [InlineData("")]
    public void A_bad_opening_time_fails_naming_it(string opens)
    {
        string failure = SingleFailure(new BusinessCalendarOptions { InvoicingStartsAt = opens });

        Assert.Equal($"BusinessCalendar:InvoicingStartsAt '{opens}' is not a time of day in HH:mm or HH:mm:ss form from 00:00 to 23:59:59.", failure);
    }

    [Theory]
    [InlineData("00:00")]
    [InlineData("24:01")]
    [InlineData("24:00:01")]
    [InlineData("17")]
    public void A_bad_cut_off_fails_naming_it(string cutOff)
    {
        string failure = SingleFailure(new BusinessCalendarOptions { CutOffAt = cutOff });

        Assert.Equal($"BusinessCalendar:CutOffAt '{cutOff}' is not a time of day in HH:mm or HH:mm:ss form from 00:00:01 to 24:00 (24:00 is the end of the day).", failure);
    }

    [Theory]
    [InlineData("17:00", "08:00")]
    [InlineData("08:00", "08:00")]
    [InlineData("08:00:01", "08:00")]
    public void An_opening_not_before_the_cut_off_fails_naming_both(string opens, string cutOff)
    {
        string failure = SingleFailure(new BusinessCalendarOptions { InvoicingStartsAt = opens, CutOffAt = cutOff });

        Assert.Equal($"BusinessCalendar:InvoicingStartsAt ({opens}) must be earlier than BusinessCalendar:CutOffAt ({cutOff}).", failure);
    }

    [Fact]
    public void An_unknown_weekend_day_fails_naming_it()
    {
        string failure = SingleFailure(new BusinessCalendarOptions { WeekendDays = "Sat,Funday" });

        Assert.StartsWith("BusinessCalendar:WeekendDays 'Sat,Funday': 'Funday' is not a day of the week", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Numbers_are_not_weekend_days()
    {
        string failure = SingleFailure(new BusinessCalendarOptions { WeekendDays = "6,0" });

        Assert.Contains("'6' is not a day of the week", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_weekend_days_fail_pointing_at_none()
    {
        string failure = SingleFailure(new BusinessCalendarOptions { WeekendDays = "" });

        Assert.Equal("BusinessCalendar:WeekendDays is empty; write 'none' for a calendar without weekend days, or day names such as 'Saturday,Sunday'.", failure);
    }

    [Fact]
    public void Every_day_a_weekend_day_fails()
    {
        string failure = SingleFailure(new BusinessCalendarOptions { WeekendDays = "Mon,Tue,Wed,Thu,Fri,Sat,Sun" });

        Assert.Equal("BusinessCalendar:WeekendDays 'Mon,Tue,Wed,Thu,Fri,Sat,Sun' names all seven days; at least one day must be a business day.", failure);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(366)]
    public void A_default_payment_term_out_of_range_fails(int days)
    {
        string failure = SingleFailure(new BusinessCalendarOptions { DefaultPaymentTermDays = days });

        Assert.Equal($"BusinessCalendar:DefaultPaymentTermDays {days} must be between 0 and 365.", failure);
    }

    [Theory]
    [InlineData("")]
    [InlineData("../us")]
    [InlineData("us/")]
    [InlineData("gb--eng")]
    public void A_region_that_is_not_a_file_name_fails(string region)
    {
        string failure = SingleFailure(new BusinessCalendarOptions { Region = region });

        Assert.StartsWith($"BusinessCalendar:Region '{region}' is not a region name", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_holidays_directory_fails()
    {
        string failure = SingleFailure(new BusinessCalendarOptions { HolidaysDirectory = "" });

        Assert.Equal("BusinessCalendar:HolidaysDirectory is empty; it names the folder holding us.json.", failure);
    }

    [Fact]
    public void A_region_without_a_file_fails_naming_the_file()
    {
        using var folder = new HolidayFolder();

        string failure = SingleFailure(folder.Options("fr"));

        Assert.Equal($"BusinessCalendar:Region 'fr': holiday file '{folder.PathOf("fr")}' does not exist.", failure);
    }

    [Fact]
    public void A_relative_directory_is_resolved_against_the_application_folder()
    {
        string failure = SingleFailure(new BusinessCalendarOptions { HolidaysDirectory = "no-such-folder" });

        Assert.Contains(Path.Combine(AppContext.BaseDirectory, "no-such-folder", "us.json"), failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_json_fails_naming_the_file()
    {
        using var folder = new HolidayFolder();
        folder.Write("us", "{ \"region\": \"us\", ");

        string failure = SingleFailure(folder.Options("us"));

        Assert.StartsWith($"BusinessCalendar:Region 'us': holiday file '{folder.PathOf("us")}' is not valid JSON: ", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_an_object_fails()
    {
        using var folder = new HolidayFolder();
        folder.Write("us", "[]");

        Assert.Contains("must hold a JSON object", SingleFailure(folder.Options("us")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_for_another_region_fails()
    {
        using var folder = new HolidayFolder();
        folder.Write("us", File("gb-eng", "[2026]", Entry("2026-12-25", "Christmas Day")));

        string failure = SingleFailure(folder.Options("us"));

        Assert.Equal($"BusinessCalendar:Region 'us': holiday file '{folder.PathOf("us")}': \"region\" is 'gb-eng' but the file is read for region 'us'.", failure);
    }

    [Fact]
    public void A_bad_date_fails_naming_the_entry()
    {
        using var folder = new HolidayFolder();
        folder.Write("us", File("us", "[2026]", Entry("2026-01-01", "New Year's Day"), Entry("2026-02-30", "Nonsense Day")));

        string failure = SingleFailure(folder.Options("us"));

        Assert.Equal($"BusinessCalendar:Region 'us': holiday file '{folder.PathOf("us")}': holidays entry 2 ('Nonsense Day'): date '2026-02-30' is not a date in yyyy-MM-dd form.", failure);
    }

    [Theory]
    [InlineData("26-12-25")]
    [InlineData("2026-12-25T00:00:00")]
    [InlineData("12/25/2026")]
    public void Dates_in_other_forms_fail(string date)
    {
        using var folder = new HolidayFolder();
        folder.Write("us", File("us", "[2026]", Entry("2026-01-01", "New Year's Day"), Entry(date, "Christmas Day")));

        Assert.Contains($"date '{date}' is not a date in yyyy-MM-dd form", SingleFailure(folder.Options("us")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_date_fails_naming_both_entries()
    {
        using var folder = new HolidayFolder();
        folder.Write("us", File("us", "[2026]", Entry("2026-12-25", "Christmas Day"), Entry("2026-12-25", "Christmas again")));

        string failure = SingleFailure(folder.Options("us"));

        Assert.EndsWith("holidays entry 2 (2026-12-25 'Christmas again'): date 2026-12-25 is already listed as entry 1 ('Christmas Day').", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_date_outside_the_years_fails_naming_the_entry_and_the_years()
    {
        using var folder = new HolidayFolder();
        folder.Write("us", File("us", "[2026, 2027]", Entry("2026-12-25", "Christmas Day"), Entry("2027-12-24", "Christmas Day (observed)"), Entry("2029-01-01", "New Year's Day")));

        string failure = SingleFailure(folder.Options("us"));

        Assert.EndsWith("holidays entry 3 (2029-01-01 'New Year's Day'): year 2029 is not one of the file's \"years\" (2026, 2027).", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_year_without_holidays_fails()
    {
        using var folder = new HolidayFolder();
        folder.Write("us", File("us", "[2026, 2027]", Entry("2026-12-25", "Christmas Day")));

        string failure = SingleFailure(folder.Options("us"));

        Assert.EndsWith(": year 2027 is listed in \"years\" but has no holidays.", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("null")]
    public void Missing_years_fail(string years)
    {
        using var folder = new HolidayFolder();
        folder.Write("us", File("us", years, Entry("2026-12-25", "Christmas Day")));

        Assert.EndsWith("\"years\" is missing or empty; list the years the file covers, e.g. [2026, 2027].", SingleFailure(folder.Options("us")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[2026, 2026]", "year 2026 is listed twice in \"years\".")]
    [InlineData("[2026, \"2027\"]", "\"years\" entry \"2027\" is not a year between 1900 and 9998.")]
    [InlineData("[2026, 20270]", "\"years\" entry 20270 is not a year between 1900 and 9998.")]
    public void Bad_years_fail_naming_the_year(string years, string expected)
    {
        using var folder = new HolidayFolder();
        folder.Write("us", File("us", years, Entry("2026-12-25", "Christmas Day")));

        Assert.EndsWith(expected, SingleFailure(folder.Options("us")), StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_without_a_name_fails()
    {
        using var folder = new HolidayFolder();
        folder.Write("us", File("us", "[2026]", Entry("2026-12-25", "Christmas Day"), "{ \"date\": \"2026-12-31\" }"));

        Assert.EndsWith("holidays entry 2 (2026-12-31) has no \"name\".", SingleFailure(folder.Options("us")), StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_without_a_date_fails()
    {
        using var folder = new HolidayFolder();
        folder.Write("us", File("us", "[2026]", Entry("2026-12-25", "Christmas Day"), "{ \"name\": \"Some Day\" }"));

        Assert.EndsWith("holidays entry 2 ('Some Day') has no \"date\".", SingleFailure(folder.Options("us")), StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_holidays_fail()
    {
        using var folder = new HolidayFolder();
        folder.Write("us", "{ \"region\": \"us\", \"years\": [2026] }");

        string[] failures = Failures(folder.Options("us"));

        Assert.Contains(failures, f => f.Contains("\"holidays\" is missing or not an array", StringComparison.Ordinal));
    }

    [Fact]
    public void Several_problems_are_all_reported()
    {
        using var folder = new HolidayFolder();
        folder.Write("us", File("us", "[2026]", Entry("2026-13-01", "A"), Entry("2026-12-25", "B"), Entry("2026-12-25", "C")));
        BusinessCalendarOptions options = folder.Options("us");
        options.TimeZone = "Nowhere/Special";

        string[] failures = Failures(options);

        Assert.Equal(3, failures.Length);
        Assert.Contains(failures, f => f.StartsWith("BusinessCalendar:TimeZone", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("entry 1", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("entry 3", StringComparison.Ordinal));
    }

    [Fact]
    public void Comments_in_a_holiday_file_are_allowed()
    {
        using var folder = new HolidayFolder();
        folder.Write("xx", "// test region\n" + File("xx", "[2026]", Entry("2026-12-25", "Christmas Day")));

        Assert.True(validator.Validate(null, folder.Options("xx")).Succeeded);
    }

    [Fact]
    public void Building_a_calendar_from_invalid_options_fails_with_every_message()
    {
        var options = new BusinessCalendarOptions { TimeZone = "Mars/Olympus", CutOffAt = "99:00" };

        InvalidOperationException ex = Assert.Throws<InvalidOperationException>(() => BusinessCalendar.FromOptions(options));

        Assert.Contains("BusinessCalendar:TimeZone 'Mars/Olympus'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("BusinessCalendar:CutOffAt '99:00'", ex.Message, StringComparison.Ordinal);
    }

    private static string File(string region, string years, params string[] entries) =>
        $"{{ \"region\": \"{region}\", \"years\": {years}, \"holidays\": [ {string.Join(", ", entries)} ] }}";

    private static string Entry(string date, string name) => $"{{ \"date\": \"{date}\", \"name\": \"{name}\" }}";

    private string SingleFailure(BusinessCalendarOptions options) => Assert.Single(Failures(options));

    private string[] Failures(BusinessCalendarOptions options)
    {
        ValidateOptionsResult result = validator.Validate(null, options);
        Assert.True(result.Failed, "expected the options to fail validation");
        return result.Failures!.ToArray();
    }

    /// <summary>A temporary holiday folder, removed after the test.</summary>
    private sealed class HolidayFolder : IDisposable
    {
        private readonly string path = Directory.CreateTempSubdirectory("holidays-").FullName;

        public BusinessCalendarOptions Options(string region) => new() { Region = region, HolidaysDirectory = path };

        public string PathOf(string region) => Path.Combine(path, region + ".json");

        public void Write(string region, string json) => System.IO.File.WriteAllText(PathOf(region), json);

        public void Dispose() => Directory.Delete(path, recursive: true);
    }
}
