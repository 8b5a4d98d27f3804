using Integration.Orchestrations.Common;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Integration.Orchestrations.Operations;

/// <summary>
/// A bulk job: one action applied to everything a filter matches, durable and paced.
/// <list type="bullet">
/// <item>reads the targets a page at a time through <see cref="ActivityNames.FindBulkJobTargets"/> and counts them as matched;</item>
/// <item>a dry run only counts and lists a sample of what would be touched: nothing is acted on;</item>
/// <item>otherwise acts on each page in batches (<see cref="ActivityNames.ApplyBulkJobAction"/> per target, side by side
/// within a batch), counts done, failed and skipped (refused counts as skipped: the state no longer fits), keeps a
/// sample of failures with their reasons, and publishes its progress as custom status after each batch;</item>
/// <item>never acts on a bulk job, itself included: such a target is skipped without calling anything;</item>
/// <item>waits on a durable timer between batches (the pace is fixed in the request), so it never starves live work;
/// each wait races a <see cref="CancelEvent"/>, and a cancel ends the job "cancelled" with the counts so far;</item>
/// <item>continues as new every <see cref="BulkJobRequest.PagesPerGeneration"/> pages, carrying its counts and the
/// list's continuation token, so its history stays short however many targets there are;</item>
/// <item>ends "completed" when the list is exhausted. Being an orchestration, it survives a host restart.</item>
/// </list>
/// </summary>
public sealed class BulkJobOrchestrator : TaskOrchestrator<BulkJobInput, BulkJobProgress>
{
    public const string InstanceIdPrefix = "bulk-job-";

    /// <summary>Raised by POST /api/v1/bulk-jobs/{id}/cancel.</summary>
    public const string CancelEvent = "cancel";

    /// <summary>
    /// "bulk-job-{guid}". A guid is fine here, unlike workflows keyed by business ids: two jobs with the same filter are
    /// two different requests, and repeating an action on a target is harmless because every action is idempotent.
    /// </summary>
    public static string InstanceIdFor(Guid id) => $"{InstanceIdPrefix}{id:N}";

    public static bool IsBulkJob(string instanceId) => instanceId?.StartsWith(InstanceIdPrefix, StringComparison.Ordinal) == true;

    public override async Task<BulkJobProgress> RunAsync(TaskOrchestrationContext context, BulkJobInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        ILogger log = context.CreateReplaySafeLogger<BulkJobOrchestrator>();
        BulkJobRequest request = input.Request;

        // Registered once per generation: a cancel that arrives while an activity runs is seen at the next check.
        Task<BulkJobCancel> cancel = context.WaitForExternalEvent<BulkJobCancel>(CancelEvent);
        var run = new Run(context, request, input.Progress ?? BulkJobProgress.Start(context.CurrentUtcDateTime), cancel);
        context.SetCustomStatus(run.Progress);

        string? token = input.ContinuationToken;
        for (int page = 0; page < Math.Max(1, request.PagesPerGeneration); page++)
        {
            if (cancel.IsCompleted)
            {
                return run.Finish(BulkJobProgress.Cancelled);
            }

            BulkJobTargetPage found = await context.CallActivityAsync<BulkJobTargetPage>(
                ActivityNames.FindBulkJobTargets,
                new FindBulkJobTargetsInput(request.Action, request.Filter, request.PageSize, token),
                WorkflowRetry.Standard);
            token = found.ContinuationToken;
            run.Matched(found.Targets, more: token is not null);

            if (!request.DryRun && !await run.ActAsync(found.Targets, more: token is not null))
            {
                log.LogInformation("Bulk job {JobId} cancelled after {Done} done ({CorrelationId})", request.JobId, run.Progress.Done, request.CorrelationId);
                return run.Finish(BulkJobProgress.Cancelled);
            }

            context.SetCustomStatus(run.Progress);
            if (token is null)
            {
                log.LogInformation(
                    "Bulk job {JobId} ({Action}{DryRun}) completed: {Matched} matched, {Done} done, {Failed} failed, {Skipped} skipped ({CorrelationId})",
                    request.JobId, request.Action, request.DryRun ? ", dry run" : string.Empty, run.Progress.Matched, run.Progress.Done, run.Progress.Failed, run.Progress.Skipped, request.CorrelationId);
                return run.Finish(BulkJobProgress.Completed);
            }
        }

        if (cancel.IsCompleted)
        {
            return run.Finish(BulkJobProgress.Cancelled);
        }

        context.ContinueAsNew(new BulkJobInput(request, run.Progress, token), preserveUnprocessedEvents: true);
        return run.Progress;
    }

