using Integration.Activities.Alerts;
using Integration.Activities.DeadLetters;
using Integration.Orchestrations.Common;
using Microsoft.DurableTask;

namespace Integration.Activities.Common;

/// <summary>A workflow that gives up records a dead letter and raises an alert, so nothing ends unseen.</summary>
public sealed class RecordDeadLetterActivity(DeadLetterStore deadLetters, AlertPublisher alerts, TimeProvider time) : TaskActivity<DeadLetterInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, DeadLetterInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        DeadLetter letter = await deadLetters.RecordAsync(input, CancellationToken.None).ConfigureAwait(false);
        await alerts.PublishAsync(
            new Alert("error", "Workflow dead-lettered", input.Reason, input.Reference, input.CorrelationId, time.GetUtcNow(), AlertKinds.DeadLetter, input.Reference, letter.Id),
            CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
