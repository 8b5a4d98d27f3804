using System.Text.Json;
using Integration.Orchestrations.DealToInvoice;
using Integration.Orchestrations.Employees;
using Integration.Orchestrations.Offboarding;
using Integration.Orchestrations.Onboarding;
using Integration.Orchestrations.Routing;
using Xunit;

namespace Integration.Tests.Unit.Orchestrations.Routing;

/// <summary>Event type to workflow action: pure, so every row is checked here.</summary>
public sealed class EventRoutingTableTests
{
    private static readonly DateTimeOffset Now = new(2026, 2, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Deal_closed_reconciles_the_deal_workflow_under_the_deal_business_key_starting_it_if_absent()
    {
        EventRoute route = EventRoutingTable.Route(Envelope("crm.deal.closed.v1", subject: "4242"));

        var reconcile = Assert.IsType<EventRoute.Reconcile>(route);
        Assert.Equal("DealToInvoiceOrchestrator", reconcile.OrchestratorName);
        Assert.Equal("deal-invoice-4242", reconcile.InstanceId);
        Assert.Equal(new DealToInvoiceInput("4242", "corr-1", "crm-1001"), reconcile.Input);
        Assert.Equal(DealChanged.EventName, reconcile.EventName);
        Assert.Equal(new DealChanged("crm-1001", "corr-1", "crm.deal.closed.v1"), reconcile.Payload);
        Assert.True(reconcile.StartIfAbsent);
    }

    [Theory]
    [InlineData("crm.deal.stage_changed.v1")]
    [InlineData("crm.deal.amount_changed.v1")]
    public void Stage_and_amount_changes_reconcile_only_a_deal_that_already_has_a_workflow(string type)
    {
        var reconcile = Assert.IsType<EventRoute.Reconcile>(EventRoutingTable.Route(Envelope(type, subject: "4242")));

        Assert.Equal("deal-invoice-4242", reconcile.InstanceId);
        Assert.Equal(type, Assert.IsType<DealChanged>(reconcile.Payload).EventType);
        Assert.False(reconcile.StartIfAbsent);
    }

    [Fact]
    public void The_same_deal_always_routes_to_the_same_instance_id()
    {
        var first = Assert.IsType<EventRoute.Reconcile>(EventRoutingTable.Route(Envelope("crm.deal.closed.v1", "77", id: "crm-1")));
        var second = Assert.IsType<EventRoute.Reconcile>(EventRoutingTable.Route(Envelope("crm.deal.stage_changed.v1", "77", id: "crm-2")));

        Assert.Equal(first.InstanceId, second.InstanceId);
    }

    [Fact]
    public void An_employment_change_reconciles_the_employees_offboarding_starting_it_if_absent()
    {
        var reconcile = Assert.IsType<EventRoute.Reconcile>(EventRoutingTable.Route(Envelope("hr.employee.employment_changed.v1", subject: "67890", id: "hr-1")));

        Assert.Equal("OffboardingOrchestrator", reconcile.OrchestratorName);
        Assert.Equal("offboarding-67890", reconcile.InstanceId);
        Assert.Equal(new OffboardingInput("67890", "corr-1", "hr-1"), reconcile.Input);
        Assert.Equal(EmployeeChanged.EventName, reconcile.EventName);
        Assert.Equal(new EmployeeChanged("hr-1", "corr-1", "hr.employee.employment_changed.v1"), reconcile.Payload);
        Assert.True(reconcile.StartIfAbsent);
    }

    [Fact]
    public void A_hire_starts_the_employees_onboarding()
    {
        var reconcile = Assert.IsType<EventRoute.Reconcile>(EventRoutingTable.Route(Envelope("hr.employee.hired.v1", subject: "67890", id: "hr-2")));

        Assert.Equal("OnboardingOrchestrator", reconcile.OrchestratorName);
        Assert.Equal("onboarding-67890", reconcile.InstanceId);
        Assert.Equal(new OnboardingInput("67890", "corr-1", "hr-2"), reconcile.Input);
        Assert.True(reconcile.StartIfAbsent);
    }

    [Theory]
    [InlineData("hr.employee.updated.v1")]
    [InlineData("crm.deal.property_changed.v1")]
    [InlineData("crm.contact.creation.v1")]
    [InlineData("crm.deal.closed.v2")]
    [InlineData("CRM.DEAL.CLOSED.V1")]
    public void Unknown_types_are_ignored_with_a_reason_naming_the_type(string type)
    {
        EventRoute route = EventRoutingTable.Route(Envelope(type, subject: "4242"));

        var ignore = Assert.IsType<EventRoute.Ignore>(route);
        Assert.Contains(type, ignore.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_event_without_a_subject_is_ignored_even_when_its_type_is_handled(string subject)
    {
        EventRoute route = EventRoutingTable.Route(Envelope("crm.deal.closed.v1", subject, id: "crm-55"));

        var ignore = Assert.IsType<EventRoute.Ignore>(route);
        Assert.Contains("crm-55", ignore.Reason, StringComparison.Ordinal);
        Assert.Contains("subject", ignore.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_envelope_is_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => EventRoutingTable.Route(null!));
    }

    private static EventEnvelope Envelope(string type, string subject, string id = "crm-1001") =>
        new(id, "crm", type, Now, Now, "corr-1", subject, JsonSerializer.SerializeToElement(new { id = subject }));
}
