using System.Globalization;
using System.Text.Json;
using Integration.Activities.Http;
using Integration.Activities.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Integration.Activities.Operations;

/// <summary>
/// POST /api/v1/instances/{instanceId}/{action}: an operator's action on one workflow. Guard clauses in order: the
/// operator role (401/403), a known action (404 naming the valid ones), the body <c>{"reason": "..."}</c> (400: not
/// JSON, invalid text, a reason over its limit, no reason for terminate), then <see cref="IInstanceActions"/> decides
/// on the state it finds: 200 done or skipped, 404 no such instance, 409 the state does not fit (named).
/// </summary>
public sealed class InstanceActionHandler(OperationsAccess access, IInstanceActions actions)
{
    /// <summary>A few sentences: the reason is kept in the audit trail and in the workflow's history.</summary>
    public const int MaxReasonLength = 1_000;

    private const int MaxBodyBytes = 64 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IResult> ActAsync(HttpRequest request, string instanceId, string action, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        string correlationId = CorrelationIds.FromRequest(request);
        if (access.Refuse(request, OperationsRole.Operator, correlationId, out OperationsCaller caller) is { } refused)
        {
            return refused;
        }

        if (!InstanceActionNames.IsKnown(action))
        {
            return Problems.Create(StatusCodes.Status404NotFound, "action-not-found", "No such action",
                $"'{action}' is not an action on a workflow; the actions are {string.Join(", ", InstanceActionNames.All)}.", correlationId);
        }

        ActionRequest? body;
        try
        {
            body = await ReadAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            return Invalid($"The body is not {{\"reason\": \"...\"}}: {ex.Message}", correlationId);
        }

        string? reason = string.IsNullOrWhiteSpace(body?.Reason) ? null : body.Reason.Trim();
        if (reason?.Length > MaxReasonLength)
        {
            return Invalid(string.Create(CultureInfo.InvariantCulture, $"'reason' is {reason.Length} characters long; at most {MaxReasonLength} are accepted."), correlationId);
        }

        if (action == InstanceActionNames.Terminate && reason is null)
        {
            return Invalid("terminate needs a 'reason': it is kept with the workflow and in the audit trail.", correlationId);
        }

        return await StorageDeadline.AnswerAsync(
            correlationId,
            async ct => Answer(await actions.ApplyAsync(client, instanceId, action, reason, caller, correlationId, ct).ConfigureAwait(false), correlationId),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Done and skipped are 200 with the outcome; a refusal is 404 (no such instance) or 409 naming the state found.</summary>
    public static IResult Answer(ActionOutcome outcome, string correlationId)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Result switch
        {
            ActionOutcome.Done or ActionOutcome.Skipped => Results.Json(new
            {
                instanceId = outcome.Target,
                action = outcome.Action,
                result = outcome.Result,
                state = outcome.State,
                detail = outcome.Detail,
                correlationId,
            }),
            ActionOutcome.Refused when outcome.State == ActionOutcome.NotFoundState => Problems.InstanceNotFound(outcome.Target, correlationId),
            ActionOutcome.Refused => StateConflict(outcome, correlationId),
            _ => Results.Problem(WithState(Problems.Document(StatusCodes.Status500InternalServerError, "instance-action-failed", "The action failed", outcome.Detail, correlationId), outcome)),
        };
    }

    private static IResult StateConflict(ActionOutcome outcome, string correlationId) =>
        Results.Problem(WithState(Problems.Document(StatusCodes.Status409Conflict, "instance-state-conflict", $"'{outcome.Action}' does not fit the workflow's state", outcome.Detail, correlationId), outcome));

    private static Microsoft.AspNetCore.Mvc.ProblemDetails WithState(Microsoft.AspNetCore.Mvc.ProblemDetails problem, ActionOutcome outcome)
    {
        problem.Extensions["state"] = outcome.State;
        problem.Extensions["action"] = outcome.Action;
        problem.Extensions["instanceId"] = outcome.Target;
        return problem;
    }

    private static async Task<ActionRequest?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        byte[] body = await RequestBodies.ReadAtMostAsync(request, MaxBodyBytes, cancellationToken).ConfigureAwait(false)
            ?? throw new JsonException($"the body exceeds {MaxBodyBytes} bytes");
        if (BodyText.FindInvalidText(body) is { } invalidText)
        {
            throw new JsonException(invalidText);
        }

        return body.Length == 0 ? null : JsonSerializer.Deserialize<ActionRequest>(body, Json);
    }

    private static IResult Invalid(string detail, string correlationId) =>
        Problems.Create(StatusCodes.Status400BadRequest, "instance-action-invalid", "Invalid action request", detail, correlationId);

    /// <summary>The body of an action request.</summary>
    private sealed record ActionRequest(string? Reason);
}
