using Integration.Orchestrations.Common;
using Integration.Orchestrations.Employees;
using Integration.Orchestrations.Offboarding;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Integration.Orchestrations.Onboarding;

/// <summary>
/// Gives a new hire their accounts: reads the HR record, creates the account in every applicable
/// system in parallel (an existing account is linked, never duplicated), reports which succeeded, and
/// asks a person about each system that would not, one review at a time.
/// </summary>
public sealed class OnboardingOrchestrator : TaskOrchestrator<OnboardingInput, OnboardingResult>
{
    public const string Completed = "completed";
    public const string CompletedWithReviews = "completed-with-reviews";
    public const string DeadLettered = WorkflowDeadLetter.Step;

    /// <summary>The business-key instance id: one workflow per hire, so a duplicate event is a no-op.</summary>
    public static string InstanceIdFor(string employeeId) => $"onboarding-{employeeId}";

    public override async Task<OnboardingResult> RunAsync(TaskOrchestrationContext context, OnboardingInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        ILogger log = context.CreateReplaySafeLogger<OnboardingOrchestrator>();
        try
        {
            EmployeeAccessPlan plan = await context.CallActivityAsync<EmployeeAccessPlan>(
                ActivityNames.LoadEmployeeAccess,
                new LoadEmployeeAccessInput(input.EmployeeId, input.CorrelationId, LoadEmployeeAccessInput.Onboarding),
                WorkflowRetry.Standard);
            var lines = plan.Targets.Select(t => new Line(t)).ToList();
            SetStatus(context, "provisioning", $"creating accounts for {plan.Employee.DisplayName} in {lines.Count(l => l.Open)} systems");

            await Task.WhenAll(lines.Where(l => l.Open).Select(l => ProvisionWithRetriesAsync(context, input, plan.Employee, l)));
            await ReportAsync(context, input, plan.Employee, lines);

            List<Line> failed = lines.Where(l => l.Open).ToList();
            foreach (Line line in failed)
            {
                await ReviewAsync(context, input, plan.Employee, line);
            }

            string outcome = failed.Count == 0 ? Completed : CompletedWithReviews;
            SetStatus(context, outcome, $"accounts for {plan.Employee.DisplayName}: {Summary(lines)}");
            log.LogInformation("Onboarding of {EmployeeId}: {Outcome} ({CorrelationId})", input.EmployeeId, outcome, input.CorrelationId);
            return new OnboardingResult(outcome, input.EmployeeId, lines.Select(l => l.ToResult()).ToList());
        }
        catch (TaskFailedException ex)
        {
            log.LogWarning("Onboarding of {EmployeeId} failed at {Activity}: {Error} ({CorrelationId})", input.EmployeeId, ex.TaskName, ex.FailureDetails.ErrorMessage, input.CorrelationId);
            await WorkflowDeadLetter.RecordAsync(context, input.CorrelationId, $"{ex.TaskName} failed: {ex.FailureDetails.ErrorMessage}", ex.FailureDetails.ErrorType);
            return new OnboardingResult(DeadLettered, input.EmployeeId, []);
        }
    }

    /// <summary>Creates with the per-system retry loop; leaves the line open when a person must decide.</summary>
    private static async Task ProvisionWithRetriesAsync(TaskOrchestrationContext context, OnboardingInput input, HrEmployee employee, Line line)
    {
        ProvisionResult? result = await line.RunAsync(context, attempt => context.CallActivityAsync<ProvisionResult>(
            ActivityNames.ProvisionAccess,
            new ProvisionAccessInput(input.EmployeeId, employee, line.Target, attempt, input.CorrelationId)));
        if (result is not null)
        {
            line.Settle(result.Outcome, result.AccountId, result.Detail);
        }
    }

    private static async Task ReviewAsync(TaskOrchestrationContext context, OnboardingInput input, HrEmployee employee, Line line)
    {
        while (line.Open)
        {
            string why = $"{line.Target.System} would not create an account for {line.Target.AccountKey}: {line.LastError}";
            ReviewDecision decision = await ManualReview.RequestAsync(context, OnboardingReviews.For(employee, why), input.CorrelationId);
            switch (decision.Action)
            {
                case OnboardingReviews.Retry:
                    await ProvisionWithRetriesAsync(context, input, employee, line);
                    break;
                case OnboardingReviews.CreatedManually:
                    line.Settle(AccessOutcomes.CreatedManually, decision.Value, $"created by {decision.ReviewedBy ?? "an operator"}: {decision.Comment}");
                    break;
                case OnboardingReviews.Skip:
                    line.Settle(AccessOutcomes.Skipped, null, $"skipped by {decision.ReviewedBy ?? "an operator"}: {decision.Comment}");
                    break;
            }
        }
    }

    /// <summary>Tells the people who set up new starters what is ready and what waits for them.</summary>
    private static Task ReportAsync(TaskOrchestrationContext context, OnboardingInput input, HrEmployee employee, List<Line> lines)
    {
        bool allDone = lines.All(l => !l.Open);
        return context.CallActivityAsync(
            ActivityNames.RaiseAlert,
            new AlertInput(
                allDone ? "info" : "warning",
                $"Onboarding {(allDone ? "done" : "needs review")}: {employee.DisplayName}",
                $"Accounts for {employee.DisplayName} (employee {employee.Id}): {Summary(lines)}.",
                context.InstanceId,
                input.CorrelationId),
            WorkflowRetry.Standard);
    }

    private static string Summary(List<Line> lines) => string.Join("; ", lines.Select(l => $"{l.Target.System}: {(l.Open ? "needs review (" + l.LastError + ")" : l.State)}"));

    private static void SetStatus(TaskOrchestrationContext context, string step, string detail) =>
        context.SetCustomStatus(new WorkflowStatus(step, detail, context.CurrentUtcDateTime));

    /// <summary>One system's progress in this onboarding.</summary>
    private sealed class Line(AccessTarget target) : SystemAttempts(target)
    {
        public string? State { get; private set; } = target.NotApplicableReason is null ? null : AccessOutcomes.NotApplicable;

        public bool Open => State is null;

        private string? accountId;
        private string? detail = target.NotApplicableReason;

        public void Settle(string state, string? id, string? text)
        {
            State = state;
            accountId = id;
            detail = text;
        }

        public SystemProvisioning ToResult() => new(Target.System, Target.Kind, Target.AccountKey, State ?? AccessOutcomes.Failed, accountId, Attempts, LastError, detail);
    }
}
