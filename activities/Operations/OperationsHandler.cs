using System.Text.Json;
using Integration.Activities.ApiCalls;
using Integration.Activities.DeadLetters;
using Integration.Activities.Http;
using Integration.Activities.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Integration.Activities.Operations;

/// <summary>
/// Read-only operations API for support staff: a workflow's state and custom status, the API calls
/// made under a correlation id, and the dead letters. Every request needs the operations key.
/// </summary>
public sealed class OperationsHandler(OperationsAccess access, ApiCallLog apiCalls, DeadLetterStore deadLetters)
{
    public async Task<IResult> GetInstanceAsync(HttpRequest request, string instanceId, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        string correlationId = CorrelationIds.FromRequest(request);
        if (access.Refuse(request, OperationsRole.Reader, correlationId, out _) is { } refused)
        {
            return refused;
        }

        return await StorageDeadline.AnswerAsync(correlationId, ct => DescribeAsync(instanceId, client, correlationId, ct), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IResult> DescribeAsync(string instanceId, DurableTaskClient client, string correlationId, CancellationToken cancellationToken)
    {
        OrchestrationMetadata? instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (instance is null)
        {
            return Problems.InstanceNotFound(instanceId, correlationId);
        }

        WorkflowIdentity identity = WorkflowCatalog.Identify(instance.InstanceId, instance.Name);
        (string? step, _) = WorkflowSteps.Read(instance.SerializedCustomStatus);
        return Results.Json(new
        {
            instanceId = instance.InstanceId,
            name = instance.Name,
            runtimeStatus = instance.RuntimeStatus.ToString(),
            createdAt = instance.CreatedAt,
            lastUpdatedAt = instance.LastUpdatedAt,
            customStatus = ParseOrNull(instance.SerializedCustomStatus),
            input = ParseOrNull(instance.SerializedInput),
            output = ParseOrNull(instance.SerializedOutput),
            failure = instance.FailureDetails is { } f ? new { f.ErrorType, f.ErrorMessage } : null,
            traceId = instance.Tags.TryGetValue(Tracing.IntegrationTrace.TraceIdTag, out string? traceId) ? traceId : null,
            workflow = identity.Workflow,
            key = identity.Key,
            step,
            links = InstanceLinks.For(instance.InstanceId, identity, instance.SerializedInput, step),
        });
    }

    public async Task<IResult> ListApiCallsAsync(HttpRequest request, string callCorrelationId, CancellationToken cancellationToken)
    {
        string correlationId = CorrelationIds.FromRequest(request);
        return access.Refuse(request, OperationsRole.Reader, correlationId, out _) ?? await StorageDeadline.AnswerAsync(
            correlationId, async ct => Results.Json(await apiCalls.ListAsync(callCorrelationId, ct).ConfigureAwait(false)), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IResult> ListDeadLettersAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        string correlationId = CorrelationIds.FromRequest(request);
        if (access.Refuse(request, OperationsRole.Reader, correlationId, out _) is { } refused)
        {
            return refused;
        }

        (DeadLetterQuery? query, string? error) = DeadLetterQuery.Parse(request.Query);
        if (query is null)
        {
            return DeadLetterQuery.Invalid(error!, correlationId);
        }

        return await StorageDeadline.AnswerAsync(correlationId, async ct =>
        {
            try
            {
                DeadLetterPage page = await deadLetters.FindAsync(query.Filter, query.PageSize, query.ContinuationToken, ct).ConfigureAwait(false);
                return Results.Json(new { items = page.Items, continuationToken = page.ContinuationToken });
            }
            catch (ArgumentException ex)
            {
                return DeadLetterQuery.Invalid(ex.Message, correlationId);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    private static JsonElement? ParseOrNull(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(json);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(json);
        }
    }
}
