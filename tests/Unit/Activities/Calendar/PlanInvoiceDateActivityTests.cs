using Integration.Activities.Calendar;
using Integration.Activities.DealToInvoice;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.DealToInvoice;
using Microsoft.DurableTask;
using Moq;
using Xunit;
using static Integration.Tests.Unit.Activities.Calendar.TestCalendars;

namespace Integration.Tests.Unit.Activities.Calendar;

/// <summary>The activity answers from the calendar and turns what retrying cannot fix into a permanent failure.</summary>
public sealed class PlanInvoiceDateActivityTests
{
    private readonly PlanInvoiceDateActivity activity = new(NewYork());
    private readonly TaskActivityContext context = new Mock<TaskActivityContext>().Object;

    [Fact]
    public async Task It_returns_the_calendar_schedule_for_the_deal()
    {
        var saturday = new DateTimeOffset(2026, 11, 28, 14, 10, 0, Est);

        InvoiceSchedule schedule = await activity.RunAsync(context, new PlanInvoiceDateInput("4242", saturday, saturday, "Net 15"));

        Assert.Equal(new DateTimeOffset(2026, 11, 30, 8, 0, 0, Est), schedule.InvoiceAt);
        Assert.Equal(new DateOnly(2026, 12, 15), schedule.DueDate);
    }

    [Fact]
    public async Task Unreadable_payment_terms_fail_permanently_naming_the_deal_and_the_terms()
    {
        var tuesday = new DateTimeOffset(2026, 11, 24, 10, 0, 0, Est);

        PermanentActivityFailureException ex = await Assert.ThrowsAsync<PermanentActivityFailureException>(
            () => activity.RunAsync(context, new PlanInvoiceDateInput("4242", tuesday, tuesday, "Net 30 EOM")));

        Assert.StartsWith("Deal 4242: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'Net 30 EOM'", ex.Message, StringComparison.Ordinal);
        Assert.IsType<InvoicePlanningException>(ex.InnerException);
    }

    [Fact]
    public async Task A_year_without_holidays_fails_permanently()
    {
        var lastFriday = new DateTimeOffset(2028, 12, 29, 18, 0, 0, Est);

        PermanentActivityFailureException ex = await Assert.ThrowsAsync<PermanentActivityFailureException>(
            () => activity.RunAsync(context, new PlanInvoiceDateInput("77", lastFriday, lastFriday, null)));

        Assert.Contains("2029", ex.Message, StringComparison.Ordinal);
    }
}
