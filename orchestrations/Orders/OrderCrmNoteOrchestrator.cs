using Integration.Orchestrations.Common;
using Microsoft.DurableTask;

namespace Integration.Orchestrations.Orders;

/// <summary>
/// The CRM subscriber of a placed order (<c>crm-note-{key}</c>): adds the order to the customer's CRM timeline as a
/// note on the contact found by the order's email, once (a cross-reference remembers the note). No email, or no
/// contact with it: nothing is written, and the result says why. A step that fails after its retries ends in a dead letter.
/// </summary>
public sealed class OrderCrmNoteOrchestrator : TaskOrchestrator<OrderCrmNoteInput, OrderCrmNoteResult>
{
    public override async Task<OrderCrmNoteResult> RunAsync(TaskOrchestrationContext context, OrderCrmNoteInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        string key = input.Order.Key;
        try
        {
            context.SetCustomStatus(new WorkflowStatus("noting-in-crm", $"adding order {key} to the customer's CRM timeline", context.CurrentUtcDateTime));
            OrderCrmNoteResult result = await context.CallActivityAsync<OrderCrmNoteResult>(
                ActivityNames.AddOrderCrmNote, new AddOrderCrmNoteInput(input.Order, input.CorrelationId), WorkflowRetry.Standard);
            context.SetCustomStatus(new WorkflowStatus("completed", result.Detail ?? result.Outcome, context.CurrentUtcDateTime));
            return result;
        }
        catch (TaskFailedException ex)
        {
            string reason = $"{ex.TaskName} failed for order {key}: {ex.FailureDetails.ErrorMessage}";
            await WorkflowDeadLetter.RecordAsync(context, input.CorrelationId, reason, ex.FailureDetails.ErrorType);
            return new OrderCrmNoteResult(key, OrderFulfilmentResult.DeadLettered, null, null, reason);
        }
    }
}
