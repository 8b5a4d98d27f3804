namespace Integration.Orchestrations.Operations;

/// <summary>
/// What a bulk job matches, by the names of the instance list (workflow, status, key, step, createdFrom, createdTo) or,
/// for <c>replay</c>, of the dead-letter list (source, status, from, to). Defined here because orchestrations may not
/// reference the activities' filter records; the activities map it onto them.
/// </summary>
public sealed record BulkJobFilter(
    string? Workflow = null,
    IReadOnlyList<string>? Statuses = null,
    string? Key = null,
    string? Step = null,
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null,
    string? Source = null,
    string? Status = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null);

/// <summary>What the operator asked for, fixed when the job starts (settings included, so the run stays deterministic).</summary>
/// <param name="Action">An instance action (terminate, suspend, ...) or "replay" for dead letters.</param>
/// <param name="ActorName">The operator who started the job: every action it takes is audited as them.</param>
/// <param name="BatchSize">Targets acted on side by side before the next pause.</param>
/// <param name="PauseBetweenBatches">The durable timer between batches, so the job never starves live work.</param>
/// <param name="PagesPerGeneration">Pages read before the job continues as new, keeping its history short.</param>
public sealed record BulkJobRequest(
    string JobId,
    string Action,
    BulkJobFilter Filter,
    bool DryRun,
    string? Reason,
    string ActorName,
    string ActorRole,
    string CorrelationId,
    int PageSize,
    int BatchSize,
    TimeSpan PauseBetweenBatches,
    int PagesPerGeneration);

/// <summary>A target that failed, or (in a dry run) one that would be touched, with the reason.</summary>
public sealed record BulkJobTargetNote(string Target, string Detail);

/// <summary>
/// A bulk job's progress: its custom status after each batch and its output at the end, so GET /api/v1/bulk-jobs/{id}
/// reads one shape whatever the job is doing. Refused targets (the state no longer fits) count as skipped.
/// </summary>
/// <param name="State">"running", "completed", "cancelled" (or "failed", set by the reader when the orchestration failed).</param>
public sealed record BulkJobProgress(
    string State,
    int Matched,
    int Done,
    int Failed,
    int Skipped,
    IReadOnlyList<BulkJobTargetNote> Failures,
    IReadOnlyList<BulkJobTargetNote> Sample,
    DateTime StartedAt,
    DateTime UpdatedAt,
    bool MoreMatches = false)
{
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";
    public const string FailedState = "failed";

    /// <summary>At most this many failures and dry-run targets are listed; the counts cover all.</summary>
    public const int MaxNotes = 20;

    public static BulkJobProgress Start(DateTime at) => new(Running, 0, 0, 0, 0, [], [], at, at);
}

/// <summary>One generation's input: the request, the progress so far and where the target list continues.</summary>
public sealed record BulkJobInput(BulkJobRequest Request, BulkJobProgress? Progress = null, string? ContinuationToken = null);

/// <summary>Asks the target list for one page.</summary>
public sealed record FindBulkJobTargetsInput(string Action, BulkJobFilter Filter, int PageSize, string? ContinuationToken);

/// <summary>One page of targets (instance ids or dead-letter ids); a null token means the list is done.</summary>
public sealed record BulkJobTargetPage(IReadOnlyList<string> Targets, string? ContinuationToken);

/// <summary>Apply the job's action to one target, as the operator who started it.</summary>
public sealed record ApplyBulkJobActionInput(string JobId, string Target, string Action, string? Reason, string ActorName, string ActorRole, string CorrelationId);

/// <summary>How one target ended: "done", "skipped", "refused" or "failed", with what was found and said.</summary>
public sealed record BulkJobTargetResult(string Target, string Result, string? State, string Detail);
