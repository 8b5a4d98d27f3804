using System.Globalization;
using System.Text.Json;
using Azure;
using Integration.Activities.Http;
using Integration.Activities.Operations;
using Integration.Activities.Storage;
using Integration.Orchestrations.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Integration.Activities.Reviews;

/// <summary>
/// POST /api/v1/reviews/{instanceId}: an operator's decision for a workflow awaiting review. The answer
/// is checked against the actions the workflow published and the field limits (400), and only a workflow
/// that is waiting receives it (409); unknown instances are 404. Of two answers to one review, exactly one
/// wins: each claims the review in <see cref="ReviewClaimStore"/> before it is raised, and the loser gets
/// 409 naming the answer that won. Every answer from a known caller, accepted or refused, is written to the audit trail.
/// </summary>
public sealed partial class ReviewDecisionHandler(OperationsAccess access, ReviewClaimStore claims, AuditLog auditLog, ILogger<ReviewDecisionHandler> log)
{
    /// <summary>The audit trail's action for an answer to a review.</summary>
    public const string AuditAction = "review.answer";

    /// <summary>The longest reason or result text written to the audit trail (a table property holds at most 32K characters).</summary>
    private const int MaxAuditText = 2_000;

    /// <summary>How long writing the audit line may take; it is written after the answer, so not on the request's token.</summary>
    private static readonly TimeSpan AuditTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The longest value: an ERP id, an item code or a one-line note (e.g. how access was ended), with room to spare.</summary>
    public const int MaxValueLength = 500;

    /// <summary>The longest comment: a few sentences. Comments end up in results, evidence and the workflow's history.</summary>
    public const int MaxCommentLength = 1_000;

    /// <summary>The longest reviewer: a name or an e-mail address (at most 254 characters).</summary>
    public const int MaxReviewedByLength = 256;

    /// <summary>How long raising the answer may take before it counts as not delivered (the claim is then released).</summary>
    private static readonly TimeSpan RaiseTimeout = TimeSpan.FromSeconds(10);

    private const int MaxBodyBytes = 64 * 1024;

    /// <summary>Decisions arrive camel-cased from people; workflow status is PascalCase from the engine: read both.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IResult> DecideAsync(HttpRequest request, string instanceId, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        string correlationId = CorrelationIds.FromRequest(request);
        if (access.Refuse(request, OperationsRole.Operator, correlationId, out OperationsCaller caller) is { } refused)
        {
            // A caller nobody knows is not audited: anyone could fill the trail with anonymous requests.
            if (!ReferenceEquals(caller, OperationsCaller.Unknown))
            {
                await AuditAsync(caller, instanceId, null, refused, correlationId).ConfigureAwait(false);
            }

            return refused;
        }

