using Integration.Sandbox.Faults;

namespace Integration.Sandbox.Identity;

/// <summary>
/// Gives one person an active account in every emulated identity system, as if they had been onboarded by hand:
/// keyed by their e-mail everywhere except GitHub (their username, in the organisation given). Seeding is not a
/// vendor call, so it counts no creation; an account that already exists is left as it is.
/// </summary>
internal static class IdentityEmployees
{
    public static IReadOnlyList<IdentityAccount> Seed(IdentityStore store, IdentityEmployee employee)
    {
        var accounts = new List<IdentityAccount>
        {
            Add(store, employee, SandboxSystem.Graph, string.Empty, employee.Email, GraphJson.Identify),
            Add(store, employee, SandboxSystem.Okta, string.Empty, employee.Email, OktaJson.Identify),
            Add(store, employee, SandboxSystem.Google, string.Empty, employee.Email, GoogleJson.Identify),
            Add(store, employee, SandboxSystem.Slack, string.Empty, employee.Email, SlackJson.Identify),
        };
        if (employee.GitHubUsername is not null)
        {
            accounts.Add(Add(store, employee, SandboxSystem.GitHub, employee.GitHubOrg, employee.GitHubUsername, GitHubJson.Identify));
        }

        accounts.Add(Add(store, employee, SandboxSystem.Atlassian, string.Empty, employee.Email, AtlassianJson.Identify));
        accounts.Add(Add(store, employee, SandboxSystem.Zoom, string.Empty, employee.Email, ZoomJson.Identify));
        foreach (var app in employee.RestApps.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            accounts.Add(Add(store, employee, SandboxSystem.Rest, app, employee.Email, RestAppJson.Identify));
        }

        return accounts;
    }

    private static IdentityAccount Add(
        IdentityStore store,
        IdentityEmployee employee,
        SandboxSystem system,
        string app,
        string key,
        Func<IdentityAccount, long, IdentityAccount> identify)
    {
        var draft = new IdentityAccount
        {
            System = system,
            App = app,
            Key = key,
            Email = employee.Email,
            FirstName = employee.FirstName,
            LastName = employee.LastName,
            Role = system == SandboxSystem.GitHub ? "member" : null,
        };
        return store.Create(draft, identify, countCreation: false).Account;
    }
}
