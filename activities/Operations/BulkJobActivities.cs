using Integration.Activities.DeadLetters;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.Operations;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Integration.Activities.Operations;

/// <summary>
/// One page of a bulk job's targets, from the same finders the list routes use, so a job touches exactly what the
/// list shows for its filter. The finders are optional in the container only until every part of the product is
/// composed; a job without one fails at once, saying which.
/// </summary>
public sealed class FindBulkJobTargetsActivity(IInstanceFinder? instances = null, IDeadLetterOperations? deadLetters = null)
    : TaskActivity<FindBulkJobTargetsInput, BulkJobTargetPage>
{
    public override Task<BulkJobTargetPage> RunAsync(TaskActivityContext context, FindBulkJobTargetsInput input) => FindAsync(input, CancellationToken.None);

    public async Task<BulkJobTargetPage> FindAsync(FindBulkJobTargetsInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        BulkJobFilter f = input.Filter;
        if (input.Action == BulkJobActions.Replay)
        {
            IDeadLetterOperations operations = deadLetters ?? throw new PermanentActivityFailureException("No IDeadLetterOperations is registered: dead letters cannot be listed.");
            DeadLetterPage page = await operations.FindAsync(new DeadLetterFilter(f.Source, f.Status, f.From, f.To), input.PageSize, input.ContinuationToken, cancellationToken).ConfigureAwait(false);
            return new BulkJobTargetPage([.. page.Items.Select(d => d.Id)], page.ContinuationToken);
        }

        IInstanceFinder finder = instances ?? throw new PermanentActivityFailureException("No IInstanceFinder is registered: workflows cannot be listed.");
        InstancePage found = await finder.FindAsync(
            new InstanceFilter(f.Workflow, f.Statuses, f.Key, f.Step, f.CreatedFrom, f.CreatedTo), input.PageSize, input.ContinuationToken, cancellationToken).ConfigureAwait(false);
        return new BulkJobTargetPage([.. found.Items.Select(i => i.InstanceId)], found.ContinuationToken);
    }
}

/// <summary>
/// Applies a bulk job's action to one target through the same implementation as the single-target routes
/// (<see cref="IInstanceActions"/>, <see cref="IDeadLetterOperations.ReplayAsync"/>), audited as the operator who
/// started the job. An outcome, failed included, is returned; only an outage is thrown, so the job retries it.
/// </summary>
/// <param name="client">The standalone host's engine client from the container; the Functions adapter passes its [DurableClient] instead.</param>
public sealed class ApplyBulkJobActionActivity(IInstanceActions actions, IDeadLetterOperations? deadLetters = null, DurableTaskClient? client = null)
    : TaskActivity<ApplyBulkJobActionInput, BulkJobTargetResult>
{
    public override Task<BulkJobTargetResult> RunAsync(TaskActivityContext context, ApplyBulkJobActionInput input) =>
        ApplyAsync(input, client ?? throw new InvalidOperationException("No DurableTaskClient is registered; the host must pass its own."), CancellationToken.None);

    public async Task<BulkJobTargetResult> ApplyAsync(ApplyBulkJobActionInput input, DurableTaskClient engine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(engine);
        var caller = new OperationsCaller(input.ActorName, input.ActorRole == "operator" ? OperationsRole.Operator : OperationsRole.Reader);
        string reason = string.IsNullOrWhiteSpace(input.Reason) ? $"bulk job {input.JobId}" : $"{input.Reason} (bulk job {input.JobId})";
        ActionOutcome outcome;
        if (input.Action == BulkJobActions.Replay)
        {
            IDeadLetterOperations operations = deadLetters ?? throw new PermanentActivityFailureException("No IDeadLetterOperations is registered: dead letters cannot be replayed.");
            outcome = await operations.ReplayAsync(input.Target, reason, caller, input.CorrelationId, engine, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            outcome = await actions.ApplyAsync(engine, input.Target, input.Action, reason, caller, input.CorrelationId, cancellationToken).ConfigureAwait(false);
        }

        return new BulkJobTargetResult(input.Target, outcome.Result, outcome.State, outcome.Detail);
    }
}
