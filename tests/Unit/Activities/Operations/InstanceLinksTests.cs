using Integration.Activities.Operations;
using Xunit;

namespace Integration.Tests.Unit.Activities.Operations;

public sealed class InstanceLinksTests
{
    [Fact]
    public void A_deal_links_its_trigger_api_calls_history_and_alerts()
    {
        InstanceLinkSet links = InstanceLinks.For("deal-invoice-42", WorkflowCatalog.Identify("deal-invoice-42", "DealToInvoiceOrchestrator"),
            """{"dealId":"42","correlationId":"c-1","sourceEventId":"evt-9"}""", "creating-invoice");

        Assert.Equal("evt-9", links.TriggerEventId);
        Assert.Equal("/api/v1/api-calls/c-1", links.ApiCalls);
        Assert.Equal("/api/v1/instances/deal-invoice-42/history", links.History);
        Assert.Equal("/api/v1/alerts?instanceId=deal-invoice-42", links.Alerts);
        Assert.Null(links.Evidence);
        Assert.Null(links.Review);
    }

    [Fact]
    public void An_offboarding_links_its_evidence_and_an_open_review()
    {
        InstanceLinkSet links = InstanceLinks.For("offboarding-E 1", WorkflowCatalog.Identify("offboarding-E 1", "OffboardingOrchestrator"),
            """{"EmployeeId":"E 1","CorrelationId":"c-2","EventId":"evt-3"}""", "awaiting-review");

        Assert.Equal("evt-3", links.TriggerEventId);
        Assert.Equal("/api/v1/evidence/offboardings?employeeId=E%201", links.Evidence);
        Assert.Equal("/api/v1/reviews/offboarding-E%201", links.Review);
    }

    [Fact]
    public void An_input_without_ids_gives_no_trigger_or_api_call_link()
    {
        InstanceLinkSet links = InstanceLinks.For("bulk-job-1", WorkflowCatalog.Identify("bulk-job-1", "BulkJobOrchestrator"), "\"text\"", null);
        Assert.Null(links.TriggerEventId);
        Assert.Null(links.ApiCalls);
    }
}
