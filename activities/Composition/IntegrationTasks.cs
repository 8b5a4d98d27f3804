using Integration.Activities.Alerts;
using Integration.Activities.Common;
using Integration.Activities.DealToInvoice;
using Integration.Activities.Employees;
using Integration.Activities.Evidence;
using Integration.Activities.Offboarding;
using Integration.Activities.Onboarding;
using Integration.Activities.Operations;
using Integration.Activities.Orders;
using Integration.Activities.Reviews;
using Integration.Orchestrations.DealToInvoice;
using Integration.Orchestrations.Offboarding;
using Integration.Orchestrations.Onboarding;
using Integration.Orchestrations.Operations;
using Integration.Orchestrations.Orders;
using Microsoft.DurableTask;

namespace Integration.Activities.Composition;

/// <summary>
/// Every orchestrator and activity the product runs. The standalone host registers exactly these;
/// the Functions app has one trigger adapter per entry, and a test compares the two.
/// </summary>
public static class IntegrationTasks
{
    public static IReadOnlyList<Type> Orchestrators { get; } =
    [
        typeof(DealToInvoiceOrchestrator),
        typeof(OffboardingOrchestrator),
        typeof(OnboardingOrchestrator),
        typeof(BulkJobOrchestrator),
        typeof(OrderFulfilmentOrchestrator),
        typeof(StockReservationOrchestrator),
        typeof(StockReleaseOrchestrator),
        typeof(OrderCrmNoteOrchestrator),
        typeof(ShipStationShipmentsOrchestrator),
    ];

    public static IReadOnlyList<Type> Activities { get; } =
    [
        typeof(FetchCrmDealActivity),
        typeof(EnsureErpCustomerActivity),
        typeof(CreateErpInvoiceActivity),
        typeof(ReverseErpInvoiceActivity),
        typeof(PatchCrmDealActivity),
        typeof(PlanInvoiceDateActivity),
        typeof(RecordDeadLetterActivity),
        typeof(RaiseReviewAlertActivity),
        typeof(RaiseAlertActivity),
        typeof(BuildInvoiceDraftActivity),
        typeof(LoadEmployeeAccessActivity),
        typeof(RevokeAccessActivity),
        typeof(ProvisionAccessActivity),
        typeof(RecordOffboardingEvidenceActivity),
        typeof(FindBulkJobTargetsActivity),
        typeof(ApplyBulkJobActionActivity),
        typeof(PlanOrderFulfilmentActivity),
        typeof(ReserveOrderStockActivity),
        typeof(ReleaseOrderStockActivity),
        typeof(CommitShippedStockActivity),
        typeof(SyncStoreStockActivity),
        typeof(CreateWarehouseOrderActivity),
        typeof(CancelWarehouseOrderActivity),
        typeof(CreateShopFulfilmentActivity),
        typeof(AddOrderCrmNoteActivity),
        typeof(FetchShipStationShipmentsActivity),
    ];

    public static void Register(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        foreach (Type orchestrator in Orchestrators)
        {
            registry.AddOrchestrator(orchestrator);
        }

        foreach (Type activity in Activities)
        {
            registry.AddActivity(activity);
        }
    }
}
