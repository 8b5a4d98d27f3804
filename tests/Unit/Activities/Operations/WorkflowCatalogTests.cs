using Integration.Activities.Composition;
using Integration.Activities.Operations;
using Integration.Orchestrations.DealToInvoice;
using Integration.Orchestrations.Offboarding;
using Integration.Orchestrations.Onboarding;
using Xunit;

namespace Integration.Tests.Unit.Activities.Operations;

public sealed class WorkflowCatalogTests
{
    [Fact]
    public void Every_registered_orchestrator_is_in_the_catalog_or_listed_as_internal()
    {
        string[] missing = IntegrationTasks.Orchestrators.Select(t => t.Name)
            .Where(name => WorkflowCatalog.ByOrchestrator(name) is null && !WorkflowCatalog.InternalOrchestrators.Contains(name))
            .ToArray();
        Assert.True(missing.Length == 0, $"Add these orchestrators to WorkflowCatalog.All: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_catalog_entry_is_a_registered_orchestrator()
    {
        var registered = IntegrationTasks.Orchestrators.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        Assert.All(WorkflowCatalog.All, w => Assert.Contains(w.OrchestratorName, registered));
    }

    [Theory]
    [InlineData("deal-invoice", "12345", "deal-invoice-12345")]
    [InlineData("offboarding", "E-7", "offboarding-E-7")]
    [InlineData("onboarding", "E-8", "onboarding-E-8")]
    [InlineData("order", "store-a-1001", "order-store-a-1001")]
    [InlineData("stock-reserve", "store-a-1001", "stock-reserve-store-a-1001")]
    [InlineData("stock-release", "store-b-7", "stock-release-store-b-7")]
    [InlineData("order-crm-note", "store-c-9", "crm-note-store-c-9")]
    [InlineData("shipstation-notify", "0f3a", "shipstation-notify-0f3a")]
    public void A_key_maps_to_the_orchestrators_own_instance_id_and_back(string workflow, string key, string instanceId)
    {
        WorkflowDefinition definition = WorkflowCatalog.ByName(workflow)!;
        Assert.Equal(instanceId, definition.InstanceIdFor(key));

        WorkflowIdentity identity = WorkflowCatalog.Identify(instanceId, definition.OrchestratorName);
        Assert.Equal(workflow, identity.Workflow);
        Assert.Equal(key, identity.Key);
    }

    [Fact]
    public void The_catalog_uses_each_orchestrators_own_instance_id_rule()
    {
        Assert.Equal(DealToInvoiceOrchestrator.InstanceIdFor("9"), WorkflowCatalog.ByName("deal-invoice")!.InstanceIdFor("9"));
        Assert.Equal(OffboardingOrchestrator.InstanceIdFor("9"), WorkflowCatalog.ByName("offboarding")!.InstanceIdFor("9"));
        Assert.Equal(OnboardingOrchestrator.InstanceIdFor("9"), WorkflowCatalog.ByName("onboarding")!.InstanceIdFor("9"));
    }

    [Fact]
    public void No_workflows_instance_id_prefix_is_a_prefix_of_another()
    {
        foreach (WorkflowDefinition a in WorkflowCatalog.All)
        {
            foreach (WorkflowDefinition b in WorkflowCatalog.All.Where(b => b != a))
            {
                Assert.False(b.InstanceIdPrefix.StartsWith(a.InstanceIdPrefix, StringComparison.Ordinal), $"{a.Name} and {b.Name} share an id prefix");
            }
        }
    }

    [Fact]
    public void An_instance_the_catalog_does_not_know_keeps_its_orchestrator_name_and_no_key()
    {
        WorkflowIdentity identity = WorkflowCatalog.Identify("bulk-job-0f3a", "BulkJobOrchestrator");
        Assert.Equal("BulkJobOrchestrator", identity.Workflow);
        Assert.Null(identity.Key);
        Assert.Null(identity.Definition);
    }

    [Fact]
    public void Without_an_orchestrator_name_the_id_prefix_decides()
    {
        WorkflowIdentity identity = WorkflowCatalog.Identify("offboarding-E-1", null);
        Assert.Equal("offboarding", identity.Workflow);
        Assert.Equal("E-1", identity.Key);
        Assert.Equal("unknown", WorkflowCatalog.Identify("something-else", null).Workflow);
    }

    [Fact]
    public void Workflow_names_are_matched_exactly()
    {
        Assert.NotNull(WorkflowCatalog.ByName("deal-invoice"));
        Assert.Null(WorkflowCatalog.ByName("deal"));
        Assert.Null(WorkflowCatalog.ByName(null));
    }
}
