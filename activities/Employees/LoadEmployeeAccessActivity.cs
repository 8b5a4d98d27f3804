using Integration.Activities.Connectors.BambooHr;
using Integration.Activities.Connectors.Identity;
using Integration.Activities.Evidence;
using Integration.Activities.Offboarding;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.Employees;
using Integration.Orchestrations.Offboarding;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace Integration.Activities.Employees;

/// <summary>
/// Reads the employee from HR and works out which configured systems apply to them, plus what the
/// evidence store already says: a completed offboarding for the same termination (not done twice), or,
/// when HR shows no termination, the last one (the termination was withdrawn after offboarding).
/// </summary>
public sealed class LoadEmployeeAccessActivity(
    BambooHrClient hr, IdentityTargets targets, OffboardingEvidenceStore evidence, IOptions<OffboardingOptions> options, TimeProvider time)
    : TaskActivity<LoadEmployeeAccessInput, EmployeeAccessPlan>
{
    public override async Task<EmployeeAccessPlan> RunAsync(TaskActivityContext context, LoadEmployeeAccessInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Purpose is not (LoadEmployeeAccessInput.Offboarding or LoadEmployeeAccessInput.Onboarding))
        {
            throw new PermanentActivityFailureException($"Unknown purpose '{input.Purpose}': expected '{LoadEmployeeAccessInput.Offboarding}' or '{LoadEmployeeAccessInput.Onboarding}'.");
        }

        CancellationToken ct = CancellationToken.None;
        if (input.NotBefore is { } notBefore && notBefore - time.GetUtcNow() is { } hold && hold > TimeSpan.Zero)
        {
            await Task.Delay(hold < LoadEmployeeAccessInput.MaxHold ? hold : LoadEmployeeAccessInput.MaxHold, time, ct).ConfigureAwait(false);
        }

        HrEmployee employee = await hr.GetEmployeeAsync(input.EmployeeId, targets.HrFields, input.CorrelationId, ct).ConfigureAwait(false)
            ?? throw new PermanentActivityFailureException($"BambooHR has no employee {input.EmployeeId}.");

        if (input.Purpose == LoadEmployeeAccessInput.Offboarding && !options.Value.Enabled)
        {
            return new EmployeeAccessPlan(employee, [], options.Value.Deadline, null, OffboardingDisabled: true);
        }

        string? completed = input.Purpose == LoadEmployeeAccessInput.Offboarding
            ? await CompletedOffboardingAsync(employee, ct).ConfigureAwait(false)
            : null;
        return new EmployeeAccessPlan(employee, targets.Resolve(employee, input.Purpose), options.Value.Deadline, completed);
    }

    private async Task<string?> CompletedOffboardingAsync(HrEmployee employee, CancellationToken ct)
    {
        if (employee.TerminationEffectiveAt is { } effectiveAt)
        {
            return await evidence.FindCompletedAsync(employee.Id, effectiveAt, ct).ConfigureAwait(false);
        }

        // A rehire (hired after that offboarding took effect) is a new start, not a withdrawn termination.
        OffboardingEvidenceSummary? last = (await evidence.ListAsync(employee.Id, 1, ct).ConfigureAwait(false)).FirstOrDefault();
        bool rehired = last is not null && employee.HireDate is { } hired && hired.ToDateTime(TimeOnly.MinValue) > last.EffectiveAt.UtcDateTime;
        return last is { Status: OffboardingEvidence.Completed or OffboardingEvidence.CompletedLate } && !rehired ? last.OffboardingId : null;
    }
}
