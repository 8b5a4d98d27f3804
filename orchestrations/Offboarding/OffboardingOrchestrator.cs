using System.Globalization;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.Employees;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Integration.Orchestrations.Offboarding;

/// <summary>
/// Ends a leaver's access everywhere it is configured, by the deadline, with evidence an auditor can
/// trust. It reads the HR record and decides from it, not from the webhook that woke it:
/// <list type="bullet">
/// <item>a termination in the future: wait for its effective time on a durable timer; an HR change
/// before then re-reads the record, so a cancelled termination ends with nothing revoked;</item>
/// <item>at the effective time: revoke in every applicable system in parallel, each with its own
/// retries, while a deadline timer (4 h by default) runs beside them;</item>
/// <item>deadline first: escalate, naming each open system and its last error, keep working, and mark
/// the record "completed-late"; a system that rejects for good goes to manual review.</item>
/// <item>no configured system applies to the employee: a person is asked (read again, or confirm there is
/// no access to end); a termination never ends as done with nothing revoked on its own.</item>
/// <item>offboarding switched off (Offboarding:Enabled=false): end "offboarding-disabled", saying so.</item>
/// </list>
/// The evidence record is written at start, escalation, each settled review and the end.
/// </summary>
public sealed class OffboardingOrchestrator : TaskOrchestrator<OffboardingInput, OffboardingResult>
{
    public const string Completed = "completed";
    public const string CompletedLate = "completed-late";
    public const string Cancelled = "cancelled";
    public const string NotTerminated = "not-terminated";
    public const string AlreadyOffboarded = "already-offboarded";
    public const string Reinstated = "reinstated";
    public const string Restarted = "restarted";
    public const string Disabled = "offboarding-disabled";
    public const string DeadLettered = WorkflowDeadLetter.Step;

    /// <summary>The business-key instance id: one workflow per employee, so a duplicate event is a no-op.</summary>
    public static string InstanceIdFor(string employeeId) => $"offboarding-{employeeId}";

    /// <summary>One evidence record per termination: the employee and the effective time.</summary>
    public static string OffboardingIdFor(string employeeId, DateTimeOffset effectiveAt) =>
        string.Create(CultureInfo.InvariantCulture, $"{employeeId}-{effectiveAt.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}");

