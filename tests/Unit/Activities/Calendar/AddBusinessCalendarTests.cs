using System.Text;
using Integration.Activities.Calendar;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace Integration.Tests.Unit.Activities.Calendar;

/// <summary>AddBusinessCalendar: binding from every configuration form the hosts use, and refusing to start when invalid.</summary>
public sealed class AddBusinessCalendarTests
{
    [Fact]
    public void With_no_settings_the_calendar_uses_the_defaults()
    {
        BusinessCalendarSettings settings = Resolve(new ConfigurationBuilder().Build()).Settings;

        Assert.Equal("America/New_York", settings.TimeZoneId);
        Assert.Equal("us", settings.Holidays.Region);
        Assert.Equal([DayOfWeek.Sunday, DayOfWeek.Saturday], settings.WeekendDays.Order());
        Assert.Equal(TimeSpan.FromHours(8), settings.InvoicingStartsAt);
        Assert.Equal(TimeSpan.FromHours(17), settings.CutOffAt);
        Assert.Equal(30, settings.DefaultPaymentTermDays);
    }

    [Fact]
    public void The_always_open_calendar_is_configured_through_environment_variables()
    {
        string prefix = $"CALTEST{Guid.NewGuid():N}_";
        var variables = new Dictionary<string, string>
        {
            ["BusinessCalendar__TimeZone"] = "UTC",
            ["BusinessCalendar__Region"] = "none",
            ["BusinessCalendar__WeekendDays"] = "none",
            ["BusinessCalendar__InvoicingStartsAt"] = "00:00",
            ["BusinessCalendar__CutOffAt"] = "24:00",
        };
        try
        {
            foreach ((string name, string value) in variables)
            {
                Environment.SetEnvironmentVariable(prefix + name, value);
            }

            BusinessCalendar calendar = Resolve(new ConfigurationBuilder().AddEnvironmentVariables(prefix).Build());
            var saturday = new DateTimeOffset(2026, 12, 26, 23, 59, 0, TimeSpan.Zero);

            Assert.Empty(calendar.Settings.WeekendDays);
            Assert.Empty(calendar.Settings.Holidays.Holidays);
            Assert.Equal(TimeOfDaySetting.EndOfDay, calendar.Settings.CutOffAt);
            Assert.Equal(saturday, calendar.Plan(saturday, saturday, null).InvoiceAt);
        }
        finally
        {
            foreach (string name in variables.Keys)
            {
                Environment.SetEnvironmentVariable(prefix + name, null);
            }
        }
    }

    [Fact]
    public void Weekend_days_can_be_a_comma_separated_string_in_json()
    {
        BusinessCalendar calendar = Resolve(Json("""{ "BusinessCalendar": { "WeekendDays": "Friday, Saturday" } }"""));

        Assert.Equal([DayOfWeek.Friday, DayOfWeek.Saturday], calendar.Settings.WeekendDays.Order());
    }

    [Fact]
    public void Weekend_days_can_be_a_json_array()
    {
        BusinessCalendar calendar = Resolve(Json("""{ "BusinessCalendar": { "WeekendDays": [ "Friday", "Saturday" ] } }"""));

        Assert.Equal([DayOfWeek.Friday, DayOfWeek.Saturday], calendar.Settings.WeekendDays.Order());
    }

    [Fact]
    public void Weekend_days_can_be_indexed_keys()
    {
        BusinessCalendar calendar = Resolve(Memory(new()
        {
            ["BusinessCalendar:WeekendDays:0"] = "Thursday",
            ["BusinessCalendar:WeekendDays:1"] = "Friday",
        }));

        Assert.Equal([DayOfWeek.Thursday, DayOfWeek.Friday], calendar.Settings.WeekendDays.Order());
    }

    [Fact]
    public void No_weekend_days_is_written_none()
    {
        BusinessCalendar calendar = Resolve(Json("""{ "BusinessCalendar": { "WeekendDays": "none" } }"""));

        Assert.Empty(calendar.Settings.WeekendDays);
    }

    [Fact]
    public void The_region_and_time_zone_settings_select_the_holiday_file()
    {
        BusinessCalendar calendar = Resolve(Memory(new()
        {
            ["BusinessCalendar:TimeZone"] = "Europe/London",
            ["BusinessCalendar:Region"] = "gb-eng",
            ["BusinessCalendar:DefaultPaymentTermDays"] = "14",
        }));

        Assert.Equal("Europe/London", calendar.Settings.TimeZoneId);
        Assert.Equal("gb-eng", calendar.Settings.Holidays.Region);
        Assert.EndsWith(Path.Combine("config", "holidays", "gb-eng.json"), calendar.Settings.Holidays.Source, StringComparison.Ordinal);
        Assert.Equal(14, calendar.Settings.DefaultPaymentTermDays);
    }

    [Fact]
    public void Invalid_settings_stop_start_up_with_the_messages()
    {
        using ServiceProvider services = Services(Memory(new()
        {
            ["BusinessCalendar:TimeZone"] = "Mars/Olympus",
            ["BusinessCalendar:WeekendDays"] = "Mon,Tue,Wed,Thu,Fri,Sat,Sun",
        }));

        // IStartupValidator is what ValidateOnStart registers and what Host.StartAsync runs.
        OptionsValidationException ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(ex.Failures, f => f.StartsWith("BusinessCalendar:TimeZone 'Mars/Olympus'", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("BusinessCalendar:WeekendDays", StringComparison.Ordinal));
    }

    [Fact]
    public void The_calendar_is_one_singleton()
    {
        using ServiceProvider services = Services(new ConfigurationBuilder().Build());

        Assert.Same(services.GetRequiredService<BusinessCalendar>(), services.GetRequiredService<BusinessCalendar>());
    }

    private static IConfiguration Json(string json) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

    private static IConfiguration Memory(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private static ServiceProvider Services(IConfiguration configuration) =>
        new ServiceCollection().AddBusinessCalendar(configuration).BuildServiceProvider();

    private static BusinessCalendar Resolve(IConfiguration configuration)
    {
        using ServiceProvider services = Services(configuration);
        services.GetRequiredService<IStartupValidator>().Validate();
        return services.GetRequiredService<BusinessCalendar>();
    }
}
