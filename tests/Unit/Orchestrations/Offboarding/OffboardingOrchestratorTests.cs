using Integration.Orchestrations.Common;
using Integration.Orchestrations.Employees;
using Integration.Orchestrations.Offboarding;
using Xunit;
using static Integration.Tests.Unit.Orchestrations.Offboarding.OffboardingHarness;

namespace Integration.Tests.Unit.Orchestrations.Offboarding;

/// <summary>The offboarding workflow's branches: all done first, deadline first, cancellation, permanent rejection, retries.</summary>
public sealed class OffboardingOrchestratorTests
{
    private static readonly string OffboardingId = OffboardingOrchestrator.OffboardingIdFor(EmployeeId, EffectiveAt);

    [Fact]
    public async Task All_systems_done_before_the_deadline_completes_within_SLA_with_one_evidence_line_per_system()
    {
        var harness = new OffboardingHarness();

        OffboardingResult result = await harness.RunAsync();

        Assert.Equal(OffboardingOrchestrator.Completed, result.Outcome);
        Assert.True(result.WithinSla);
        Assert.Equal("7-20260302T170000Z", result.OffboardingId);

        // Waits for the effective time (no margin: the HR read after it holds until the instant), then one deadline timer.
        Assert.Equal([EffectiveAt.UtcDateTime, (EffectiveAt + Deadline).UtcDateTime], harness.Timers);
        WorkflowStatus waiting = Assert.Single(harness.Statuses, s => s.Step == "waiting-for-effective-time");
        Assert.Equal(EffectiveAt, waiting.WaitingUntil);

        // The system without an account key is not called; the others once each, in parallel.
        Assert.Equal(["entra", "github", "okta"], harness.Revocations.Select(r => r.Target.System).Order());
        Assert.All(harness.Revocations, r => Assert.Equal(1, r.Attempt));
        Assert.Empty(harness.Alerts);

        // HR is read again after the wait, not before the effective time, and before anything is revoked.
        Assert.Equal(
            [null, EffectiveAt],
            harness.Calls.Where(c => c.Name == ActivityNames.LoadEmployeeAccess).Select(c => ((LoadEmployeeAccessInput)c.Input!).NotBefore));

        Assert.Equal([OffboardingEvidence.InProgress, OffboardingEvidence.Completed], harness.Evidence.Select(e => e.Status));
        OffboardingEvidence final = harness.Evidence.Last();
        Assert.True(final.WithinSla);
        Assert.Null(final.EscalatedAt);
        Assert.Equal(EffectiveAt + Deadline, final.Deadline);
        Assert.Equal(
            [("entra", AccessOutcomes.Revoked), ("github", AccessOutcomes.Revoked), ("okta", AccessOutcomes.Revoked), ("zoom", AccessOutcomes.NotApplicable)],
            final.Systems.Select(s => (s.System, s.State)));
        SystemEvidence okta = Assert.Single(final.Systems, s => s.System == "okta");
        Assert.Equal("corr-off-okta-a1", okta.CallCorrelationId);
        Assert.Equal(1, okta.Attempts);
        Assert.False(okta.Late);
        Assert.Equal("HR record has no zoomEmail", Assert.Single(final.Systems, s => s.System == "zoom").Detail);
    }

