using Integration.Orchestrations.Common;
using Microsoft.DurableTask;

namespace Integration.Orchestrations.Orders;

/// <summary>
/// Reads back a ShipStation SHIP_NOTIFY (<c>shipstation-notify-{hash}</c>), which is only a pointer: the activity fetches
/// the shipments it names (checking again that the URL is ShipStation's) and queues one <c>wms.order.shipped.v1</c> per
/// shipment that is not voided, through the ingress's own intake, so a shipment heard twice is queued once and every
/// subscriber of the fact gets it. A fetch that fails after its retries ends in a dead letter.
/// </summary>
public sealed class ShipStationShipmentsOrchestrator : TaskOrchestrator<ShipStationShipmentsInput, ShipStationShipmentsResult>
{
    public override async Task<ShipStationShipmentsResult> RunAsync(TaskOrchestrationContext context, ShipStationShipmentsInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            context.SetCustomStatus(new WorkflowStatus("fetching-shipments", "reading the shipments ShipStation notified", context.CurrentUtcDateTime));
            ShipStationShipmentsResult result = await context.CallActivityAsync<ShipStationShipmentsResult>(
                ActivityNames.FetchShipStationShipments, new FetchShipStationShipmentsInput(input.ResourceUrl, input.CorrelationId), WorkflowRetry.Standard);
            context.SetCustomStatus(new WorkflowStatus(
                "completed",
                FormattableString.Invariant($"{result.Shipments} shipment(s): {result.Queued} queued, {result.Voided} voided, {result.Shipments - result.Queued - result.Voided} already queued"),
                context.CurrentUtcDateTime));
            return result;
        }
        catch (TaskFailedException ex)
        {
            string reason = $"{ex.TaskName} failed for a ShipStation notification: {ex.FailureDetails.ErrorMessage}";
            await WorkflowDeadLetter.RecordAsync(context, input.CorrelationId, reason, ex.FailureDetails.ErrorType);
            return new ShipStationShipmentsResult(0, 0, 0, []);
        }
    }
}
