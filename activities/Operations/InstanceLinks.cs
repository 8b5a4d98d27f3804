using System.Text.Json;

namespace Integration.Activities.Operations;

/// <summary>Where a support person goes next from one workflow: the event that started it, its API calls, history, evidence, open review and alerts.</summary>
/// <param name="TriggerEventId">The id of the event that started this run (the ReceivedEvents table keeps its id, type and subject, not its body).</param>
/// <param name="ApiCalls">The API call log under the run's correlation id, or null when the input names none.</param>
/// <param name="Evidence">The offboarding evidence records for the employee (offboarding only).</param>
/// <param name="Review">Where to answer the open review (POST), while the workflow waits in awaiting-review.</param>
public sealed record InstanceLinkSet(
    string? TriggerEventId,
    string? CorrelationId,
    string? ApiCalls,
    string History,
    string? Evidence,
    string? Review,
    string Alerts);

/// <summary>Builds <see cref="InstanceLinkSet"/> from what the instance view already read (input and custom status); pure, so it is unit-tested.</summary>
public static class InstanceLinks
{
    public static InstanceLinkSet For(string instanceId, WorkflowIdentity identity, string? serializedInput, string? step)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        ArgumentNullException.ThrowIfNull(identity);
        string id = Uri.EscapeDataString(instanceId);
        (string? triggerEventId, string? correlationId) = ReadInput(serializedInput);
        return new InstanceLinkSet(
            triggerEventId,
            correlationId,
            correlationId is null ? null : $"/api/v1/api-calls/{Uri.EscapeDataString(correlationId)}",
            $"/api/v1/instances/{id}/history",
            identity.Workflow == "offboarding" && identity.Key is { } employeeId ? $"/api/v1/evidence/offboardings?employeeId={Uri.EscapeDataString(employeeId)}" : null,
            step == InstanceSummaryReader.AwaitingReviewStep ? $"/api/v1/reviews/{id}" : null,
            $"/api/v1/alerts?instanceId={id}");
    }

    /// <summary>Every workflow input carries its correlation id and its trigger's id ("SourceEventId" for deals, "EventId" for the others), in either casing.</summary>
    private static (string? TriggerEventId, string? CorrelationId) ReadInput(string? serializedInput)
    {
        if (string.IsNullOrEmpty(serializedInput))
        {
            return (null, null);
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(serializedInput);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            return (Text(doc.RootElement, "sourceEventId") ?? Text(doc.RootElement, "eventId"), Text(doc.RootElement, "correlationId"));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static string? Text(JsonElement obj, string name) =>
        WorkflowSteps.Property(obj, name) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;
}
