using Integration.Activities.Configuration;
using Integration.Activities.Connectors.Identity;
using Integration.Orchestrations.Employees;
using Microsoft.Extensions.Options;
using Xunit;

namespace Integration.Tests.Unit.Activities.Connectors.Identity;

/// <summary>Which targets apply to an employee, with which account key, in which order.</summary>
public sealed class IdentityTargetsTests
{
    private readonly IdentityTargets targets = new(Options.Create(new IdentityOptions
    {
        Targets =
        {
            ["zoom"] = new() { Kind = "zoom", Onboarding = false },
            ["github"] = new() { Kind = "GitHub", AccountField = "githubUsername", Departments = ["engineering"] },
            ["entra"] = new() { Kind = "graph" },
            ["wiki"] = new() { Kind = "rest", Offboarding = false, AccountField = "wikiLogin", Departments = ["Support", "Engineering "] },
            ["okta"] = new() { Kind = "okta", AccountField = "WORKEMAIL" },
            ["jira"] = new() { Kind = "atlassian", AccountField = "GitHubUsername" },
        },
    }));

    [Fact]
    public void Offboarding_returns_the_targets_taking_part_whose_departments_match_ordered_by_name()
    {
        IReadOnlyList<AccessTarget> resolved = targets.Resolve(Employee("Engineering", new() { ["githubUsername"] = "octo-jane" }), LoadEmployeeAccessInput.Offboarding);

        Assert.Equal(
            [
                new AccessTarget("entra", "graph", "jane@acme.test"),
                new AccessTarget("github", "github", "octo-jane"),
                new AccessTarget("jira", "atlassian", "octo-jane"),
                new AccessTarget("okta", "okta", "jane@acme.test"),
                new AccessTarget("zoom", "zoom", "jane@acme.test"),
            ],
            resolved);
    }

    [Fact]
    public void Onboarding_leaves_out_targets_that_do_not_onboard_and_departments_that_do_not_match()
    {
        IReadOnlyList<AccessTarget> resolved = targets.Resolve(Employee("support", new() { ["wikiLogin"] = " jdoe " }), LoadEmployeeAccessInput.Onboarding);

        Assert.Equal(["entra", "jira", "okta", "wiki"], resolved.Select(t => t.System));
        Assert.Equal("jdoe", resolved.Single(t => t.System == "wiki").AccountKey);
    }

    [Fact]
    public void A_target_whose_field_is_empty_comes_back_without_a_key_and_with_the_reason()
    {
        IReadOnlyList<AccessTarget> resolved = targets.Resolve(Employee("Engineering", new() { ["githubUsername"] = "  " }) with { WorkEmail = null }, LoadEmployeeAccessInput.Offboarding);

        Assert.Equal(new AccessTarget("github", "github", null, "HR record has no githubUsername"), resolved.Single(t => t.System == "github"));
        Assert.Equal(new AccessTarget("entra", "graph", null, "HR record has no workEmail"), resolved.Single(t => t.System == "entra"));
        Assert.All(resolved, t => Assert.Null(t.AccountKey));
    }

    [Fact]
    public void An_employee_without_a_department_gets_only_the_targets_for_everyone()
    {
        IReadOnlyList<AccessTarget> resolved = targets.Resolve(Employee(null, []), LoadEmployeeAccessInput.Offboarding);

        Assert.DoesNotContain(resolved, t => t.System == "github");
        Assert.Contains(resolved, t => t.System == "entra");
    }

    [Fact]
    public void An_unknown_purpose_is_refused()
    {
        var failure = Assert.Throws<ArgumentException>(() => targets.Resolve(Employee("x", []), "rehire"));

        Assert.Contains("rehire", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hr_fields_are_the_account_fields_other_than_work_email_each_once()
    {
        Assert.Equal(["githubUsername", "wikiLogin"], targets.HrFields);
    }

    [Fact]
    public void Find_matches_target_names_ignoring_case()
    {
        Assert.Equal("zoom", targets.Find("ZOOM")?.Kind);
        Assert.Null(targets.Find("slack"));
    }

    [Fact]
    public void No_targets_resolve_to_nothing()
    {
        var none = new IdentityTargets(Options.Create(new IdentityOptions()));

        Assert.Empty(none.Resolve(Employee("Engineering", []), LoadEmployeeAccessInput.Offboarding));
        Assert.Empty(none.HrFields);
    }

    internal static HrEmployee Employee(string? department, Dictionary<string, string> fields) => new(
        "42", "Jane", "Doe", "Jane Doe", "jane@acme.test", "Active", null, null, null, null, department, "Engineer", fields);
}
