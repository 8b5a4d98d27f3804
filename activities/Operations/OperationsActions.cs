using Microsoft.DurableTask.Client;

namespace Integration.Activities.Operations;

/// <summary>How one action on one target ended, for the API's answer, a bulk job's counts and the audit trail.</summary>
/// <param name="Result">"done", "skipped" (already in the wanted state, or nothing to do) or "refused" (the state does not allow it) or "failed".</param>
/// <param name="State">The state found, named in a 409 and in a bulk job's report (e.g. "Completed", "replayed").</param>
/// <param name="Detail">A sentence for a person: what happened, or why not.</param>
public sealed record ActionOutcome(string Target, string Action, string Result, string? State, string Detail)
{
    public const string Done = "done";
    public const string Skipped = "skipped";
    public const string Refused = "refused";
    public const string Failed = "failed";

    /// <summary>The state of a refusal because no workflow has the id (the route answers 404; a bulk job counts it skipped).</summary>
    public const string NotFoundState = "not-found";
}

/// <summary>
/// The actions on one workflow (terminate, suspend, resume, restart, retry, reread, purge): one implementation that
/// the route and bulk jobs both call, each idempotent, checked against the state it finds, and audited.
/// </summary>
public interface IInstanceActions
{
    /// <param name="client">The engine's client: each host binds its own (the Functions app only through [DurableClient]).</param>
    Task<ActionOutcome> ApplyAsync(DurableTaskClient client, string instanceId, string action, string? reason, OperationsCaller caller, string correlationId, CancellationToken cancellationToken);
}
