using Integration.Activities.Operations;
using Microsoft.DurableTask.Client;

namespace Integration.Activities.DeadLetters;

/// <summary>What dead letters are searched by: GET /api/v1/dead-letters and a bulk replay's filter. Optional fields, AND-ed.</summary>
/// <param name="Source">The webhook source (e.g. "crm") of an event dead letter, or "workflow" for a workflow that gave up.</param>
/// <param name="Status">"open", "replayed" or "resolved".</param>
public sealed record DeadLetterFilter(string? Source = null, string? Status = null, DateTimeOffset? From = null, DateTimeOffset? To = null);

/// <summary>A page of dead letters, newest first; a null continuation token means there is nothing more.</summary>
public sealed record DeadLetterPage(IReadOnlyList<DeadLetter> Items, string? ContinuationToken);

/// <summary>Finding and replaying dead letters: the route and bulk jobs share one implementation, so a replay is refused or done the same way.</summary>
public interface IDeadLetterOperations
{
    Task<DeadLetterPage> FindAsync(DeadLetterFilter filter, int pageSize, string? continuationToken, CancellationToken cancellationToken);

    /// <param name="client">The engine client the route or bulk activity was bound with (the Functions host has none in its container).</param>
    Task<ActionOutcome> ReplayAsync(string deadLetterId, string? reason, OperationsCaller caller, string correlationId, DurableTaskClient? client, CancellationToken cancellationToken);
}
