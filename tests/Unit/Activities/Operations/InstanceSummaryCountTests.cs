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
}
