using Integration.Activities.Http;
using Integration.Activities.Operations;
using Integration.Activities.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Integration.Activities.DeadLetters;

/// <summary>
/// POST /api/v1/dead-letters/{id}/replay (operator, body {"reason"} optional): 200 with the outcome when the
/// replay was sent; 404 for an unknown id; 409 with the state found when it is refused (already replayed, a
/// replay of a replay, its workflow already completed, nothing kept to replay); 503 when it could not be sent.
/// </summary>
public sealed class DeadLetterHandler(OperationsAccess access, DeadLetterReplayer replayer)
{
    public async Task<IResult> ReplayAsync(HttpRequest request, string id, DurableTaskClient? client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string correlationId = CorrelationIds.FromRequest(request);
        if (access.Refuse(request, OperationsRole.Operator, correlationId, out OperationsCaller caller) is { } refused)
        {
            return refused;
        }

        (string? reason, IResult? badBody) = await ReasonBody.ReadAsync(request, correlationId, cancellationToken).ConfigureAwait(false);
        if (badBody is not null)
        {
            return badBody;
        }

        return await StorageDeadline.AnswerAsync(correlationId, async ct =>
            Answer(await replayer.ReplayAsync(id, reason, caller, correlationId, client, ct).ConfigureAwait(false), correlationId), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An action's outcome as HTTP: done and skipped 200, refused 409 (404 for an unknown target), failed 503.</summary>
    public static IResult Answer(ActionOutcome outcome, string correlationId)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        switch (outcome.Result)
        {
            case ActionOutcome.Done or ActionOutcome.Skipped:
                return Results.Json(outcome);
            case ActionOutcome.Refused when outcome.State == ActionOutcome.NotFoundState:
                return Problems.Create(StatusCodes.Status404NotFound, "dead-letter-not-found", "No such dead letter", outcome.Detail, correlationId);
            case ActionOutcome.Refused:
                var conflict = Problems.Document(StatusCodes.Status409Conflict, "replay-refused", "Replay refused", outcome.Detail, correlationId);
                conflict.Extensions["state"] = outcome.State;
                return Results.Problem(conflict);
            default:
                var failed = Problems.Document(StatusCodes.Status503ServiceUnavailable, "replay-failed", "Replay not sent", outcome.Detail, correlationId);
                failed.Extensions["state"] = outcome.State;
                return Results.Problem(failed);
        }
    }
}
