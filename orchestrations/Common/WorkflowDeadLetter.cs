using Microsoft.DurableTask;

namespace Integration.Orchestrations.Common;

/// <summary>The one way a workflow gives up: say so in its status, then record a dead letter (which alerts), so nothing ends unseen.</summary>
public static class WorkflowDeadLetter
{
    public const string Step = "dead-lettered";

    public static Task RecordAsync(TaskOrchestrationContext context, string correlationId, string reason, string? detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.SetCustomStatus(new WorkflowStatus(Step, reason, context.CurrentUtcDateTime));
        return context.CallActivityAsync(
            ActivityNames.RecordDeadLetter,
            new DeadLetterInput("workflow", context.InstanceId, correlationId, reason, detail),
            WorkflowRetry.Standard);
    }
}
