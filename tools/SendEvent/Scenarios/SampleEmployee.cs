using System.Globalization;

namespace Integration.SendEvent.Scenarios;

/// <summary>A person to put into the sandbox HR and identity systems; <see cref="For"/> gives a deterministic one per employee id.</summary>
public sealed record SampleEmployee(string Id, string Email, string FirstName, string LastName, string Department, string GitHubUsername)
{
    /// <summary>The generic REST apps the sandbox gives a seeded person an account in, so offboarding has something to revoke everywhere.</summary>
    public static readonly IReadOnlyList<string> RestApps =
        ["expenses", "payroll-portal", "wiki", "crm-seats", "vpn", "badge-access", "ticketing", "file-share"];

    /// <summary>employee{id}@example.com, "Employee {id}", Engineering, GitHub emp{id}-gh.</summary>
    public static SampleEmployee For(string id) =>
        new(id, $"employee{id}@example.com", "Employee", id, "Engineering", $"emp{id}-gh");

    /// <summary>BambooHR's dates: yyyy-MM-dd.</summary>
    public static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The HR fields of an active employee hired on <paramref name="hireDate"/>, with no termination.</summary>
    public IReadOnlyDictionary<string, string> ActiveHrFields(DateOnly hireDate) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["firstName"] = FirstName,
        ["lastName"] = LastName,
        ["displayName"] = $"{FirstName} {LastName}",
        ["workEmail"] = Email,
        ["department"] = Department,
        ["githubUsername"] = GitHubUsername,
        ["status"] = "Active",
        ["employmentHistoryStatus"] = "Full-Time",
        ["hireDate"] = Date(hireDate),
        ["terminationDate"] = string.Empty,
        ["terminationTime"] = string.Empty,
    };

    /// <summary>The body of POST /_sandbox/identity/employees: an active account in every emulated system.</summary>
    public object IdentityBody() => new
    {
        email = Email,
        firstName = FirstName,
        lastName = LastName,
        githubUsername = GitHubUsername,
        restApps = RestApps,
    };
}
