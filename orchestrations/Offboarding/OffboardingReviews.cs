using Integration.Orchestrations.Common;
using Integration.Orchestrations.Employees;

namespace Integration.Orchestrations.Offboarding;

/// <summary>What an operator may answer when a system will not revoke an account: the workflow never guesses past it.</summary>
public static class OffboardingReviews
{
    public const string Retry = "retry";
    public const string RevokedManually = "revoked-manually";
    public const string NoAccount = "no-account";
    public const string ConfirmedNoAccess = AccessOutcomes.ConfirmedNoAccess;

    public static ReviewRequest For(HrEmployee employee, string reason) => new(
        $"offboarding {employee.DisplayName} (employee {employee.Id}): {reason}",
        [
            new ReviewAction(Retry, "Try the revocation again (after fixing the permission or the account)", RequiresValue: false),
            new ReviewAction(RevokedManually, "Access was ended by hand; the value says how (ticket, console action)", RequiresValue: true),
            new ReviewAction(NoAccount, "The employee has no account in this system", RequiresValue: false),
        ]);

    /// <summary>No configured system applies to the employee: a termination never ends as done with nothing revoked unless a person says so.</summary>
    public static ReviewRequest NothingApplies(HrEmployee employee, string reason) => new(
        $"offboarding {employee.DisplayName} (employee {employee.Id}): {reason}",
        [
            new ReviewAction(Retry, "Read HR and the configured systems again (after adding the missing system under Identity:Targets or fixing the HR record)", RequiresValue: false),
            new ReviewAction(ConfirmedNoAccess, "The employee has no access to end anywhere; the value says how that was checked", RequiresValue: true),
        ]);
}