    [Fact]
    public async Task Deadline_first_escalates_naming_each_open_system_and_its_last_error_then_completes_late()
    {
        var oktaAnswer = new TaskCompletionSource<RevocationResult>();
        var harness = new OffboardingHarness();
        harness.System("okta", input => input.Attempt == 1 ? Transient("okta answered 503 Service Unavailable") : oktaAnswer.Task);

        Task<OffboardingResult> run = harness.RunAsync();
        Assert.False(run.IsCompleted);
        Assert.Empty(harness.Alerts);

        harness.FireDeadline();

        // Escalated while okta is still open; the systems already done are not named.
        AlertInput alert = Assert.Single(harness.Alerts);
        Assert.Equal("error", alert.Severity);
        Assert.Contains("okta (ada@example.com): okta answered 503 Service Unavailable after 2 attempt(s)", alert.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("entra", alert.Text, StringComparison.Ordinal);
        OffboardingEvidence escalated = harness.Evidence.Last();
        Assert.Equal(OffboardingEvidence.InProgress, escalated.Status);
        Assert.False(escalated.WithinSla);
        Assert.NotNull(escalated.EscalatedAt);
        Assert.Equal(AccessOutcomes.Pending, Assert.Single(escalated.Systems, s => s.System == "okta").State);
        Assert.Contains(harness.Statuses, s => s.Step == "escalated");
        Assert.False(run.IsCompleted);

        // Work went on: okta answers after the deadline.
        oktaAnswer.SetResult(harness.Revoked(new RevokeAccessInput(OffboardingId, EmployeeId, Targets[2], 2, CorrelationId)));
        OffboardingResult result = await run;

        Assert.Equal(OffboardingOrchestrator.CompletedLate, result.Outcome);
        Assert.False(result.WithinSla);
        OffboardingEvidence final = harness.Evidence.Last();
        Assert.Equal(OffboardingEvidence.CompletedLate, final.Status);
        Assert.False(final.WithinSla);
        Assert.Equal(escalated.EscalatedAt, final.EscalatedAt);
        Assert.True(Assert.Single(final.Systems, s => s.System == "okta").Late);
        Assert.False(Assert.Single(final.Systems, s => s.System == "entra").Late);
        Assert.Equal(2, Assert.Single(final.Systems, s => s.System == "okta").Attempts);
    }

    [Fact]
    public async Task A_change_before_the_effective_time_restarts_and_a_withdrawn_termination_ends_cancelled_with_nothing_revoked()
    {
        var waiting = new OffboardingHarness { ChangeAtEffectiveTimer = true };

        OffboardingResult first = await waiting.RunAsync();

        Assert.Equal(OffboardingOrchestrator.Restarted, first.Outcome);
        OffboardingInput next = Assert.Single(waiting.ContinuedAsNew);
        Assert.True(next.WasScheduled);
        Assert.Equal("corr-change", next.CorrelationId);
        Assert.Empty(waiting.Revocations);
        Assert.Empty(waiting.Evidence);

        var reread = new OffboardingHarness { Input = next };
        reread.Plan = reread.Plan with { Employee = Employee with { Status = "Active", TerminationDate = null, TerminationEffectiveAt = null } };

        OffboardingResult second = await reread.RunAsync();

        Assert.Equal(OffboardingOrchestrator.Cancelled, second.Outcome);
        Assert.Empty(reread.Revocations);
        Assert.Empty(reread.Evidence);
        Assert.Empty(reread.Timers);
        Assert.Equal(OffboardingOrchestrator.Cancelled, reread.Statuses.Last().Step);
    }

    [Fact]
    public async Task A_termination_withdrawn_without_a_webhook_is_caught_by_the_read_at_the_effective_time()
    {
        var harness = new OffboardingHarness();
        harness.PlanAfterWait = harness.Plan with { Employee = Employee with { Status = "Active", TerminationDate = null, TerminationEffectiveAt = null } };

        OffboardingResult result = await harness.RunAsync();

        Assert.Equal(OffboardingOrchestrator.Cancelled, result.Outcome);
        Assert.Empty(harness.Revocations);
        Assert.Empty(harness.Evidence);
    }

    [Fact]
    public async Task A_termination_moved_later_waits_again_for_the_new_time()
    {
        DateTimeOffset later = EffectiveAt.AddHours(2);
        var harness = new OffboardingHarness();
        harness.PlanAfterWait = harness.Plan with { Employee = Employee with { TerminationEffectiveAt = later } };

        OffboardingResult result = await harness.RunAsync();

        Assert.Equal([EffectiveAt.UtcDateTime, later.UtcDateTime], harness.Timers.Take(2));
        Assert.Equal(OffboardingOrchestrator.OffboardingIdFor(EmployeeId, later), result.OffboardingId);
        Assert.Equal(later + Deadline, harness.Evidence.Last().Deadline);
    }

    [Fact]
    public async Task A_permanent_rejection_is_not_retried_and_goes_to_manual_review_with_the_reason()
    {
        var harness = new OffboardingHarness()
            .System("github", _ => Rejected("github answered 403 Forbidden: Must have admin rights to Organization."))
            .Decide(new ReviewDecision(OffboardingReviews.RevokedManually, "removed in the org settings, ticket IT-42", "sam", null));

        OffboardingResult result = await harness.RunAsync();

        Assert.Single(harness.Revocations, r => r.Target.System == "github");
        ReviewRequest review = harness.Statuses.Where(s => s.Step == ManualReview.AwaitingStep).Select(s => s.Review!).Single();
        Assert.Contains("github rejected revoking ada-gh: github answered 403 Forbidden: Must have admin rights to Organization.", review.Reason, StringComparison.Ordinal);
        Assert.Equal([OffboardingReviews.Retry, OffboardingReviews.RevokedManually, OffboardingReviews.NoAccount], review.Actions.Select(a => a.Name));

        SystemEvidence github = Assert.Single(harness.Evidence.Last().Systems, s => s.System == "github");
        Assert.Equal(AccessOutcomes.RevokedManually, github.State);
        Assert.Equal("sam", github.SettledBy);
        Assert.Equal("removed in the org settings, ticket IT-42", github.Detail);
        Assert.Contains("403", github.LastError, StringComparison.Ordinal);

        // Evidence at start, once the calls settled (github open), after the review, at the end.
        Assert.Equal(4, harness.Evidence.Count());
        Assert.Equal(AccessOutcomes.Pending, Assert.Single(harness.Evidence.ElementAt(1).Systems, s => s.System == "github").State);
        Assert.Equal(OffboardingOrchestrator.Completed, result.Outcome);
    }

    [Fact]
    public async Task A_review_answered_retry_revokes_again()
    {
        int calls = 0;
        var harness = new OffboardingHarness()
            .System("github", input => ++calls == 1 ? Rejected("github answered 403 Forbidden") : Task.FromResult(new RevocationResult("github", AccessOutcomes.AlreadyRevoked, EffectiveAt, "c", "gone")))
            .Decide(new ReviewDecision(OffboardingReviews.Retry, null, "sam", "permission fixed"));

        OffboardingResult result = await harness.RunAsync();

        Assert.Equal([1, 2], harness.Revocations.Where(r => r.Target.System == "github").Select(r => r.Attempt));
        Assert.Equal(AccessOutcomes.AlreadyRevoked, Assert.Single(result.Systems, s => s.System == "github").State);
        Assert.Equal(OffboardingOrchestrator.Completed, result.Outcome);
    }

    [Fact]
    public async Task Transient_failures_are_retried_on_durable_timers_with_growing_delays()
    {
        int calls = 0;
        var harness = new OffboardingHarness()
            .System("okta", input => ++calls < 3 ? Transient("okta answered 429") : Task.FromResult(new RevocationResult("okta", AccessOutcomes.Revoked, EffectiveAt, "corr-off-okta-a3", "deactivated")));

        OffboardingResult result = await harness.RunAsync();

        Assert.Equal([1, 2, 3], harness.Revocations.Where(r => r.Target.System == "okta").Select(r => r.Attempt));
        DateTime start = EffectiveAt.UtcDateTime;
        Assert.Contains(start + OffboardingRetry.Delay(1), harness.Timers);
        Assert.Contains(start + OffboardingRetry.Delay(1) + OffboardingRetry.Delay(2), harness.Timers);
        SystemEvidence okta = Assert.Single(result.Systems, s => s.System == "okta");
        Assert.Equal(3, okta.Attempts);
        Assert.Equal("okta answered 429", okta.LastError);
        Assert.Equal(OffboardingOrchestrator.Completed, result.Outcome);
    }

    [Fact]
    public async Task Attempts_that_run_out_go_to_review_instead_of_giving_up()
    {
        var harness = new OffboardingHarness()
            .System("okta", _ => Transient("okta answered 500"))
            .Decide(new ReviewDecision(OffboardingReviews.NoAccount, null, "sam", "contractor, never had okta"));

        OffboardingResult result = await harness.RunAsync();

        Assert.Equal(OffboardingRetry.MaxAttempts, harness.Revocations.Count(r => r.Target.System == "okta"));
        ReviewRequest review = harness.Statuses.Where(s => s.Step == ManualReview.AwaitingStep).Select(s => s.Review!).Single();
        Assert.Contains($"okta still failed after {OffboardingRetry.MaxAttempts} attempts", review.Reason, StringComparison.Ordinal);
        Assert.Equal(AccessOutcomes.NoAccount, Assert.Single(result.Systems, s => s.System == "okta").State);
    }

    [Fact]
    public async Task A_termination_already_in_effect_starts_at_once_without_a_timer()
    {
        var harness = new OffboardingHarness();
        harness.Plan = harness.Plan with { Employee = Employee with { TerminationEffectiveAt = new DateTimeOffset(Now).AddHours(-1) } };

        OffboardingResult result = await harness.RunAsync();

        Assert.DoesNotContain(harness.Statuses, s => s.Step == "waiting-for-effective-time");
        Assert.Single(harness.Timers);
        Assert.Equal(3, harness.Revocations.Count());
        Assert.Equal(OffboardingOrchestrator.Completed, result.Outcome);
    }

    [Fact]
    public async Task A_completed_offboarding_for_the_same_termination_is_not_done_twice()
    {
        var harness = new OffboardingHarness();
        harness.Plan = harness.Plan with { CompletedOffboardingId = OffboardingId };

        OffboardingResult result = await harness.RunAsync();

        Assert.Equal(OffboardingOrchestrator.AlreadyOffboarded, result.Outcome);
        Assert.Empty(harness.Revocations);
        Assert.Empty(harness.Evidence);
    }

    [Fact]
    public async Task A_termination_withdrawn_after_offboarding_alerts_and_restores_nothing()
    {
        var harness = new OffboardingHarness();
        harness.Plan = harness.Plan with
        {
            Employee = Employee with { Status = "Active", TerminationDate = null, TerminationEffectiveAt = null },
            CompletedOffboardingId = OffboardingId,
        };

        OffboardingResult result = await harness.RunAsync();

        Assert.Equal(OffboardingOrchestrator.Reinstated, result.Outcome);
        AlertInput alert = Assert.Single(harness.Alerts);
        Assert.Equal("warning", alert.Severity);
        Assert.Contains(OffboardingId, alert.Text, StringComparison.Ordinal);
        Assert.Empty(harness.Revocations);
    }

    [Fact]
    public async Task An_employee_without_a_termination_is_left_alone()
    {
        var harness = new OffboardingHarness();
        harness.Plan = harness.Plan with { Employee = Employee with { Status = "Active", TerminationDate = null, TerminationEffectiveAt = null } };

        OffboardingResult result = await harness.RunAsync();

        Assert.Equal(OffboardingOrchestrator.NotTerminated, result.Outcome);
        Assert.Empty(harness.Revocations);
        Assert.Empty(harness.Alerts);
    }

    [Fact]
    public void Retry_delays_double_from_ten_seconds_and_stop_growing_at_ten_minutes()
    {
        Assert.Equal(TimeSpan.FromSeconds(10), OffboardingRetry.Delay(1));
        Assert.Equal(TimeSpan.FromSeconds(20), OffboardingRetry.Delay(2));
        Assert.Equal(TimeSpan.FromSeconds(320), OffboardingRetry.Delay(6));
        Assert.Equal(TimeSpan.FromMinutes(10), OffboardingRetry.Delay(7));
        Assert.Throws<ArgumentOutOfRangeException>(() => OffboardingRetry.Delay(0));
    }
}
