namespace Integration.Activities.Evidence;

/// <summary>One offboarding as the evidence list shows it, so an auditor can pick the record to open.</summary>
/// <param name="SystemCount">How many systems the record has a line for.</param>
public sealed record OffboardingEvidenceSummary(
    string OffboardingId,
    string EmployeeId,
    string EmployeeName,
    DateTimeOffset EffectiveAt,
    DateTimeOffset Deadline,
    DateTimeOffset StartedAt,
    DateTimeOffset? EscalatedAt,
    DateTimeOffset? CompletedAt,
    string Status,
    bool? WithinSla,
    int SystemCount);
