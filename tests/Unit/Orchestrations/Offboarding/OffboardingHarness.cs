using Integration.Orchestrations.Common;
using Integration.Orchestrations.Employees;
using Integration.Orchestrations.Offboarding;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Moq.Protected;
using Xunit;

namespace Integration.Tests.Unit.Orchestrations.Offboarding;

/// <summary>
/// A strict mocked orchestration context for the offboarding workflow. Each system's revocation answers
/// from a per-system script (succeed, fail transiently, reject, or wait for the test); the deadline
/// timer fires only when the test says; the effective-time and back-off timers fire at once (moving
/// orchestration time to their deadline) unless held. Every call, status, timer and evidence write is recorded.
/// </summary>
internal sealed class OffboardingHarness
{
    public const string EmployeeId = "7";
    public const string CorrelationId = "corr-off";
    public const string InstanceId = "offboarding-7";

    public static readonly DateTime Now = new(2026, 3, 2, 16, 0, 0, DateTimeKind.Utc);
    public static readonly DateTimeOffset EffectiveAt = new(2026, 3, 2, 17, 0, 0, TimeSpan.Zero);
    // Three hours, not four: a review's 4-hour reminder timer must not coincide with the deadline timer here.
    public static readonly TimeSpan Deadline = TimeSpan.FromHours(3);

    public static readonly HrEmployee Employee = new(
        EmployeeId, "Ada", "Lovelace", "Ada Lovelace", "ada@example.com", "Inactive", "Terminated",
        new DateOnly(2020, 1, 6), new DateOnly(2026, 3, 2), EffectiveAt, "Engineering", "Engineer",
        new Dictionary<string, string> { ["githubUsername"] = "ada-gh" });

    public static readonly AccessTarget[] Targets =
    [
        new("entra", "graph", "ada@example.com"),
        new("github", "github", "ada-gh"),
        new("okta", "okta", "ada@example.com"),
        new("zoom", "zoom", null, "HR record has no zoomEmail"),
    ];

    private readonly Dictionary<string, Func<RevokeAccessInput, Task<RevocationResult>>> systems = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<EmployeeChanged> changed = new();
    private readonly TaskCompletionSource deadline = new();
    private readonly Queue<ReviewDecision> decisions = new();
    private TaskCompletionSource<ReviewDecision> pendingDecision = new();
    private DateTime clock = Now;