    /// <summary>One generation's counting and acting; the progress it carries is the only state.</summary>
    private sealed class Run(TaskOrchestrationContext context, BulkJobRequest request, BulkJobProgress progress, Task<BulkJobCancel> cancel)
    {
        public BulkJobProgress Progress { get; private set; } = progress;

        public void Matched(IReadOnlyList<string> targets, bool more)
        {
            IReadOnlyList<BulkJobTargetNote> sample = Progress.Sample;
            if (request.DryRun && sample.Count < BulkJobProgress.MaxNotes)
            {
                sample = [.. sample, .. targets.Take(BulkJobProgress.MaxNotes - sample.Count).Select(t => new BulkJobTargetNote(t, WouldDo(t)))];
            }

            Progress = Progress with
            {
                Matched = Progress.Matched + targets.Count,
                Sample = sample,
                MoreMatches = more,
                UpdatedAt = context.CurrentUtcDateTime,
            };
        }

        /// <summary>Acts on a page in paced batches; false when a cancel came first.</summary>
        public async Task<bool> ActAsync(IReadOnlyList<string> targets, bool more)
        {
            string[][] batches = [.. targets.Chunk(Math.Max(1, request.BatchSize))];
            for (int i = 0; i < batches.Length; i++)
            {
                if (cancel.IsCompleted)
                {
                    return false;
                }

                BulkJobTargetResult[] results = await Task.WhenAll(batches[i].Select(ApplyAsync));
                Count(results);
                context.SetCustomStatus(Progress);

                bool last = i == batches.Length - 1 && !more;
                // With the usual margin: a storage-queue timer can fire up to a second early, and a pause must never be shorter than the pace says.
                if (!last && !await DurableWaits.UntilAsync(context, context.CurrentUtcDateTime + request.PauseBetweenBatches, cancel))
                {
                    return false;
                }
            }

            return true;
        }

        public BulkJobProgress Finish(string state)
        {
            Progress = Progress with { State = state, UpdatedAt = context.CurrentUtcDateTime };
            context.SetCustomStatus(Progress);
            return Progress;
        }

        private async Task<BulkJobTargetResult> ApplyAsync(string target)
        {
            if (request.Action != BulkJobActions.Replay && IsBulkJob(target))
            {
                return new BulkJobTargetResult(target, "skipped", null, "a bulk job never acts on a bulk job (itself included)");
            }

            try
            {
                return await context.CallActivityAsync<BulkJobTargetResult>(
                    ActivityNames.ApplyBulkJobAction,
                    new ApplyBulkJobActionInput(request.JobId, target, request.Action, request.Reason, request.ActorName, request.ActorRole, request.CorrelationId),
                    WorkflowRetry.Standard);
            }
            catch (TaskFailedException ex)
            {
                return new BulkJobTargetResult(target, "failed", null, ex.FailureDetails.ErrorMessage);
            }
        }

        private void Count(IEnumerable<BulkJobTargetResult> results)
        {
            foreach (BulkJobTargetResult r in results)
            {
                Progress = r.Result switch
                {
                    "done" => Progress with { Done = Progress.Done + 1 },
                    "failed" => Progress with
                    {
                        Failed = Progress.Failed + 1,
                        Failures = Progress.Failures.Count < BulkJobProgress.MaxNotes ? [.. Progress.Failures, new BulkJobTargetNote(r.Target, r.Detail)] : Progress.Failures,
                    },
                    _ => Progress with { Skipped = Progress.Skipped + 1 },
                };
            }

            Progress = Progress with { UpdatedAt = context.CurrentUtcDateTime };
        }

        private string WouldDo(string target) =>
            request.Action != BulkJobActions.Replay && IsBulkJob(target) ? "would be skipped: a bulk job never acts on a bulk job" : $"would {request.Action}";
    }
}

/// <summary>The payload of <see cref="BulkJobOrchestrator.CancelEvent"/>: who asked, for the log and the audit trail.</summary>
public sealed record BulkJobCancel(string By, string CorrelationId);

/// <summary>The bulk-only action name; the others are the instance actions.</summary>
public static class BulkJobActions
{
    public const string Replay = "replay";
}
