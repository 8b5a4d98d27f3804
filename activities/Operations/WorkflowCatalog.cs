using Integration.Orchestrations.DealToInvoice;
using Integration.Orchestrations.Offboarding;
using Integration.Orchestrations.Onboarding;
using Integration.Orchestrations.Orders;

namespace Integration.Activities.Operations;

/// <summary>One workflow as support staff name it, the orchestrator that runs it, and how a business key becomes its instance id.</summary>
/// <param name="Name">The API's name, e.g. "deal-invoice".</param>
/// <param name="OrchestratorName">The engine's name (the orchestrator class's name, as the registry records it).</param>
/// <param name="InstanceIdFor">The orchestrator's own InstanceIdFor, so the catalog can never disagree with the routing table.</param>
public sealed record WorkflowDefinition(string Name, string OrchestratorName, Func<string, string> InstanceIdFor)
{
    /// <summary>What every instance id of this workflow starts with ("deal-invoice-"): its key follows it.</summary>
    public string InstanceIdPrefix { get; } = InstanceIdFor(string.Empty);
}

/// <summary>Which workflow an instance is and for which business key, as a person reads it.</summary>
/// <param name="Workflow">The API's workflow name, or the orchestrator's name for an instance the catalog does not know (e.g. a bulk job).</param>
/// <param name="Key">The business key (deal id, employee id), or null when the instance is not a catalog workflow's.</param>
public sealed record WorkflowIdentity(string Workflow, string? Key, WorkflowDefinition? Definition);

/// <summary>
/// The one place that maps the API's workflow names to orchestrators and business keys to instance ids and back.
/// Pure: the list, the instance view and bulk jobs share it; a unit test fails when an orchestrator in
/// IntegrationTasks is missing here, so a new workflow has to add itself.
/// </summary>
public static class WorkflowCatalog
{
    public static IReadOnlyList<WorkflowDefinition> All { get; } =
    [
        new("deal-invoice", nameof(DealToInvoiceOrchestrator), DealToInvoiceOrchestrator.InstanceIdFor),
        new("offboarding", nameof(OffboardingOrchestrator), OffboardingOrchestrator.InstanceIdFor),
        new("onboarding", nameof(OnboardingOrchestrator), OnboardingOrchestrator.InstanceIdFor),
        new("order", nameof(OrderFulfilmentOrchestrator), OrderWorkflows.FulfilmentInstanceId),
        new("stock-reserve", nameof(StockReservationOrchestrator), OrderWorkflows.StockReservationInstanceId),
        new("stock-release", nameof(StockReleaseOrchestrator), OrderWorkflows.StockReleaseInstanceId),
        new("order-crm-note", nameof(OrderCrmNoteOrchestrator), OrderWorkflows.CrmNoteInstanceId),
        new("shipstation-notify", nameof(ShipStationShipmentsOrchestrator), OrderWorkflows.ShipStationShipmentsInstanceId),
    ];

    /// <summary>
    /// Orchestrators that run the product's own machinery rather than a business workflow (bulk jobs, from the
    /// operations API): listed so the catalog test knows they are left out on purpose; the list shows them under
    /// their orchestrator's name, without a key.
    /// </summary>
    public static IReadOnlyList<string> InternalOrchestrators { get; } = ["BulkJobOrchestrator"];

    /// <summary>The API names, for a 400 that lists what is accepted.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(w => w.Name).ToArray();

    /// <summary>The workflow with this API name (exact, lower case as documented), or null.</summary>
    public static WorkflowDefinition? ByName(string? name) =>
        name is null ? null : All.FirstOrDefault(w => string.Equals(w.Name, name, StringComparison.Ordinal));

    /// <summary>The workflow an orchestrator runs, or null for one the catalog does not know.</summary>
    public static WorkflowDefinition? ByOrchestrator(string? orchestratorName) =>
        orchestratorName is null ? null : All.FirstOrDefault(w => string.Equals(w.OrchestratorName, orchestratorName, StringComparison.Ordinal));

    /// <summary>
    /// The workflow and key of an instance: by its orchestrator's name when known (else by its id's prefix);
    /// an instance nobody catalogued (a bulk job's) keeps its orchestrator's name as workflow and no key.
    /// </summary>
    public static WorkflowIdentity Identify(string instanceId, string? orchestratorName)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        WorkflowDefinition? definition = ByOrchestrator(orchestratorName)
            ?? (orchestratorName is null ? All.FirstOrDefault(w => instanceId.StartsWith(w.InstanceIdPrefix, StringComparison.Ordinal)) : null);
        if (definition is null)
        {
            return new WorkflowIdentity(orchestratorName ?? "unknown", null, null);
        }

        string? key = instanceId.Length > definition.InstanceIdPrefix.Length && instanceId.StartsWith(definition.InstanceIdPrefix, StringComparison.Ordinal)
            ? instanceId[definition.InstanceIdPrefix.Length..]
            : null;
        return new WorkflowIdentity(definition.Name, key, definition);
    }
}
