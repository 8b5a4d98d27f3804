using System.Net;
using System.Text.Json.Nodes;
using Integration.SendEvent.Scenarios;
using Integration.Tests.System.Infrastructure;

namespace Integration.Tests.System.EndToEnd;

/// <summary>The shipped calendar decides when a deal is invoiced: weekends and public holidays wait for the next business morning.</summary>
public sealed class BusinessCalendarTests(BusinessCalendarHostFixture fixture) : IClassFixture<BusinessCalendarHostFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Fact]
    public async Task A_deal_closed_on_saturday_waits_until_monday_morning_local_time()
    {
        DateTimeOffset saturday = SampleDeals.NextSaturday(DateTimeOffset.UtcNow);
        DateOnly monday = DateOnly.FromDateTime(saturday.UtcDateTime).AddDays(2);
        if (IsUsHoliday(monday))
        {
            monday = monday.AddDays(1);
        }

        JsonObject status = await StartAndWaitAsync("weekend-close");

        Assert.Equal(At(monday, 8), DateTimeOffset.Parse((string)status["WaitingUntil"]!, global::System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains($"{monday:yyyy-MM-dd} 08:00 America/New_York", (string?)status["Detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deal_closed_on_the_saturday_before_a_monday_holiday_waits_until_tuesday()
    {
        DateOnly holiday = DealScenarios.NextMondayHoliday(HolidayFile, DateOnly.FromDateTime(DateTime.UtcNow));

        JsonObject status = await StartAndWaitAsync("holiday-close");

        Assert.Equal(At(holiday.AddDays(1), 8), DateTimeOffset.Parse((string)status["WaitingUntil"]!, global::System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("Tuesday", (string?)status["Detail"], StringComparison.Ordinal);
    }

    private static string HolidayFile => Path.Combine(TestEnvironment.RepositoryRoot ?? ".", DealScenarios.DefaultHolidayFile);

    private static bool IsUsHoliday(DateOnly day)
    {
        try
        {
            return DealScenarios.NextMondayHoliday(HolidayFile, day.AddDays(-3)) == day;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static DateTimeOffset At(DateOnly day, int hour)
    {
        DateTime local = day.ToDateTime(new TimeOnly(hour, 0));
        return new DateTimeOffset(local, NewYork.GetUtcOffset(local));
    }

    /// <summary>Runs the scenario (holidays from the repository's file) and returns the waiting status.</summary>
    private async Task<JsonObject> StartAndWaitAsync(string scenario)
    {
        var run = new ScenarioRun(SampleDeals.NewDealId(), fixture.Crm, fixture.Erp, fixture.Sender, TextWriter.Null) { HolidayFile = HolidayFile };
        using (HttpResponseMessage last = await DealScenarios.Find(scenario)!.RunAsync(run, CancellationToken.None))
        {
            Assert.Equal(HttpStatusCode.Accepted, last.StatusCode);
        }

        JsonObject instance = await Eventually.Until(
            async () => await fixture.InstanceAsync($"deal-invoice-{run.DealId}") ?? new JsonObject(),
            i => (string?)i["customStatus"]?["Step"] == "waiting-for-business-day",
            Deadline,
            $"deal {run.DealId} to wait for the business day");
        Assert.Empty(await fixture.Ledger.InvoicesForDealAsync(run.DealId));
        return (JsonObject)instance["customStatus"]!;
    }
}
