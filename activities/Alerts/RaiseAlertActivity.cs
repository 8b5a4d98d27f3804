using Integration.Orchestrations.Common;
using Microsoft.DurableTask;

namespace Integration.Activities.Alerts;

/// <summary>Posts a workflow's alert (e.g. "invoice voided: deal re-opened") through the one alert publisher.</summary>
public sealed class RaiseAlertActivity(AlertPublisher alerts, TimeProvider time) : TaskActivity<AlertInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, AlertInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await alerts.PublishAsync(
            new Alert(input.Severity, input.Title, input.Text, input.Reference, input.CorrelationId, time.GetUtcNow(), input.Kind ?? AlertKinds.Notice, InstanceId: input.Reference),
            CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
