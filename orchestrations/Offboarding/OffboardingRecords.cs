using Integration.Orchestrations.Employees;
using Integration.Orchestrations.Routing;

namespace Integration.Orchestrations.Offboarding;

/// <summary>Starts (or restarts) an employee's offboarding; the instance id is "offboarding-{employeeId}".</summary>
/// <param name="WasScheduled">True when an earlier run of this instance was waiting for the effective time, so "no termination now" means cancelled.</param>
public sealed record OffboardingInput(string EmployeeId, string CorrelationId, string EventId, bool WasScheduled = false) : IReconcileInput
{
    string IReconcileInput.TriggerEventId => EventId;
}

/// <summary>Revokes one employee's access in one system; idempotent, so a retry or a second run is safe.</summary>
/// <param name="Attempt">1 for the first try; sent with the call's correlation id so each attempt is traceable.</param>
public sealed record RevokeAccessInput(string OffboardingId, string EmployeeId, AccessTarget Target, int Attempt, string CorrelationId);

/// <summary>What one successful revocation call did.</summary>
/// <param name="Outcome">One of <see cref="AccessOutcomes"/>: revoked, already-revoked or no-account.</param>
/// <param name="CallCorrelationId">The correlation id sent with the API call(s) that did it; the API call log has the request/response pairs under it.</param>
/// <param name="Detail">A sentence for the evidence record, e.g. "okta user 00u1 was ACTIVE; deactivated".</param>
public sealed record RevocationResult(string System, string Outcome, DateTimeOffset At, string CallCorrelationId, string Detail);

/// <summary>The final states a system can reach in an offboarding or onboarding, as evidence records them.</summary>
public static class AccessOutcomes
{
    public const string Pending = "pending";
    public const string Revoked = "revoked";
    public const string AlreadyRevoked = "already-revoked";
    public const string NoAccount = "no-account";
    public const string NotApplicable = "not-applicable";
    public const string RevokedManually = "revoked-manually";

    /// <summary>No configured system applied to the employee, and a person confirmed there was no access to end.</summary>
    public const string ConfirmedNoAccess = "confirmed-no-access";
    public const string Created = "created";
    public const string Linked = "linked";
    public const string CreatedManually = "created-manually";
    public const string Skipped = "skipped";
    public const string Failed = "failed";
}

/// <summary>One system's line in an offboarding's evidence.</summary>
/// <param name="State">One of <see cref="AccessOutcomes"/>; "pending" while still open.</param>
/// <param name="Attempts">Revocation calls made (each activity attempt counts once).</param>
/// <param name="CallCorrelationId">Correlation id of the API call that revoked the access (null until then).</param>
/// <param name="LastError">The last failure seen, while open or when a person settled it.</param>
/// <param name="Late">True when it was settled after the deadline.</param>
/// <param name="SettledBy">Who settled it by hand (a review), or null.</param>
public sealed record SystemEvidence(
    string System,
    string Kind,
    string? AccountKey,
    string State,
    DateTimeOffset? RevokedAt,
    int Attempts,
    string? CallCorrelationId,
    string? LastError,
    bool Late,
    string? SettledBy,
    string? Detail);

/// <summary>
/// The whole evidence record of one offboarding, written at each milestone (start, escalation, each
/// settled review, end); the store keeps it apart from orchestration history, so purges do not touch it.
/// </summary>
/// <param name="OffboardingId">"{employeeId}-{effective time as yyyyMMddTHHmmssZ}": one record per termination.</param>
/// <param name="Status">"in-progress", "completed" or "completed-late".</param>
/// <param name="WithinSla">Null while open; then whether every system was settled by the deadline.</param>
public sealed record OffboardingEvidence(
    string OffboardingId,
    string EmployeeId,
    string EmployeeName,
    string InstanceId,
    string CorrelationId,
    DateTimeOffset EffectiveAt,
    DateTimeOffset Deadline,
    DateTimeOffset StartedAt,
    DateTimeOffset? EscalatedAt,
    DateTimeOffset? CompletedAt,
    string Status,
    bool? WithinSla,
    IReadOnlyList<SystemEvidence> Systems)
{
    public const string InProgress = "in-progress";
    public const string Completed = "completed";
    public const string CompletedLate = "completed-late";
}

/// <summary>How an offboarding ended.</summary>
/// <param name="Outcome">completed, completed-late, cancelled, not-terminated, already-offboarded, reinstated (termination withdrawn after offboarding: alerted) or offboarding-disabled.</param>
public sealed record OffboardingResult(string Outcome, string? OffboardingId, DateTimeOffset? EffectiveAt, DateTimeOffset? CompletedAt, bool? WithinSla, IReadOnlyList<SystemEvidence> Systems);
