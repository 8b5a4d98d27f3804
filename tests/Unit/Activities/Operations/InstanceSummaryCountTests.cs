using Integration.Activities.Operations;
using Xunit;

namespace Integration.Tests.Unit.Activities.Operations;

public sealed class InstanceSummaryCountTests
{
    [Fact]
    public void Counts_by_workflow_and_status_and_live_ones_by_step()
    {
        DateTimeOffset t = DateTimeOffset.UnixEpoch;
        (var byWorkflow, var byStep) = InstanceSummaryReader.Count([
            new InstanceRow("deal-invoice-1", "DealToInvoiceOrchestrator", "Completed", """{"step":"done"}""", t, t),
            new InstanceRow("deal-invoice-2", "DealToInvoiceOrchestrator", "Running", """{"step":"awaiting-review"}""", t, t),
            new InstanceRow("deal-invoice-3", "DealToInvoiceOrchestrator", "Running", """{"step":"awaiting-review"}""", t, t),
            new InstanceRow("offboarding-E1", "OffboardingOrchestrator", "Suspended", null, t, t),
            new InstanceRow("bulk-job-1", "BulkJobOrchestrator", "Failed", null, t, t),
        ]);

        Assert.Equal(1, byWorkflow["deal-invoice"]["Completed"]);
        Assert.Equal(2, byWorkflow["deal-invoice"]["Running"]);
        Assert.Equal(1, byWorkflow["offboarding"]["Suspended"]);
        Assert.Equal(1, byWorkflow["BulkJobOrchestrator"]["Failed"]);
        Assert.Equal(2, byStep["awaiting-review"]);
        Assert.Equal(1, byStep["(none)"]);
        Assert.False(byStep.ContainsKey("done"));
    }

    [Fact]
    public void The_hourly_series_counts_starts_by_creation_and_completions_and_failures_by_last_update_over_the_last_24_hours()
    {
        var now = new DateTimeOffset(2026, 12, 7, 10, 25, 0, TimeSpan.Zero);
        DateTimeOffset h = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
        var series = InstanceSummaryReader.ByHour([
            new InstanceRow("deal-invoice-1", "DealToInvoiceOrchestrator", "Completed", null, h.AddMinutes(-50), h.AddMinutes(5)),
            new InstanceRow("deal-invoice-2", "DealToInvoiceOrchestrator", "Failed", null, h.AddMinutes(1), h.AddMinutes(2)),
            new InstanceRow("deal-invoice-3", "DealToInvoiceOrchestrator", "Running", null, h.AddMinutes(3), h.AddMinutes(4)),
            new InstanceRow("deal-invoice-4", "DealToInvoiceOrchestrator", "Completed", null, h.AddHours(-23), h.AddHours(-23)),
            new InstanceRow("deal-invoice-5", "DealToInvoiceOrchestrator", "Completed", null, h.AddHours(-24), h.AddHours(-24).AddMinutes(59)),
        ], now);

        Assert.Equal(InstanceSummaryReader.HourCount, series.Count);
        Assert.Equal(h.AddHours(-23), series[0].Hour);
        Assert.Equal(h, series[^1].Hour);
        Assert.Equal((2, 1, 1), (series[^1].Started, series[^1].Completed, series[^1].Failed));
        Assert.Equal((1, 0, 0), (series[^2].Started, series[^2].Completed, series[^2].Failed));
        Assert.Equal((1, 1, 0), (series[0].Started, series[0].Completed, series[0].Failed));
        Assert.Equal(4, series.Sum(s => s.Started));
    }
}
