using Integration.Orchestrations.Common;
using Integration.Orchestrations.Employees;

namespace Integration.Orchestrations.Onboarding;

/// <summary>What an operator may answer when a system will not create a new hire's account.</summary>
public static class OnboardingReviews
{
    public const string Retry = "retry";
    public const string CreatedManually = "created-manually";
    public const string Skip = "skip";

    public static ReviewRequest For(HrEmployee employee, string reason) => new(
        $"onboarding {employee.DisplayName} (employee {employee.Id}): {reason}",
        [
            new ReviewAction(Retry, "Try creating the account again (after fixing the cause)", RequiresValue: false),
            new ReviewAction(CreatedManually, "The account was created by hand; the value is its id in that system", RequiresValue: true),
            new ReviewAction(Skip, "This person does not get an account there", RequiresValue: false),
        ]);
}
