using Integration.Orchestrations.Common;
using Integration.Orchestrations.Employees;
using Integration.Orchestrations.Offboarding;
using Xunit;
using static Integration.Tests.Unit.Orchestrations.Offboarding.OffboardingHarness;

namespace Integration.Tests.Unit.Orchestrations.Offboarding;

/// <summary>
/// A termination never ends as done with nothing revoked on its own: when no configured system applies, a person
/// is asked; when offboarding is switched off, the workflow says so.
/// </summary>
public sealed class OffboardingNothingToRevokeTests
{
    private static readonly DateTimeOffset InEffect = new DateTimeOffset(Now).AddHours(-1);

    [Fact]
    public async Task No_target_at_all_waits_for_a_person_and_a_confirmation_becomes_the_evidence_line()
    {
        var harness = new OffboardingHarness().Decide(new ReviewDecision(OffboardingReviews.ConfirmedNoAccess, "contractor; checked Okta and Google by hand", "sam", null));
        harness.Plan = harness.Plan with { Targets = [] };

        OffboardingResult result = await harness.RunAsync();

        ReviewRequest review = harness.Statuses.Where(s => s.Step == ManualReview.AwaitingStep).Select(s => s.Review!).Single();
        Assert.Contains("no identity system takes part in offboarding (Identity:Targets)", review.Reason, StringComparison.Ordinal);
        Assert.Equal([OffboardingReviews.Retry, OffboardingReviews.ConfirmedNoAccess], review.Actions.Select(a => a.Name));
        Assert.True(review.Actions.Single(a => a.Name == OffboardingReviews.ConfirmedNoAccess).RequiresValue);

        Assert.Empty(harness.Revocations);
        Assert.Equal(OffboardingOrchestrator.Completed, result.Outcome);
        SystemEvidence line = Assert.Single(harness.Evidence.Last().Systems);
        Assert.Equal(AccessOutcomes.ConfirmedNoAccess, line.State);
        Assert.Equal("sam", line.SettledBy);
        Assert.Equal("contractor; checked Okta and Google by hand", line.Detail);
        Assert.Contains("confirmed by sam", harness.Statuses[^1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Targets_that_all_do_not_apply_are_named_in_the_question()
    {
        var harness = new OffboardingHarness().Decide(new ReviewDecision(OffboardingReviews.ConfirmedNoAccess, "left before accounts were made", "sam", null));
        harness.Plan = harness.Plan with
        {
            Employee = Employee with { TerminationEffectiveAt = InEffect },
            Targets = [new AccessTarget("zoom", "zoom", null, "HR record has no zoomEmail"), new AccessTarget("github", "github", null, "HR record has no githubUsername")],
        };

        await harness.RunAsync();

        ReviewRequest review = harness.Statuses.Where(s => s.Step == ManualReview.AwaitingStep).Select(s => s.Review!).Single();
        Assert.Contains("zoom: HR record has no zoomEmail; github: HR record has no githubUsername", review.Reason, StringComparison.Ordinal);
        Assert.Equal(
            [AccessOutcomes.NotApplicable, AccessOutcomes.NotApplicable, AccessOutcomes.ConfirmedNoAccess],
            harness.Evidence.Last().Systems.Select(s => s.State));
    }

    [Fact]
    public async Task Retry_reads_hr_and_the_targets_again_and_revokes_what_now_applies()
    {
        var harness = new OffboardingHarness().Decide(new ReviewDecision(OffboardingReviews.Retry, null, "sam", "added the okta target"));
        harness.Plan = harness.Plan with { Employee = Employee with { TerminationEffectiveAt = InEffect }, Targets = [] };
        harness.PlanAfterWait = harness.Plan with { Targets = [new AccessTarget("okta", "okta", "ada@example.com")] };

        OffboardingResult result = await harness.RunAsync();

        Assert.Equal(2, harness.Calls.Count(c => c.Name == ActivityNames.LoadEmployeeAccess));
        Assert.Equal(["okta"], harness.Revocations.Select(r => r.Target.System));
        Assert.Equal(OffboardingOrchestrator.Completed, result.Outcome);
        Assert.Equal([("okta", AccessOutcomes.Revoked)], harness.Evidence.Last().Systems.Select(s => (s.System, s.State)));
    }

    [Fact]
    public async Task Switched_off_offboarding_ends_saying_so_with_nothing_revoked_or_recorded()
    {
        var harness = new OffboardingHarness();
        harness.Plan = harness.Plan with { Targets = [], OffboardingDisabled = true };

        OffboardingResult result = await harness.RunAsync();

        Assert.Equal(OffboardingOrchestrator.Disabled, result.Outcome);
        Assert.Equal("offboarding-disabled", result.Outcome);
        Assert.Contains("Offboarding:Enabled=false", harness.Statuses[^1].Detail, StringComparison.Ordinal);
        Assert.Empty(harness.Revocations);
        Assert.Empty(harness.Evidence);
        Assert.Empty(harness.Timers);
    }
}