        (IResult result, ReviewDecision? decision) = await AnswerAsync(request, instanceId, client, correlationId, cancellationToken).ConfigureAwait(false);
        await AuditAsync(caller, instanceId, decision, result, correlationId).ConfigureAwait(false);
        return result;
    }

    private async Task<(IResult Result, ReviewDecision? Decision)> AnswerAsync(HttpRequest request, string instanceId, DurableTaskClient client, string correlationId, CancellationToken cancellationToken)
    {
        ReviewDecision? decision;
        try
        {
            decision = await ReadDecisionAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            return (BadDecision($"The body is not a decision: {ex.Message}", correlationId), null);
        }

        if (decision is null || string.IsNullOrWhiteSpace(decision.Action))
        {
            return (BadDecision("The decision needs an 'action'.", correlationId), decision);
        }

        if (TooLong(decision) is { } tooLong)
        {
            return (BadDecision(tooLong, correlationId), decision);
        }

        return (await StorageDeadline.AnswerAsync(correlationId, ct => DeliverAsync(instanceId, decision, client, correlationId, ct), cancellationToken).ConfigureAwait(false), decision);
    }

    /// <summary>
    /// One audit line for the answer: who (from the key or sign-in, not the self-declared reviewedBy), the answer
    /// chosen, the instance, the comment as the reason, and how it ended. A failed write is logged as an error and
    /// does not change the answer, which may already have been delivered.
    /// </summary>
    private async Task AuditAsync(OperationsCaller caller, string instanceId, ReviewDecision? decision, IResult result, string correlationId)
    {
        int status = (result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status503ServiceUnavailable; // only the storage outage answer (RetryAfterResult) has no status of its own
        string answer = decision?.Action is { Length: > 0 } chosen
            ? $"'{chosen}'{(decision.Value is null ? string.Empty : $" with value '{decision.Value}'")}{(decision.ReviewedBy is { Length: > 0 } by ? $" (reviewedBy '{by}')" : string.Empty)}"
            : "no answer";
        string outcome = status is >= 200 and < 300 ? $"done: answered {answer}"
            : string.Create(CultureInfo.InvariantCulture, $"{(status < 500 ? "refused" : "failed")}: {status} {(result as ProblemHttpResult)?.ProblemDetails.Detail ?? "storage unavailable"} (answer {answer})");
        try
        {
            using var timeout = new CancellationTokenSource(AuditTimeout);
            await auditLog.WriteAsync(caller, AuditAction, instanceId, Shorten(decision?.Comment), Shorten(outcome)!, correlationId, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RequestFailedException or OperationCanceledException or AggregateException)
        {
            LogNotAudited(ex, instanceId, outcome, correlationId);
        }
    }

    private static string? Shorten(string? text) =>
        text is null || text.Length <= MaxAuditText ? text : string.Concat(text.AsSpan(0, MaxAuditText - 1), "…");

    /// <summary>Checks the decision against the review the workflow is waiting on, claims the review, then raises it.</summary>
    private async Task<IResult> DeliverAsync(string instanceId, ReviewDecision decision, DurableTaskClient client, string correlationId, CancellationToken cancellationToken)
    {
        OrchestrationMetadata? instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (instance is null)
        {
            return Problems.InstanceNotFound(instanceId, correlationId);
        }

        WorkflowStatus? status = ReadStatus(instance.SerializedCustomStatus);
        if (instance.RuntimeStatus != OrchestrationRuntimeStatus.Running || status?.Step != ManualReview.AwaitingStep || status.Review is null)
        {
            return NotAwaiting($"Workflow '{instanceId}' is {instance.RuntimeStatus}{(status is null ? string.Empty : $" at step '{status.Step}'")}.", correlationId);
        }

        // A caller that names the review it read is told when the workflow has moved on to another question since.
        string reviewId = status.Review.Id ?? LegacyReviewId(status);
        if (decision.ReviewId is { } named && !string.Equals(named, reviewId, StringComparison.Ordinal))
        {
            return NotAwaiting($"Workflow '{instanceId}' is no longer asking review '{named}': it now awaits review '{reviewId}' ({status.Review.Reason}).", correlationId);
        }

        ReviewAction? action = status.Review.Actions.FirstOrDefault(a => a.Name == decision.Action);
        if (action is null)
        {
            return BadDecision($"'{decision.Action}' is not an answer to this review; it accepts: {string.Join(", ", status.Review.Actions.Select(a => a.Name))}.", correlationId);
        }

        if (action.RequiresValue && string.IsNullOrWhiteSpace(decision.Value))
        {
            return BadDecision($"'{action.Name}' needs a 'value': {action.Description}.", correlationId);
        }

        ReviewClaimResult claim = await claims.ClaimAsync(instanceId, reviewId, decision, correlationId, cancellationToken).ConfigureAwait(false);
        if (!claim.Won)
        {
            LogLost(instanceId, reviewId, correlationId);
            return AlreadyAnswered(instanceId, reviewId, claim.Claim, correlationId);
        }

        // The workflow takes only answers stamped with the question it is asking (null for a review published
        // before reviews had ids, which such a workflow takes as is).
        ReviewDecision delivered = decision with { ReviewId = status.Review.Id };
        try
        {
            // Not the request's token: once claimed, the answer is delivered or released even if the caller leaves.
            using var timeout = new CancellationTokenSource(RaiseTimeout);
            await client.RaiseEventAsync(instanceId, ManualReview.DecisionEvent, delivered, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogNotDelivered(ex, instanceId, reviewId, correlationId);
            await ReleaseAsync(claim, instanceId, reviewId, correlationId).ConfigureAwait(false);
            return Problems.Create(StatusCodes.Status503ServiceUnavailable, "review-decision-not-delivered", "The answer could not be delivered",
                $"The answer to review '{reviewId}' of workflow '{instanceId}' could not be delivered ({ex.GetType().Name}); the review is still open: read the instance and answer again.",
                correlationId);
        }

        try
        {
            await claims.MarkDeliveredAsync(claim, CancellationToken.None).ConfigureAwait(false);
        }
        catch (RequestFailedException ex)
        {
            // Delivered all the same; the claim still refuses other answers until it expires, and by then the workflow has moved on.
            LogNotMarked(ex, instanceId, reviewId, correlationId);
        }

        LogAnswered(instanceId, reviewId, decision.Action, correlationId);
        return Results.Json(new { instanceId, reviewId, action = decision.Action, correlationId }, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>The 400 detail for the first field over its limit, or null when every field fits.</summary>
    private static string? TooLong(ReviewDecision decision) =>
        decision.Value?.Length > MaxValueLength ? Limit("value", decision.Value.Length, MaxValueLength)
        : decision.Comment?.Length > MaxCommentLength ? Limit("comment", decision.Comment.Length, MaxCommentLength)
        : decision.ReviewedBy?.Length > MaxReviewedByLength ? Limit("reviewedBy", decision.ReviewedBy.Length, MaxReviewedByLength)
        : null;

    private static string Limit(string field, int length, int max) =>
        string.Create(CultureInfo.InvariantCulture, $"'{field}' is {length} characters long; at most {max} are accepted.");

    /// <summary>A review published before reviews carried an id is identified by the moment it was published.</summary>
    private static string LegacyReviewId(WorkflowStatus status) =>
        string.Create(CultureInfo.InvariantCulture, $"published-{status.UpdatedAt.Ticks}");

    private async Task ReleaseAsync(ReviewClaimResult claim, string instanceId, string reviewId, string correlationId)
    {
        try
        {
            await claims.ReleaseAsync(claim, CancellationToken.None).ConfigureAwait(false);
        }
        catch (RequestFailedException ex)
        {
            // The claim expires unmarked after ReviewClaimStore.UndeliveredExpiry, and the next answer takes it over.
            LogNotReleased(ex, instanceId, reviewId, correlationId);
        }
    }

    private static IResult NotAwaiting(string detail, string correlationId) =>
        Problems.Create(StatusCodes.Status409Conflict, "not-awaiting-review", "The workflow is not waiting for a review", detail, correlationId);

    private static IResult AlreadyAnswered(string instanceId, string reviewId, ReviewClaim? winner, string correlationId)
    {
        string detail = winner is null
            ? $"Review '{reviewId}' of workflow '{instanceId}' is being answered by someone else."
            : string.Create(
                CultureInfo.InvariantCulture,
                $"Review '{reviewId}' of workflow '{instanceId}' was already answered '{winner.Action}'{(winner.Value is null ? string.Empty : $" with value '{winner.Value}'")} by {(winner.ReviewedBy is { Length: > 0 } by ? $"'{by}'" : "an operator who gave no reviewedBy")} at {winner.ClaimedAt:yyyy-MM-ddTHH:mm:ss.fffZ} (correlation id {winner.CorrelationId}); this answer was not delivered.");
        return Problems.Create(StatusCodes.Status409Conflict, "review-already-answered", "The review was already answered", detail, correlationId);
    }

    private static async Task<ReviewDecision?> ReadDecisionAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        byte[] body = await RequestBodies.ReadAtMostAsync(request, MaxBodyBytes, cancellationToken).ConfigureAwait(false)
            ?? throw new JsonException($"the body exceeds {MaxBodyBytes} bytes");
        if (BodyText.FindInvalidText(body) is { } invalidText)
        {
            throw new JsonException(invalidText);
        }

        return body.Length == 0 ? null : JsonSerializer.Deserialize<ReviewDecision>(body, Json);
    }

    private static WorkflowStatus? ReadStatus(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<WorkflowStatus>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IResult BadDecision(string detail, string correlationId) =>
        Problems.Create(StatusCodes.Status400BadRequest, "review-decision-invalid", "Invalid review decision", detail, correlationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The audit line for an answer to {InstanceId} could not be written: {Outcome} ({CorrelationId})")]
    private partial void LogNotAudited(Exception ex, string instanceId, string outcome, string correlationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Review {ReviewId} of {InstanceId} answered '{Action}' ({CorrelationId})")]
    private partial void LogAnswered(string instanceId, string reviewId, string action, string correlationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Review {ReviewId} of {InstanceId} was already answered; a second answer was refused ({CorrelationId})")]
    private partial void LogLost(string instanceId, string reviewId, string correlationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The answer to review {ReviewId} of {InstanceId} could not be raised; releasing its claim ({CorrelationId})")]
    private partial void LogNotDelivered(Exception ex, string instanceId, string reviewId, string correlationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The claim on review {ReviewId} of {InstanceId} could not be released; it expires unmarked ({CorrelationId})")]
    private partial void LogNotReleased(Exception ex, string instanceId, string reviewId, string correlationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The answer to review {ReviewId} of {InstanceId} was delivered but its claim could not be marked so ({CorrelationId})")]
    private partial void LogNotMarked(Exception ex, string instanceId, string reviewId, string correlationId);
}