    public OffboardingHarness()
    {
        Plan = new EmployeeAccessPlan(Employee, Targets, Deadline, null);
        Context.SetupGet(c => c.InstanceId).Returns(InstanceId);
        Context.SetupGet(c => c.CurrentUtcDateTime).Returns(() => clock);
        Context.SetupGet(c => c.IsReplaying).Returns(false);
        Context.Protected().SetupGet<ILoggerFactory>("LoggerFactory").Returns(NullLoggerFactory.Instance);
        Context.Setup(c => c.CreateReplaySafeLogger<OffboardingOrchestrator>()).CallBase();
        Context.Setup(c => c.NewGuid()).Returns(() => Guid.NewGuid()); // review ids: a new one per question
        Context.Setup(c => c.SetCustomStatus(It.IsAny<object?>())).Callback<object?>(s => Statuses.Add(Assert.IsType<WorkflowStatus>(s)));
        Context.Setup(c => c.WaitForExternalEvent<EmployeeChanged>(EmployeeChanged.EventName, It.IsAny<CancellationToken>())).Returns(changed.Task);
        Context.Setup(c => c.WaitForExternalEvent<ReviewDecision>(ManualReview.DecisionEvent, It.IsAny<CancellationToken>())).Returns(() => pendingDecision.Task);
        Context.Setup(c => c.ContinueAsNew(It.IsAny<object?>(), It.IsAny<bool>()))
            .Callback<object?, bool>((input, _) => ContinuedAsNew.Add(Assert.IsType<OffboardingInput>(input)));
        Context.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()))
            .Returns<DateTime, CancellationToken>((at, _) =>
            {
                Timers.Add(at);
                if (at == (EffectiveAt + Deadline).UtcDateTime || at == (PlanAfterWait?.Employee.TerminationEffectiveAt + Deadline)?.UtcDateTime)
                {
                    return deadline.Task;
                }

                if (at == clock + ManualReview.EscalateAfter)
                {
                    return new TaskCompletionSource().Task;
                }

                if (at == EffectiveAt.UtcDateTime && ChangeAtEffectiveTimer)
                {
                    changed.TrySetResult(new EmployeeChanged("hr-2", "corr-change", "hr.employee.employment_changed.v1"));
                    return new TaskCompletionSource().Task;
                }

                clock = at;
                return Task.CompletedTask;
            });

        Context.Setup(c => c.CallActivityAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns<TaskName, object?, TaskOptions?>((n, input, _) =>
            {
                Calls.Add((n.Name, input));
                if (n.Name == ActivityNames.RaiseReviewAlert && ((ReviewAlertInput)input!).Escalation == 0)
                {
                    pendingDecision = new TaskCompletionSource<ReviewDecision>();
                    if (decisions.Count > 0)
                    {
                        pendingDecision.TrySetResult(decisions.Dequeue());
                    }
                }

                return Task.CompletedTask;
            });
        Context.Setup(c => c.CallActivityAsync<EmployeeAccessPlan>(It.Is<TaskName>(n => n.Name == ActivityNames.LoadEmployeeAccess), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns<TaskName, object?, TaskOptions?>((n, input, _) =>
            {
                Calls.Add((n.Name, input));
                return Task.FromResult(Calls.Count(c => c.Name == ActivityNames.LoadEmployeeAccess) > 1 && PlanAfterWait is { } after ? after : Plan);
            });
        Context.Setup(c => c.CallActivityAsync<RevocationResult>(It.Is<TaskName>(n => n.Name == ActivityNames.RevokeAccess), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns<TaskName, object?, TaskOptions?>((n, input, _) =>
            {
                var revoke = (RevokeAccessInput)input!;
                Calls.Add((n.Name, revoke));
                return systems.TryGetValue(revoke.Target.System, out var script) ? script(revoke) : Task.FromResult(Revoked(revoke));
            });
    }

    public Mock<TaskOrchestrationContext> Context { get; } = new(MockBehavior.Strict);

    public EmployeeAccessPlan Plan { get; set; }

    /// <summary>What HR says when the workflow reads it again after the effective-time wait (null: the same as <see cref="Plan"/>).</summary>
    public EmployeeAccessPlan? PlanAfterWait { get; set; }

    public OffboardingInput Input { get; set; } = new(EmployeeId, CorrelationId, "hr-1");

    /// <summary>When true, an HR change arrives instead of the effective-time timer firing.</summary>
    public bool ChangeAtEffectiveTimer { get; set; }

    public List<(string Name, object? Input)> Calls { get; } = [];

    public List<WorkflowStatus> Statuses { get; } = [];

    public List<DateTime> Timers { get; } = [];

    public List<OffboardingInput> ContinuedAsNew { get; } = [];

    public IEnumerable<RevokeAccessInput> Revocations => Calls.Where(c => c.Name == ActivityNames.RevokeAccess).Select(c => (RevokeAccessInput)c.Input!);

    public IEnumerable<OffboardingEvidence> Evidence => Calls.Where(c => c.Name == ActivityNames.RecordOffboardingEvidence).Select(c => (OffboardingEvidence)c.Input!);

    public IEnumerable<AlertInput> Alerts => Calls.Where(c => c.Name == ActivityNames.RaiseAlert).Select(c => (AlertInput)c.Input!);

    /// <summary>Answers the system's revocations with <paramref name="script"/> (called once per attempt).</summary>
    public OffboardingHarness System(string system, Func<RevokeAccessInput, Task<RevocationResult>> script)
    {
        systems[system] = script;
        return this;
    }

    public OffboardingHarness Decide(params ReviewDecision[] answers)
    {
        foreach (ReviewDecision d in answers)
        {
            decisions.Enqueue(d);
        }

        return this;
    }

    /// <summary>Fires the deadline timer: orchestration time moves to the deadline.</summary>
    public void FireDeadline()
    {
        clock = (EffectiveAt + Deadline).UtcDateTime;
        deadline.TrySetResult();
    }

    public Task<OffboardingResult> RunAsync() => new OffboardingOrchestrator().RunAsync(Context.Object, Input);

    /// <summary>The answer of a revocation done at the current orchestration time.</summary>
    public RevocationResult Revoked(RevokeAccessInput input, string outcome = AccessOutcomes.Revoked) =>
        new(input.Target.System, outcome, new DateTimeOffset(clock, TimeSpan.Zero), $"{input.CorrelationId}-{input.Target.System}-a{input.Attempt}", $"{input.Target.System}: {outcome}");

    public static Task<RevocationResult> Transient(string message) =>
        Task.FromException<RevocationResult>(new TaskFailedException(ActivityNames.RevokeAccess, 3, new TaskFailureDetails(typeof(HttpRequestException).FullName!, message, null, null, null)));

    public static Task<RevocationResult> Rejected(string message) =>
        Task.FromException<RevocationResult>(new TaskFailedException(ActivityNames.RevokeAccess, 3, new TaskFailureDetails(typeof(PermanentActivityFailureException).FullName!, message, null, null, null)));
}
