using Integration.Activities.Alerts;
using Integration.Orchestrations.Common;
using Microsoft.DurableTask;

namespace Integration.Activities.Reviews;

/// <summary>Tells people a workflow waits for them: the question, the accepted answers and where to send one.</summary>
public sealed class RaiseReviewAlertActivity(AlertPublisher alerts, TimeProvider time) : TaskActivity<ReviewAlertInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, ReviewAlertInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        string answers = string.Join("; ", input.Request.Actions.Select(a => a.RequiresValue ? $"{a.Name} (with a value): {a.Description}" : $"{a.Name}: {a.Description}"));
        string title = input.Escalation == 0 ? "Manual review needed" : $"Manual review overdue (escalation {input.Escalation})";
        string text = $"{input.Request.Reason}. Answers: {answers}. Send one to POST /api/v1/reviews/{input.InstanceId}.";
        await alerts.PublishAsync(
            new Alert(input.Escalation == 0 ? "warning" : "error", title, text, input.InstanceId, input.CorrelationId, time.GetUtcNow(), AlertKinds.ReviewWaiting, input.InstanceId),
            CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
