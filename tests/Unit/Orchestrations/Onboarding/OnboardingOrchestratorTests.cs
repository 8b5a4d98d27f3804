using Integration.Orchestrations.Common;
using Integration.Orchestrations.Employees;
using Integration.Orchestrations.Offboarding;
using Integration.Orchestrations.Onboarding;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Moq.Protected;
using Xunit;

namespace Integration.Tests.Unit.Orchestrations.Onboarding;

/// <summary>The onboarding workflow over a strict mocked context: parallel creation, linking, report, review of the rest.</summary>
public sealed class OnboardingOrchestratorTests
{
    private static readonly DateTime Now = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    private static readonly HrEmployee Hire = new(
        "8", "Grace", "Hopper", "Grace Hopper", "grace@example.com", "Active", "Full-Time",
        new DateOnly(2026, 3, 2), null, null, "Engineering", "Engineer", new Dictionary<string, string>());

    private static readonly AccessTarget[] Targets =
    [
        new("entra", "graph", "grace@example.com"),
        new("github", "github", null, "HR record has no githubUsername"),
        new("okta", "okta", "grace@example.com"),
        new("slack", "slack-scim", "grace@example.com"),
    ];

    private readonly Mock<TaskOrchestrationContext> context = new(MockBehavior.Strict);
    private readonly List<(string Name, object? Input)> calls = [];
    private readonly List<WorkflowStatus> statuses = [];
    private readonly Queue<ReviewDecision> decisions = new();
    private Func<ProvisionAccessInput, Task<ProvisionResult>> provision = input => Task.FromResult(Created(input));
    private TaskCompletionSource<ReviewDecision> pendingDecision = new();

