using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using DurableTask.Core;
using DurableTask.Core.History;
using Integration.Activities.Storage;

namespace Integration.Activities.Operations;

/// <summary>A workflow's engine history, read; <paramref name="LargePayloads"/> counts payloads kept in blobs (not shown).</summary>
public sealed record EngineHistory(IReadOnlyList<HistoryEvent> Events, bool More, int LargePayloads);

/// <summary>Reads a workflow's engine history; a seam so the handler's answers are tested without storage.</summary>
public interface IEngineHistoryReader
{
    /// <summary>Up to <paramref name="max"/> events of the instance's current execution, oldest first.</summary>
    Task<EngineHistory> ReadAsync(string instanceId, int max, CancellationToken cancellationToken);
}

/// <summary>
/// Reads the Azure Storage backend's "{hub}History" table (one partition per instance, one row per event in order),
/// as Durable Functions tooling does: both hosts run that backend, and the standalone engine's gRPC history stream
/// returns no events for it. Rows become DurableTask.Core history events, so <see cref="InstanceHistoryMapper"/> reads
/// either source the same way.
/// </summary>
public sealed class HistoryTableReader(StorageClients storage) : IEngineHistoryReader
{
    private static readonly string[] Columns =
    [
        "RowKey", "EventType", "EventId", "_Timestamp", "Name", "Input", "Result", "TaskScheduledId", "Reason", "Details", "FailureDetails",
        "FireAt", "TimerId", "OrchestrationStatus", "InstanceId", "Generation", "ExecutionId", "InputBlobName", "ResultBlobName",
    ];

    public async Task<EngineHistory> ReadAsync(string instanceId, int max, CancellationToken cancellationToken)
    {
        TableClient table = storage.Tables.GetTableClient(storage.Names.TaskHub + "History");
        var rows = new List<TableEntity>();
        bool more = false;
        try
        {
            await foreach (TableEntity e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {instanceId}"), maxPerPage: 1000, select: Columns, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (e.RowKey == "sentinel")
                {
                    continue;
                }

                if (rows.Count == max)
                {
                    more = true;
                    break;
                }

                rows.Add(e);
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return new EngineHistory([], false, 0);
        }

        // Rows of an earlier execution can linger after a continue-as-new: keep the last execution's.
        string? current = rows.Count > 0 ? rows[^1].GetString("ExecutionId") : null;
        HistoryEvent[] events = rows.Where(r => current is null || r.GetString("ExecutionId") is null || r.GetString("ExecutionId") == current)
            .Select(ToEvent).OfType<HistoryEvent>().ToArray();
        int large = rows.Count(r => r.GetString("InputBlobName") is { Length: > 0 } || r.GetString("ResultBlobName") is { Length: > 0 });
        return new EngineHistory(events, more, large);
    }

    /// <summary>One History row as the engine's own event type; a row of a type people do not read (episode markers) is null.</summary>
    public static HistoryEvent? ToEvent(TableEntity row)
    {
        ArgumentNullException.ThrowIfNull(row);
        int id = row.GetInt32("EventId") ?? -1;
        string? name = row.GetString("Name");
        string? input = row.GetString("Input");
        string? result = row.GetString("Result");
        int scheduled = row.GetInt32("TaskScheduledId") ?? -1;
        HistoryEvent? e = row.GetString("EventType") switch
        {
            "ExecutionStarted" => new ExecutionStartedEvent(id, input) { Name = name, Generation = row.GetInt32("Generation") },
            "TaskScheduled" => new TaskScheduledEvent(id, name, null, input),
            "TaskCompleted" => new TaskCompletedEvent(id, scheduled, result),
            "TaskFailed" => new TaskFailedEvent(id, scheduled, row.GetString("Reason"), row.GetString("Details"), Failure(row)),
            "TimerCreated" => new TimerCreatedEvent(id, Time(row, "FireAt")),
            "TimerFired" => new TimerFiredEvent(id, Time(row, "FireAt")) { TimerId = row.GetInt32("TimerId") ?? -1 },
            "EventRaised" => new EventRaisedEvent(id, input) { Name = name },
            "EventSent" => new EventSentEvent(id) { Name = name, InstanceId = row.GetString("InstanceId"), Input = input },
            "SubOrchestrationInstanceCreated" => new SubOrchestrationInstanceCreatedEvent(id) { Name = name, InstanceId = row.GetString("InstanceId"), Input = input },
            "SubOrchestrationInstanceCompleted" => new SubOrchestrationInstanceCompletedEvent(id, scheduled, result),
            "SubOrchestrationInstanceFailed" => new SubOrchestrationInstanceFailedEvent(id, scheduled, row.GetString("Reason"), row.GetString("Details"), Failure(row)),
            "ExecutionSuspended" => new ExecutionSuspendedEvent(id, row.GetString("Reason")),
            "ExecutionResumed" => new ExecutionResumedEvent(id, row.GetString("Reason")),
            "ExecutionTerminated" => new ExecutionTerminatedEvent(id, input),
            "ExecutionRewound" => new ExecutionRewoundEvent(id, row.GetString("Reason")),
            "ContinueAsNew" => new ContinueAsNewEvent(id, result),
            "ExecutionCompleted" => new ExecutionCompletedEvent(id, result, Status(row), Failure(row)),
            _ => null,
        };
        if (e is not null)
        {
            e.Timestamp = Time(row, "_Timestamp");
        }

        return e;
    }

    private static OrchestrationStatus Status(TableEntity row) => row.TryGetValue("OrchestrationStatus", out object? value) ? value switch
    {
        int n => (OrchestrationStatus)n,
        string s when Enum.TryParse(s, ignoreCase: true, out OrchestrationStatus parsed) => parsed,
        _ => OrchestrationStatus.Completed,
    } : OrchestrationStatus.Completed;

    /// <summary>The engine stores failure details as JSON ({"ErrorType":…,"ErrorMessage":…}).</summary>
    private static FailureDetails? Failure(TableEntity row)
    {
        if (row.GetString("FailureDetails") is not { Length: > 0 } json)
        {
            return null;
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(json);
            string? type = WorkflowSteps.Property(doc.RootElement, "ErrorType")?.GetString();
            string? message = WorkflowSteps.Property(doc.RootElement, "ErrorMessage")?.GetString();
            return new FailureDetails(type ?? "Error", message ?? string.Empty, null, null, false);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return new FailureDetails("Error", json, null, null, false);
        }
    }

    private static DateTime Time(TableEntity row, string column) => row.TryGetValue(column, out object? value) ? value switch
    {
        DateTimeOffset d => d.UtcDateTime,
        DateTime d => DateTime.SpecifyKind(d, DateTimeKind.Utc),
        string s when DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset d) => d.UtcDateTime,
        _ => default,
    } : default;
}
