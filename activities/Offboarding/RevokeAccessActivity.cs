using Integration.Activities.Connectors.Identity;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.Offboarding;
using Microsoft.DurableTask;

namespace Integration.Activities.Offboarding;

/// <summary>
/// Revokes one employee's access in one configured target through the connector of its kind. The calls go out
/// under "{correlation id}-{target}-a{attempt}", so the API call log shows each attempt's requests apart. A target
/// that is no longer configured, or an input without an account key, cannot be fixed by retrying:
/// <see cref="PermanentActivityFailureException"/>.
/// </summary>
public sealed class RevokeAccessActivity(IdentityTargets targets, IdentityConnectors connectors, TimeProvider time) : TaskActivity<RevokeAccessInput, RevocationResult>
{
    public override async Task<RevocationResult> RunAsync(TaskActivityContext context, RevokeAccessInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        string system = input.Target.System;
        IdentityAccess.Target target = IdentityAccess.Require(targets, input.Target, input.EmployeeId, "revoke access for");
        string callCorrelationId = IdentityAccess.CallCorrelationId(input.CorrelationId, system, input.Attempt);
        IdentityRevocation revoked = await connectors.For(target.Options.Kind)
            .RevokeAsync(system, target.Options, target.AccountKey, callCorrelationId, CancellationToken.None).ConfigureAwait(false);
        return new RevocationResult(system, revoked.Outcome, time.GetUtcNow(), callCorrelationId, revoked.Detail);
    }
}