    public override async Task<OffboardingResult> RunAsync(TaskOrchestrationContext context, OffboardingInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        ILogger log = context.CreateReplaySafeLogger<OffboardingOrchestrator>();

        // Registered once for the whole run, so a change during an activity is seen at the next wait.
        Task<EmployeeChanged> changed = context.WaitForExternalEvent<EmployeeChanged>(EmployeeChanged.EventName);
        try
        {
            bool waited = false;
            DateTimeOffset? notBefore = null;
            while (true)
            {
                EmployeeAccessPlan plan = await context.CallActivityAsync<EmployeeAccessPlan>(
                    ActivityNames.LoadEmployeeAccess,
                    new LoadEmployeeAccessInput(input.EmployeeId, input.CorrelationId, LoadEmployeeAccessInput.Offboarding, notBefore),
                    WorkflowRetry.Standard);
                HrEmployee employee = plan.Employee;
                if (plan.OffboardingDisabled)
                {
                    string off = $"offboarding is switched off (Offboarding:Enabled=false): nothing was revoked for {employee.DisplayName}";
                    log.LogWarning("Offboarding of {EmployeeId} skipped: offboarding is switched off ({CorrelationId})", input.EmployeeId, input.CorrelationId);
                    SetStatus(context, Disabled, off);
                    return new OffboardingResult(Disabled, null, employee.TerminationEffectiveAt, null, null, []);
                }

                if (employee.TerminationEffectiveAt is not { } effectiveAt)
                {
                    return await NoTerminationAsync(context, input with { WasScheduled = input.WasScheduled || waited }, plan);
                }

                string offboardingId = OffboardingIdFor(employee.Id, effectiveAt);
                if (plan.CompletedOffboardingId == offboardingId)
                {
                    string done = $"{employee.DisplayName} was already offboarded for {effectiveAt:u} (evidence {offboardingId})";
                    SetStatus(context, AlreadyOffboarded, done);
                    return new OffboardingResult(AlreadyOffboarded, offboardingId, effectiveAt, null, null, []);
                }

                if (effectiveAt > context.CurrentUtcDateTime)
                {
                    SetStatus(context, "waiting-for-effective-time", $"access of {employee.DisplayName} ends at {effectiveAt:u}", effectiveAt);
                    // No timer margin: the read below holds until the effective time itself, so an early timer
                    // costs nothing and a punctual one does not add a second.
                    if (!await DurableWaits.UntilAsync(context, effectiveAt, changed, margin: TimeSpan.Zero))
                    {
                        EmployeeChanged change = await changed;
                        log.LogInformation("Employee {EmployeeId} changed ({EventType}) before the effective time; reading again ({CorrelationId})", input.EmployeeId, change.EventType, change.CorrelationId);
                        context.ContinueAsNew(new OffboardingInput(input.EmployeeId, change.CorrelationId, change.EventId, WasScheduled: true), preserveUnprocessedEvents: true);
                        return new OffboardingResult(Restarted, offboardingId, effectiveAt, null, null, []);
                    }

                    // Read HR again before revoking anything: a withdrawn or moved termination whose webhook
                    // was lost (or deduplicated) must not cost a colleague their access.
                    waited = true;
                    notBefore = effectiveAt;
                    continue;
                }

                NoAccessConfirmation? confirmed = null;
                if (!plan.Targets.Any(t => t.NotApplicableReason is null))
                {
                    ReviewDecision? decision = await ManualReview.RequestAsync(
                        context, OffboardingReviews.NothingApplies(employee, NothingAppliesReason(plan)), input.CorrelationId, changed);
                    if (decision is null)
                    {
                        // HR changed while a person was being asked: read it again in a fresh run.
                        EmployeeChanged change = await changed;
                        context.ContinueAsNew(new OffboardingInput(input.EmployeeId, change.CorrelationId, change.EventId, input.WasScheduled || waited), preserveUnprocessedEvents: true);
                        return new OffboardingResult(Restarted, offboardingId, effectiveAt, null, null, []);
                    }

                    if (decision.Action == OffboardingReviews.Retry)
                    {
                        notBefore = null;
                        continue;
                    }

                    confirmed = new NoAccessConfirmation(decision.ReviewedBy, decision.Value ?? decision.Comment ?? "confirmed by an operator");
                }

                OffboardingResult result = await new Revocation(context, input, plan, offboardingId, effectiveAt, confirmed).RunAsync();
                log.LogInformation("Offboarding {OffboardingId}: {Outcome} ({CorrelationId})", offboardingId, result.Outcome, input.CorrelationId);
                return result;
            }
        }
        catch (TaskFailedException ex)
        {
            // Only the HR read and evidence writes get here (revocations are settled per system); without
            // them nothing can be proven, so a person must look.
            log.LogWarning("Offboarding of {EmployeeId} failed at {Activity}: {Error} ({CorrelationId})", input.EmployeeId, ex.TaskName, ex.FailureDetails.ErrorMessage, input.CorrelationId);
            await WorkflowDeadLetter.RecordAsync(context, input.CorrelationId, $"{ex.TaskName} failed: {ex.FailureDetails.ErrorMessage}", ex.FailureDetails.ErrorType);
            return new OffboardingResult(DeadLettered, null, null, null, null, []);
        }
    }

    /// <summary>The record shows no termination: cancelled if this instance was waiting for one, else nothing to do.</summary>
    private static async Task<OffboardingResult> NoTerminationAsync(TaskOrchestrationContext context, OffboardingInput input, EmployeeAccessPlan plan)
    {
        ILogger log = context.CreateReplaySafeLogger<OffboardingOrchestrator>();
        HrEmployee employee = plan.Employee;
        if (input.WasScheduled)
        {
            string why = $"the termination of {employee.DisplayName} was withdrawn before it took effect: nothing was revoked";
            SetStatus(context, Cancelled, why);
            log.LogInformation("Offboarding of {EmployeeId} cancelled ({CorrelationId})", input.EmployeeId, input.CorrelationId);
            return new OffboardingResult(Cancelled, null, null, null, null, []);
        }

        if (plan.CompletedOffboardingId is { } earlier)
        {
            // Access is never restored automatically: a person decides, with the evidence in hand.
            string text = $"{employee.DisplayName} (employee {employee.Id}) is {employee.Status} in HR with no termination, " +
                $"but was offboarded (evidence {earlier}). Access stays revoked; restore it by hand or through onboarding if the return is real.";
            await context.CallActivityAsync(
                ActivityNames.RaiseAlert,
                new AlertInput("warning", $"Termination withdrawn after offboarding: {employee.DisplayName}", text, context.InstanceId, input.CorrelationId),
                WorkflowRetry.Standard);
            SetStatus(context, Reinstated, text);
            return new OffboardingResult(Reinstated, earlier, null, null, null, []);
        }

        string none = $"{employee.DisplayName} has no termination in HR: nothing to revoke";
        SetStatus(context, NotTerminated, none);
        return new OffboardingResult(NotTerminated, null, null, null, null, []);
    }

