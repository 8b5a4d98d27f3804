using Integration.Activities.Configuration;
using Integration.Orchestrations.Employees;
using Microsoft.Extensions.Options;

namespace Integration.Activities.Connectors.Identity;

/// <summary>
/// Which configured targets apply to an employee, and with which account key: the one place that reads
/// Identity:Targets for the workflows (the HR client asks <see cref="HrFields"/> so the keys are in the record).
/// </summary>
public sealed class IdentityTargets(IOptions<IdentityOptions> options)
{
    private readonly IReadOnlyList<KeyValuePair<string, IdentityTargetOptions>> ordered =
        [.. options.Value.Targets.OrderBy(t => t.Key, StringComparer.OrdinalIgnoreCase).ThenBy(t => t.Key, StringComparer.Ordinal)];

    /// <summary>The HR fields other than workEmail that targets take account keys from, each once, sorted.</summary>
    public IReadOnlyCollection<string> HrFields =>
        [.. ordered.Select(t => t.Value.AccountField.Trim())
            .Where(f => f.Length > 0 && !IsWorkEmail(f))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.OrdinalIgnoreCase)];

    /// <summary>The configured target of that name (ignoring case), or null.</summary>
    public IdentityTargetOptions? Find(string name) =>
        options.Value.Targets.TryGetValue(name, out IdentityTargetOptions? target)
            ? target
            : ordered.FirstOrDefault(t => string.Equals(t.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>
    /// The targets taking part in <paramref name="purpose"/> ("offboarding" or "onboarding") whose departments
    /// include the employee's (ignoring case; none listed means everyone), ordered by name. A target whose account
    /// field is empty in the HR record comes back with a null key and the reason.
    /// </summary>
    public IReadOnlyList<AccessTarget> Resolve(HrEmployee employee, string purpose)
    {
        ArgumentNullException.ThrowIfNull(employee);
        Func<IdentityTargetOptions, bool> takesPart = purpose switch
        {
            LoadEmployeeAccessInput.Offboarding => t => t.Offboarding,
            LoadEmployeeAccessInput.Onboarding => t => t.Onboarding,
            _ => throw new ArgumentException(
                $"Purpose '{purpose}' is neither '{LoadEmployeeAccessInput.Offboarding}' nor '{LoadEmployeeAccessInput.Onboarding}'.", nameof(purpose)),
        };

        var targets = new List<AccessTarget>();
        foreach ((string name, IdentityTargetOptions target) in ordered)
        {
            if (!takesPart(target) || !AppliesTo(target, employee.Department))
            {
                continue;
            }

            string kind = IdentityKinds.Find(target.Kind) ?? target.Kind;
            string field = target.AccountField.Trim();
            targets.Add(AccountKey(employee, field) is { } key
                ? new AccessTarget(name, kind, key)
                : new AccessTarget(name, kind, null, $"HR record has no {field}"));
        }

        return targets;
    }

    private static bool AppliesTo(IdentityTargetOptions target, string? department) =>
        target.Departments.Count == 0
        || (department is not null && target.Departments.Any(d => string.Equals(d.Trim(), department.Trim(), StringComparison.OrdinalIgnoreCase)));

    /// <summary>workEmail from the record's WorkEmail, any other field from its Fields (exact name first, then ignoring case); blank is none.</summary>
    private static string? AccountKey(HrEmployee employee, string field)
    {
        string? value = IsWorkEmail(field)
            ? employee.WorkEmail
            : employee.Fields.TryGetValue(field, out string? exact)
                ? exact
                : employee.Fields.FirstOrDefault(f => string.Equals(f.Key, field, StringComparison.OrdinalIgnoreCase)).Value;
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    private static bool IsWorkEmail(string field) => string.Equals(field, IdentityTargetOptions.WorkEmailField, StringComparison.OrdinalIgnoreCase);
}
