namespace Integration.Orchestrations.Employees;

/// <summary>
/// An employee as the HR system holds them, in the product's terms. Webhooks from HR carry only ids,
/// so every employee workflow reads this record and decides from it.
/// </summary>
/// <param name="Status">"Active" or "Inactive", as the HR system says.</param>
/// <param name="TerminationEffectiveAt">
/// When access must end: the termination date at the HR record's termination time (or the configured
/// default time) in the configured time zone; null when no termination is scheduled.
/// </param>
/// <param name="Fields">Every field read, by the HR system's alias, so a target can name the field holding its account key.</param>
public sealed record HrEmployee(
    string Id,
    string FirstName,
    string LastName,
    string DisplayName,
    string? WorkEmail,
    string Status,
    string? EmploymentHistoryStatus,
    DateOnly? HireDate,
    DateOnly? TerminationDate,
    DateTimeOffset? TerminationEffectiveAt,
    string? Department,
    string? JobTitle,
    IReadOnlyDictionary<string, string> Fields);
