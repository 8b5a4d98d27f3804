using Integration.Activities.Connectors.Identity;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.Employees;
using Integration.Orchestrations.Onboarding;
using Microsoft.DurableTask;

namespace Integration.Activities.Onboarding;

/// <summary>
/// Creates (or links) one employee's account in one configured target through the connector of its kind, under
/// the call correlation id "{correlation id}-{target}-a{attempt}". A target that is no longer configured, or an
/// input without an account key, cannot be fixed by retrying: <see cref="PermanentActivityFailureException"/>.
/// </summary>
public sealed class ProvisionAccessActivity(IdentityTargets targets, IdentityConnectors connectors, TimeProvider time) : TaskActivity<ProvisionAccessInput, ProvisionResult>
{
    public override async Task<ProvisionResult> RunAsync(TaskActivityContext context, ProvisionAccessInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        string system = input.Target.System;
        IdentityAccess.Target target = IdentityAccess.Require(targets, input.Target, input.EmployeeId, "create an account for");
        string callCorrelationId = IdentityAccess.CallCorrelationId(input.CorrelationId, system, input.Attempt);
        HrEmployee employee = input.Employee;
        var account = new NewAccount(target.AccountKey, employee.Id, employee.FirstName, employee.LastName, employee.DisplayName, employee.WorkEmail);
        IdentityProvisioning provisioned = await connectors.For(target.Options.Kind)
            .ProvisionAsync(system, target.Options, account, callCorrelationId, CancellationToken.None).ConfigureAwait(false);
        return new ProvisionResult(system, provisioned.Outcome, provisioned.AccountId, time.GetUtcNow(), callCorrelationId, provisioned.Detail);
    }
}
