using Integration.Activities.Alerts;
using Integration.Orchestrations.Common;
using Microsoft.Azure.Functions.Worker;

namespace Integration.Functions.Workflows;

/// <summary>The activity trigger for workflow alerts (finance, operations), bound to the one implementation in activities/.</summary>
public sealed class AlertFunctions(RaiseAlertActivity raiseAlert)
{
    [Function(ActivityNames.RaiseAlert)]
    public Task<bool> RaiseAlert([ActivityTrigger] AlertInput input, FunctionContext context) =>
        raiseAlert.RunAsync(new FunctionsActivityContext(ActivityNames.RaiseAlert, context), input);
}