    public OnboardingOrchestratorTests()
    {
        context.SetupGet(c => c.InstanceId).Returns("onboarding-8");
        context.SetupGet(c => c.CurrentUtcDateTime).Returns(Now);
        context.SetupGet(c => c.IsReplaying).Returns(false);
        context.Protected().SetupGet<ILoggerFactory>("LoggerFactory").Returns(NullLoggerFactory.Instance);
        context.Setup(c => c.CreateReplaySafeLogger<OnboardingOrchestrator>()).CallBase();
        context.Setup(c => c.NewGuid()).Returns(() => Guid.NewGuid()); // review ids: a new one per question
        context.Setup(c => c.SetCustomStatus(It.IsAny<object?>())).Callback<object?>(s => statuses.Add(Assert.IsType<WorkflowStatus>(s)));
        context.Setup(c => c.WaitForExternalEvent<ReviewDecision>(ManualReview.DecisionEvent, It.IsAny<CancellationToken>())).Returns(() => pendingDecision.Task);
        context.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()))
            .Returns<DateTime, CancellationToken>((at, _) => at == Now + ManualReview.EscalateAfter ? new TaskCompletionSource().Task : Task.CompletedTask);
        context.Setup(c => c.CallActivityAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns<TaskName, object?, TaskOptions?>((n, input, _) =>
            {
                calls.Add((n.Name, input));
                if (n.Name == ActivityNames.RaiseReviewAlert)
                {
                    pendingDecision = new TaskCompletionSource<ReviewDecision>();
                    pendingDecision.TrySetResult(decisions.Dequeue());
                }

                return Task.CompletedTask;
            });
        context.Setup(c => c.CallActivityAsync<EmployeeAccessPlan>(It.Is<TaskName>(n => n.Name == ActivityNames.LoadEmployeeAccess), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns<TaskName, object?, TaskOptions?>((n, input, _) =>
            {
                calls.Add((n.Name, input));
                return Task.FromResult(new EmployeeAccessPlan(Hire, Targets, TimeSpan.FromHours(4), null));
            });
        context.Setup(c => c.CallActivityAsync<ProvisionResult>(It.Is<TaskName>(n => n.Name == ActivityNames.ProvisionAccess), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns<TaskName, object?, TaskOptions?>((n, input, _) =>
            {
                calls.Add((n.Name, input));
                return provision((ProvisionAccessInput)input!);
            });
    }

    private IEnumerable<ProvisionAccessInput> Provisions => calls.Where(c => c.Name == ActivityNames.ProvisionAccess).Select(c => (ProvisionAccessInput)c.Input!);

    private AlertInput Report => Assert.Single(calls, c => c.Name == ActivityNames.RaiseAlert).Input as AlertInput ?? throw new InvalidOperationException();

    [Fact]
    public async Task Accounts_are_created_or_linked_in_every_applicable_system_and_the_report_says_which()
    {
        provision = input => Task.FromResult(input.Target.System == "okta" ? Created(input) with { Outcome = AccessOutcomes.Linked } : Created(input));

        OnboardingResult result = await Run();

        Assert.Equal(OnboardingOrchestrator.Completed, result.Outcome);
        Assert.Equal(["entra", "okta", "slack"], Provisions.Select(p => p.Target.System).Order());
        Assert.All(Provisions, p => Assert.Equal(Hire, p.Employee));
        Assert.Equal(
            [("entra", AccessOutcomes.Created), ("github", AccessOutcomes.NotApplicable), ("okta", AccessOutcomes.Linked), ("slack", AccessOutcomes.Created)],
            result.Systems.Select(s => (s.System, s.State)));
        Assert.Equal("info", Report.Severity);
        Assert.Contains("okta: linked", Report.Text, StringComparison.Ordinal);
        Assert.Contains("github: not-applicable", Report.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_system_that_rejects_is_reported_and_goes_to_review_while_the_others_are_kept()
    {
        provision = input => input.Target.System == "slack"
            ? Task.FromException<ProvisionResult>(new TaskFailedException(ActivityNames.ProvisionAccess, 1, new TaskFailureDetails(typeof(PermanentActivityFailureException).FullName!, "slack-scim answered 403: not_allowed", null, null, null)))
            : Task.FromResult(Created(input));
        decisions.Enqueue(new ReviewDecision(OnboardingReviews.CreatedManually, "U0123", "sam", "made in the admin console"));

        OnboardingResult result = await Run();

        Assert.Equal("warning", Report.Severity);
        Assert.Contains("slack: needs review (slack-scim answered 403: not_allowed)", Report.Text, StringComparison.Ordinal);
        ReviewRequest review = statuses.Where(s => s.Step == ManualReview.AwaitingStep).Select(s => s.Review!).Single();
        Assert.Contains("slack would not create an account for grace@example.com", review.Reason, StringComparison.Ordinal);
        SystemProvisioning slack = Assert.Single(result.Systems, s => s.System == "slack");
        Assert.Equal(AccessOutcomes.CreatedManually, slack.State);
        Assert.Equal("U0123", slack.AccountId);
        Assert.Equal(1, slack.Attempts);
        Assert.Equal(OnboardingOrchestrator.CompletedWithReviews, result.Outcome);
        Assert.Equal(AccessOutcomes.Created, Assert.Single(result.Systems, s => s.System == "entra").State);
    }

    [Fact]
    public async Task Transient_failures_are_retried_before_anyone_is_asked()
    {
        int oktaCalls = 0;
        provision = input => input.Target.System == "okta" && ++oktaCalls < 3
            ? Task.FromException<ProvisionResult>(new TaskFailedException(ActivityNames.ProvisionAccess, 1, new TaskFailureDetails(typeof(HttpRequestException).FullName!, "okta answered 503", null, null, null)))
            : Task.FromResult(Created(input));

        OnboardingResult result = await Run();

        Assert.Equal([1, 2, 3], Provisions.Where(p => p.Target.System == "okta").Select(p => p.Attempt));
        Assert.Equal(OnboardingOrchestrator.Completed, result.Outcome);
        Assert.DoesNotContain(calls, c => c.Name == ActivityNames.RaiseReviewAlert);
    }

    private Task<OnboardingResult> Run() => new OnboardingOrchestrator().RunAsync(context.Object, new OnboardingInput("8", "corr-on", "hr-9"));

    private static ProvisionResult Created(ProvisionAccessInput input) =>
        new(input.Target.System, AccessOutcomes.Created, $"id-{input.Target.System}", new DateTimeOffset(Now), $"corr-on-{input.Target.System}-a{input.Attempt}", "created");
}
