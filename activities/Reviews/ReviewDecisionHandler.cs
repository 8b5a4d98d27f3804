using System.Text.Json;
using Integration.Activities.Http;
using Integration.Activities.Operations;
using Integration.Activities.Storage;
using Integration.Orchestrations.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Integration.Activities.Reviews;

/// <summary>
/// POST /api/v1/reviews/{instanceId}: an operator's decision for a workflow awaiting review. The answer
/// is checked against the actions the workflow published (400), and only a workflow that is waiting
/// receives it (409); unknown instances are 404.
/// </summary>
public sealed class ReviewDecisionHandler(OperationsKey key)
{
    private const int MaxBodyBytes = 64 * 1024;

    /// <summary>Decisions arrive camel-cased from people; workflow status is PascalCase from the engine: read both.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IResult> DecideAsync(HttpRequest request, string instanceId, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        string correlationId = CorrelationIds.FromRequest(request);
        if (key.Refuse(request, correlationId) is { } refused)
        {
            return refused;
        }

        ReviewDecision? decision;
        try
        {
            decision = await ReadDecisionAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            return BadDecision($"The body is not a decision: {ex.Message}", correlationId);
        }

        if (decision is null || string.IsNullOrWhiteSpace(decision.Action))
        {
            return BadDecision("The decision needs an 'action'.", correlationId);
        }

        return await StorageDeadline.AnswerAsync(correlationId, ct => DeliverAsync(instanceId, decision, client, correlationId, ct), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks the decision against the review the workflow is waiting on, then raises it.</summary>
    private static async Task<IResult> DeliverAsync(string instanceId, ReviewDecision decision, DurableTaskClient client, string correlationId, CancellationToken cancellationToken)
    {
        OrchestrationMetadata? instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (instance is null)
        {
            return Problems.InstanceNotFound(instanceId, correlationId);
        }

        WorkflowStatus? status = ReadStatus(instance.SerializedCustomStatus);
        if (instance.RuntimeStatus != OrchestrationRuntimeStatus.Running || status?.Step != ManualReview.AwaitingStep || status.Review is null)
        {
            return Problems.Create(StatusCodes.Status409Conflict, "not-awaiting-review", "The workflow is not waiting for a review",
                $"Workflow '{instanceId}' is {instance.RuntimeStatus}{(status is null ? string.Empty : $" at step '{status.Step}'")}.", correlationId);
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

        await client.RaiseEventAsync(instanceId, ManualReview.DecisionEvent, decision, cancellationToken).ConfigureAwait(false);
        return Results.Json(new { instanceId, action = decision.Action, correlationId }, statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<ReviewDecision?> ReadDecisionAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        byte[] body = await RequestBodies.ReadAtMostAsync(request, MaxBodyBytes, cancellationToken).ConfigureAwait(false)
            ?? throw new JsonException($"the body exceeds {MaxBodyBytes} bytes");
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
}