    /// <summary>Why nothing would be revoked: no target takes part in offboarding, or each one's reason for not applying.</summary>
    private static string NothingAppliesReason(EmployeeAccessPlan plan) => plan.Targets.Count == 0
        ? "no identity system takes part in offboarding (Identity:Targets), so nothing would be revoked"
        : "no configured system applies, so nothing would be revoked: " + string.Join("; ", plan.Targets.Select(t => $"{t.System}: {t.NotApplicableReason}"));

    private static void SetStatus(TaskOrchestrationContext context, string step, string detail, DateTimeOffset? waitingUntil = null) =>
        context.SetCustomStatus(new WorkflowStatus(step, detail, context.CurrentUtcDateTime) { WaitingUntil = waitingUntil });

    /// <summary>One offboarding from the effective time on; the per-system lines are its shared state.</summary>
    /// <summary>A person's word that an employee no configured system applies to has no access to end.</summary>
    private sealed record NoAccessConfirmation(string? By, string Note);

    private sealed class Revocation(
        TaskOrchestrationContext context, OffboardingInput input, EmployeeAccessPlan plan, string offboardingId, DateTimeOffset effectiveAt, NoAccessConfirmation? confirmed)
    {
        private readonly DateTimeOffset deadline = effectiveAt + plan.Deadline;
        private readonly List<SystemLine> lines = plan.Targets.Select(t => new SystemLine(t)).ToList();
        private DateTimeOffset startedAt;
        private DateTimeOffset? escalatedAt;

        public async Task<OffboardingResult> RunAsync()
        {
            startedAt = Now;
            HrEmployee employee = plan.Employee;
            if (confirmed is not null)
            {
                // The confirmation is the evidence line: an auditor sees who said there was nothing to revoke, and how they knew.
                var line = new SystemLine(new AccessTarget("(no applicable system)", "none", null));
                line.Settle(AccessOutcomes.ConfirmedNoAccess, Now, null, confirmed.Note, confirmed.By, IsLate(Now));
                lines.Add(line);
            }

            await SaveEvidenceAsync(OffboardingEvidence.InProgress, completedAt: null, withinSla: null);
            SetStatus(context, "revoking", $"revoking access of {employee.DisplayName} in {Open.Count()} systems; deadline {deadline:u}");

            using var cancelDeadline = new CancellationTokenSource();
            Task deadlineTimer = deadline.UtcDateTime > context.CurrentUtcDateTime
                ? context.CreateTimer(deadline.UtcDateTime, cancelDeadline.Token)
                : Task.CompletedTask;
            Task work = SettleAllAsync();
            if (await Task.WhenAny(work, deadlineTimer) == deadlineTimer && !work.IsCompleted)
            {
                await EscalateAsync();
                await work;
            }
            else
            {
                // Synchronous on purpose; see ManualReview.
                cancelDeadline.Cancel();
            }

            DateTimeOffset completedAt = Now;
            bool withinSla = escalatedAt is null && completedAt <= deadline && lines.All(l => !l.Late);
            string status = withinSla ? OffboardingEvidence.Completed : OffboardingEvidence.CompletedLate;
            await SaveEvidenceAsync(status, completedAt, withinSla);
            string ended = confirmed is null
                ? $"access of {employee.DisplayName} ended in {lines.Count} systems"
                : $"nothing to revoke for {employee.DisplayName}: no configured system applies, confirmed by {confirmed.By ?? "an operator"} ({confirmed.Note})";
            SetStatus(context, status, ended + (withinSla ? " within the deadline" : $"; deadline {deadline:u} missed"));
            return new OffboardingResult(
                withinSla ? Completed : CompletedLate, offboardingId, effectiveAt, completedAt, withinSla, lines.Select(l => l.ToEvidence()).ToList());
        }

        private DateTimeOffset Now => new(context.CurrentUtcDateTime, TimeSpan.Zero);

        /// <summary>Settled after the deadline, or still open when it passed (the activity's clock may differ by a little).</summary>
        private bool IsLate(DateTimeOffset settledAt) => escalatedAt is not null || settledAt > deadline;

        private IEnumerable<SystemLine> Open => lines.Where(l => l.State == AccessOutcomes.Pending);

        /// <summary>All systems at once, then a person for each one that said no for good, one review at a time.</summary>
        private async Task SettleAllAsync()
        {
            await Task.WhenAll(Open.ToList().Select(RevokeWithRetriesAsync));
            List<SystemLine> rejected = Open.ToList();
            if (rejected.Count == 0)
            {
                return;
            }

            await SaveEvidenceAsync(OffboardingEvidence.InProgress, completedAt: null, withinSla: null);
            foreach (SystemLine line in rejected)
            {
                await ReviewAsync(line);
                await SaveEvidenceAsync(OffboardingEvidence.InProgress, completedAt: null, withinSla: null);
            }
        }

        /// <summary>Revokes with the per-system retry loop; leaves the line open when a person must decide.</summary>
        private async Task RevokeWithRetriesAsync(SystemLine line)
        {
            RevocationResult? result = await line.RunAsync(context, attempt => context.CallActivityAsync<RevocationResult>(
                ActivityNames.RevokeAccess,
                new RevokeAccessInput(offboardingId, plan.Employee.Id, line.Target, attempt, input.CorrelationId)));
            if (result is not null)
            {
                line.Settle(result.Outcome, result.At, result.CallCorrelationId, result.Detail, by: null, IsLate(result.At));
            }
        }

        private async Task ReviewAsync(SystemLine line)
        {
            while (line.State == AccessOutcomes.Pending)
            {
                string why = line.Rejected
                    ? $"{line.Target.System} rejected revoking {line.Target.AccountKey}: {line.LastError}"
                    : $"{line.Target.System} still failed after {line.Attempts} attempts to revoke {line.Target.AccountKey}: {line.LastError}";
                ReviewDecision decision = await ManualReview.RequestAsync(context, OffboardingReviews.For(plan.Employee, why), input.CorrelationId);
                string note = decision.Value ?? decision.Comment ?? $"settled by {decision.ReviewedBy ?? "an operator"}";
                switch (decision.Action)
                {
                    case OffboardingReviews.Retry:
                        await RevokeWithRetriesAsync(line);
                        break;
                    case OffboardingReviews.RevokedManually:
                        line.Settle(AccessOutcomes.RevokedManually, Now, null, note, decision.ReviewedBy, IsLate(Now));
                        break;
                    case OffboardingReviews.NoAccount:
                        line.Settle(AccessOutcomes.NoAccount, Now, null, note, decision.ReviewedBy, IsLate(Now));
                        break;
                }
            }
        }

        private async Task EscalateAsync()
        {
            escalatedAt = Now;
            List<SystemLine> open = Open.ToList();
            string list = string.Join("; ", open.Select(l =>
                $"{l.Target.System} ({l.Target.AccountKey}): {(l.LastError is null ? "no answer yet" : l.LastError)} after {l.Attempts} attempt(s)"));
            await context.CallActivityAsync(
                ActivityNames.RaiseAlert,
                new AlertInput(
                    "error",
                    $"Offboarding deadline missed: {plan.Employee.DisplayName}",
                    $"Access of {plan.Employee.DisplayName} (employee {plan.Employee.Id}) had to end by {deadline:u}; still open in {open.Count} system(s): {list}. Work continues; evidence {offboardingId}.",
                    context.InstanceId,
                    input.CorrelationId,
                    "deadline-missed"),
                WorkflowRetry.Standard);
            await SaveEvidenceAsync(OffboardingEvidence.InProgress, completedAt: null, withinSla: false);
            SetStatus(context, "escalated", $"deadline {deadline:u} missed; still open: {string.Join(", ", open.Select(l => l.Target.System))}");
        }

        private Task SaveEvidenceAsync(string status, DateTimeOffset? completedAt, bool? withinSla) =>
            context.CallActivityAsync(
                ActivityNames.RecordOffboardingEvidence,
                new OffboardingEvidence(
                    offboardingId,
                    plan.Employee.Id,
                    plan.Employee.DisplayName,
                    context.InstanceId,
                    input.CorrelationId,
                    effectiveAt,
                    deadline,
                    startedAt,
                    escalatedAt,
                    completedAt,
                    status,
                    withinSla,
                    lines.Select(l => l.ToEvidence()).ToList()),
                WorkflowRetry.Standard);
    }

    /// <summary>One system's progress and, once settled, its evidence.</summary>
    private sealed class SystemLine(AccessTarget target) : SystemAttempts(target)
    {
        public string State { get; private set; } = target.NotApplicableReason is null ? AccessOutcomes.Pending : AccessOutcomes.NotApplicable;

        public bool Late { get; private set; }

        private DateTimeOffset? settledAt;
        private string? callCorrelationId;
        private string? settledBy;
        private string? detail = target.NotApplicableReason;

        public void Settle(string outcome, DateTimeOffset at, string? callId, string? text, string? by, bool late)
        {
            State = outcome;
            settledAt = at;
            callCorrelationId = callId;
            detail = text;
            settledBy = by;
            Late = late;
        }

        public SystemEvidence ToEvidence() => new(
            Target.System, Target.Kind, Target.AccountKey, State, settledAt, Attempts, callCorrelationId, LastError, Late, settledBy, detail);
    }
}
