using Integration.Orchestrations.Common;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Integration.Orchestrations.Orders;

/// <summary>
/// The stock subscriber of a placed order (<c>stock-reserve-{key}</c>): holds the order's lines at once, before any
/// warehouse order exists, so the stores stop selling units already sold.
/// <list type="bullet">
/// <item>plan the order (warehouse SKUs, candidate warehouses); a line the dictionary does not map, or no warehouse for
/// the destination: nothing is held, and the result says so (the fulfilment workflow asks a person);</item>
/// <item>reserve at the first candidate with every line (reserved), or none has them (backordered: the fulfilment
/// workflow asks a person);</item>
/// <item>push the SKUs' availability to every store.</item>
/// </list>
/// A cancelled order is not reserved. A step that fails after its retries ends in a dead letter.
/// </summary>
public sealed class StockReservationOrchestrator : TaskOrchestrator<StockReservationInput, StockReservationResult>
{
    /// <summary>The order could not be planned (unmapped SKU, no warehouse): nothing held.</summary>
    public const string NotPlanned = "not-planned";

    /// <summary>The order was already cancelled: nothing held.</summary>
    public const string Cancelled = "cancelled";

    public override async Task<StockReservationResult> RunAsync(TaskOrchestrationContext context, StockReservationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        ILogger log = context.CreateReplaySafeLogger<StockReservationOrchestrator>();
        string key = input.Order.Key;
        TaskOptions retry = WorkflowRetry.Standard;
        try
        {
            if (input.Order.CancelledAt is not null)
            {
                return Done(context, new StockReservationResult(key, Cancelled, null, $"order {key} is cancelled: nothing is reserved"));
            }

            context.SetCustomStatus(new WorkflowStatus("planning", $"mapping the lines of order {key}", context.CurrentUtcDateTime));
            FulfilmentPlan plan = await context.CallActivityAsync<FulfilmentPlan>(
                ActivityNames.PlanOrderFulfilment, new FulfilmentPlanInput(input.Order, input.CorrelationId), retry);
            if (plan.Lines.Any(l => l.WarehouseSku is null) || plan.Warehouses.Count == 0)
            {
                return Done(context, new StockReservationResult(key, NotPlanned, null, $"nothing reserved for order {key}: {string.Join("; ", plan.Problems)} (the fulfilment workflow asks a person)"));
            }

            context.SetCustomStatus(new WorkflowStatus("reserving-stock", $"holding the stock of order {key} at {string.Join(" or ", plan.Warehouses)}", context.CurrentUtcDateTime));
            StockLine[] lines = plan.Lines.GroupBy(l => l.WarehouseSku!, StringComparer.Ordinal).Select(g => new StockLine(g.Key, g.Sum(l => l.Quantity))).ToArray();
            StockReservation reservation = await context.CallActivityAsync<StockReservation>(
                ActivityNames.ReserveOrderStock, new ReserveStockInput(key, lines, plan.Warehouses, null, input.CorrelationId), retry);

            await context.CallActivityAsync<SyncStoreStockResult>(
                ActivityNames.SyncStoreStock, new SyncStoreStockInput(lines.Select(l => l.WarehouseSku).ToArray(), input.CorrelationId), retry);

            string detail = reservation.Status == StockReservation.Backordered
                ? $"order {key} is backordered: {string.Join(", ", reservation.Shortages.Select(s => $"{s.WarehouseSku} needs {s.Needed}, at most {s.Available}"))}"
                : $"order {key}: {reservation.Status} at {reservation.Warehouse ?? "no warehouse"}";
            log.LogInformation("Stock for order {OrderKey}: {Status} at {Warehouse} ({CorrelationId})", key, reservation.Status, reservation.Warehouse, input.CorrelationId);
            return Done(context, new StockReservationResult(key, reservation.Status, reservation.Warehouse, detail));
        }
        catch (TaskFailedException ex)
        {
            string reason = $"{ex.TaskName} failed for the stock of order {key}: {ex.FailureDetails.ErrorMessage}";
            await WorkflowDeadLetter.RecordAsync(context, input.CorrelationId, reason, ex.FailureDetails.ErrorType);
            return new StockReservationResult(key, OrderFulfilmentResult.DeadLettered, null, reason);
        }
    }

    private static StockReservationResult Done(TaskOrchestrationContext context, StockReservationResult result)
    {
        context.SetCustomStatus(new WorkflowStatus("completed", result.Detail, context.CurrentUtcDateTime));
        return result;
    }
}
