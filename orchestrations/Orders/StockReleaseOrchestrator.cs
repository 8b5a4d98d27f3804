using Integration.Orchestrations.Common;
using Microsoft.DurableTask;

namespace Integration.Orchestrations.Orders;

/// <summary>
/// The stock subscriber of a cancelled order (<c>stock-release-{key}</c>): lets go of what the order still holds and
/// pushes the SKUs' availability to every store. A shipped order holds nothing more (its units left the warehouse);
/// an order never reserved releases nothing. The result says which. A step that fails after its retries ends in a dead letter.
/// </summary>
public sealed class StockReleaseOrchestrator : TaskOrchestrator<StockReservationInput, StockReservationResult>
{
    public override async Task<StockReservationResult> RunAsync(TaskOrchestrationContext context, StockReservationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        string key = input.Order.Key;
        TaskOptions retry = WorkflowRetry.Standard;
        try
        {
            context.SetCustomStatus(new WorkflowStatus("releasing-stock", $"releasing the stock of cancelled order {key}", context.CurrentUtcDateTime));

            // The plan only names the SKUs whose store figures change; its problems do not matter to a release.
            FulfilmentPlan plan = await context.CallActivityAsync<FulfilmentPlan>(
                ActivityNames.PlanOrderFulfilment, new FulfilmentPlanInput(input.Order, input.CorrelationId), retry);
            StockReservation before = await context.CallActivityAsync<StockReservation>(
                ActivityNames.ReleaseOrderStock, new ReleaseStockInput(key, input.CorrelationId), retry);
            string[] skus = plan.Lines.Select(l => l.WarehouseSku).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
            if (skus.Length > 0)
            {
                await context.CallActivityAsync<SyncStoreStockResult>(ActivityNames.SyncStoreStock, new SyncStoreStockInput(skus, input.CorrelationId), retry);
            }

            (string outcome, string detail) = before.Status switch
            {
                StockReservation.Reserved or StockReservation.PartiallyShipped => (StockReservation.Released, $"the stock order {key} held at {before.Warehouse} was released"),
                StockReservation.Shipped => (StockReservation.Shipped, $"order {key} had shipped from {before.Warehouse}: nothing was held to release"),
                StockReservation.Released => (StockReservation.Released, $"the stock of order {key} was already released"),
                _ => (StockReservation.None, $"order {key} held no stock ({before.Status}): nothing to release"),
            };
            context.SetCustomStatus(new WorkflowStatus("completed", detail, context.CurrentUtcDateTime));
            return new StockReservationResult(key, outcome, before.Warehouse, detail);
        }
        catch (TaskFailedException ex)
        {
            string reason = $"{ex.TaskName} failed releasing the stock of order {key}: {ex.FailureDetails.ErrorMessage}";
            await WorkflowDeadLetter.RecordAsync(context, input.CorrelationId, reason, ex.FailureDetails.ErrorType);
            return new StockReservationResult(key, OrderFulfilmentResult.DeadLettered, null, reason);
        }
    }
}
