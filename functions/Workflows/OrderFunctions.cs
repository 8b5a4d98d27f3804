using Integration.Activities.Orders;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.Orders;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Functions.Workflows;

/// <summary>
/// Orchestration and activity triggers for order fulfilment and its subscribers (stock, CRM note, ShipStation read-back):
/// each binds a name to the one class-based implementation in orchestrations/ or activities/. Activities are resolved per
/// call, so a function instance never needs the dependencies of activities it does not run.
/// </summary>
public sealed class OrderFunctions(IServiceProvider services)
{
    [Function(nameof(OrderFulfilmentOrchestrator))]
    public static Task<OrderFulfilmentResult> OrderFulfilment([OrchestrationTrigger] TaskOrchestrationContext context, OrderFulfilmentInput input) =>
        new OrderFulfilmentOrchestrator().RunAsync(context, input);

    [Function(nameof(StockReservationOrchestrator))]
    public static Task<StockReservationResult> StockReservation([OrchestrationTrigger] TaskOrchestrationContext context, StockReservationInput input) =>
        new StockReservationOrchestrator().RunAsync(context, input);

    [Function(nameof(StockReleaseOrchestrator))]
    public static Task<StockReservationResult> StockRelease([OrchestrationTrigger] TaskOrchestrationContext context, StockReservationInput input) =>
        new StockReleaseOrchestrator().RunAsync(context, input);

    [Function(nameof(OrderCrmNoteOrchestrator))]
    public static Task<OrderCrmNoteResult> OrderCrmNote([OrchestrationTrigger] TaskOrchestrationContext context, OrderCrmNoteInput input) =>
        new OrderCrmNoteOrchestrator().RunAsync(context, input);

    [Function(nameof(ShipStationShipmentsOrchestrator))]
    public static Task<ShipStationShipmentsResult> ShipStationShipments([OrchestrationTrigger] TaskOrchestrationContext context, ShipStationShipmentsInput input) =>
        new ShipStationShipmentsOrchestrator().RunAsync(context, input);

    [Function(ActivityNames.PlanOrderFulfilment)]
    public Task<FulfilmentPlan> PlanOrderFulfilment([ActivityTrigger] FulfilmentPlanInput input, FunctionContext context) =>
        Get<PlanOrderFulfilmentActivity>().RunAsync(new FunctionsActivityContext(ActivityNames.PlanOrderFulfilment, context), input);

    [Function(ActivityNames.ReserveOrderStock)]
    public Task<StockReservation> ReserveOrderStock([ActivityTrigger] ReserveStockInput input, FunctionContext context) =>
        Get<ReserveOrderStockActivity>().RunAsync(new FunctionsActivityContext(ActivityNames.ReserveOrderStock, context), input);

    [Function(ActivityNames.ReleaseOrderStock)]
    public Task<StockReservation> ReleaseOrderStock([ActivityTrigger] ReleaseStockInput input, FunctionContext context) =>
        Get<ReleaseOrderStockActivity>().RunAsync(new FunctionsActivityContext(ActivityNames.ReleaseOrderStock, context), input);

    [Function(ActivityNames.CommitShippedStock)]
    public Task<StockReservation> CommitShippedStock([ActivityTrigger] CommitShipmentInput input, FunctionContext context) =>
        Get<CommitShippedStockActivity>().RunAsync(new FunctionsActivityContext(ActivityNames.CommitShippedStock, context), input);

    [Function(ActivityNames.SyncStoreStock)]
    public Task<SyncStoreStockResult> SyncStoreStock([ActivityTrigger] SyncStoreStockInput input, FunctionContext context) =>
        Get<SyncStoreStockActivity>().RunAsync(new FunctionsActivityContext(ActivityNames.SyncStoreStock, context), input);

    [Function(ActivityNames.CreateWarehouseOrder)]
    public Task<WarehouseOrderResult> CreateWarehouseOrder([ActivityTrigger] WarehouseOrderRequest input, FunctionContext context) =>
        Get<CreateWarehouseOrderActivity>().RunAsync(new FunctionsActivityContext(ActivityNames.CreateWarehouseOrder, context), input);

    [Function(ActivityNames.CancelWarehouseOrder)]
    public Task<WarehouseCancelResult> CancelWarehouseOrder([ActivityTrigger] CancelWarehouseOrderInput input, FunctionContext context) =>
        Get<CancelWarehouseOrderActivity>().RunAsync(new FunctionsActivityContext(ActivityNames.CancelWarehouseOrder, context), input);

    [Function(ActivityNames.CreateShopFulfilment)]
    public Task<ShopFulfilmentResult> CreateShopFulfilment([ActivityTrigger] CreateShopFulfilmentInput input, FunctionContext context) =>
        Get<CreateShopFulfilmentActivity>().RunAsync(new FunctionsActivityContext(ActivityNames.CreateShopFulfilment, context), input);

    [Function(ActivityNames.AddOrderCrmNote)]
    public Task<OrderCrmNoteResult> AddOrderCrmNote([ActivityTrigger] AddOrderCrmNoteInput input, FunctionContext context) =>
        Get<AddOrderCrmNoteActivity>().RunAsync(new FunctionsActivityContext(ActivityNames.AddOrderCrmNote, context), input);

    [Function(ActivityNames.FetchShipStationShipments)]
    public Task<ShipStationShipmentsResult> FetchShipStationShipments([ActivityTrigger] FetchShipStationShipmentsInput input, FunctionContext context) =>
        Get<FetchShipStationShipmentsActivity>().RunAsync(new FunctionsActivityContext(ActivityNames.FetchShipStationShipments, context), input);

    private T Get<T>()
        where T : notnull => services.GetRequiredService<T>();
}
