using Integration.Orchestrations.Employees;
using Integration.Orchestrations.Routing;

namespace Integration.Orchestrations.Onboarding;

/// <summary>Starts an employee's onboarding; the instance id is "onboarding-{employeeId}".</summary>
public sealed record OnboardingInput(string EmployeeId, string CorrelationId, string EventId) : IReconcileInput
{
    string IReconcileInput.TriggerEventId => EventId;
}

/// <summary>Creates (or links) one employee's account in one system; an existing account is linked, never duplicated.</summary>
public sealed record ProvisionAccessInput(string EmployeeId, HrEmployee Employee, AccessTarget Target, int Attempt, string CorrelationId);

/// <summary>What one provisioning call did.</summary>
/// <param name="Outcome">"created" or "linked" (the account already existed).</param>
/// <param name="AccountId">The account's id in the target system, when it has one besides the key.</param>
public sealed record ProvisionResult(string System, string Outcome, string? AccountId, DateTimeOffset At, string CallCorrelationId, string Detail);

/// <summary>One system's line in an onboarding report.</summary>
/// <param name="State">created, linked, created-manually, skipped or not-applicable.</param>
public sealed record SystemProvisioning(string System, string Kind, string? AccountKey, string State, string? AccountId, int Attempts, string? LastError, string? Detail);

/// <summary>How an onboarding ended: one line per system; reviews settled the ones that failed.</summary>
/// <param name="Outcome">"completed" (every system created or linked) or "completed-with-reviews".</param>
public sealed record OnboardingResult(string Outcome, string EmployeeId, IReadOnlyList<SystemProvisioning> Systems);
