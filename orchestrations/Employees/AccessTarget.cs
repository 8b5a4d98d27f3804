namespace Integration.Orchestrations.Employees;

/// <summary>
/// One configured system an employee's access lives in, resolved for one employee.
/// </summary>
/// <param name="System">The configured target name, e.g. "entra" or "github"; unique, used in evidence and reviews.</param>
/// <param name="Kind">The connector kind: graph, okta, google-workspace, slack-scim, github, atlassian, zoom or rest.</param>
/// <param name="AccountKey">The employee's account key there (from the HR field the target names), or null when the HR record has none.</param>
/// <param name="NotApplicableReason">Set when the target does not apply to this employee (no account key); nothing is called then.</param>
public sealed record AccessTarget(string System, string Kind, string? AccountKey, string? NotApplicableReason = null);

/// <summary>Asks the HR system for an employee and the configuration for the systems that apply to them.</summary>
/// <param name="Purpose">"offboarding" or "onboarding": each target says which it takes part in.</param>
/// <param name="NotBefore">
/// The activity does not read before this instant (it holds for up to <see cref="MaxHold"/>): a durable
/// timer can fire up to a second early, and the read after the effective-time wait must not be.
/// </param>
public sealed record LoadEmployeeAccessInput(string EmployeeId, string CorrelationId, string Purpose, DateTimeOffset? NotBefore = null)
{
    public const string Offboarding = "offboarding";
    public const string Onboarding = "onboarding";

    /// <summary>The longest an activity holds for <see cref="NotBefore"/>; longer waits are the workflow's durable timers.</summary>
    public static readonly TimeSpan MaxHold = TimeSpan.FromSeconds(2);
}

/// <summary>
/// The employee and the targets that apply to them (for the purpose asked), with the offboarding
/// deadline and, for offboarding, what evidence already says about this termination.
/// </summary>
/// <param name="Deadline">How long after the effective time every system must be revoked (Offboarding:Deadline, 4 h by default).</param>
/// <param name="CompletedOffboardingId">
/// The id of an already completed offboarding of this employee for this same effective time, so a
/// restarted workflow does not offboard twice; null when there is none.
/// </param>
/// <param name="OffboardingDisabled">True when the operator switched offboarding off (Offboarding:Enabled=false): the workflow says so and revokes nothing.</param>
public sealed record EmployeeAccessPlan(
    HrEmployee Employee,
    IReadOnlyList<AccessTarget> Targets,
    TimeSpan Deadline,
    string? CompletedOffboardingId,
    bool OffboardingDisabled = false);

/// <summary>
/// Tells a running employee workflow that the HR record changed (e.g. a termination was cancelled or
/// moved). Only a nudge: the workflow re-reads the record.
/// </summary>
public sealed record EmployeeChanged(string EventId, string CorrelationId, string EventType)
{
    public const string EventName = "employee-changed";
}
