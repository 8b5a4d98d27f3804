using System.Text.Json;
using DurableTask.Core;
using DurableTask.Core.History;
using Integration.Activities.ApiCalls;

namespace Integration.Activities.Operations;

/// <summary>
/// One step of a workflow's history as a person reads it: an activity with when it was scheduled and ended, its
/// attempt and its (redacted) input and output or error; a timer; an event received or sent; a sub-orchestration;
/// the start, the end, a suspend, resume, terminate, rewind or continue-as-new.
/// </summary>
public sealed record HistoryEntry(
    string Kind,
    string? Name,
    DateTimeOffset At,
    DateTimeOffset? EndedAt,
    long? DurationMs,
    int? Attempt,
    string? Outcome,
    JsonElement? Input,
    JsonElement? Output,
    string? Error,
    DateTimeOffset? Due,
    string? Detail);

/// <summary>A workflow's history for people, with what it leaves out said in <see cref="Limits"/>.</summary>
public sealed record InstanceHistoryView(string InstanceId, IReadOnlyList<HistoryEntry> Entries, bool Complete, IReadOnlyList<string> Limits)
{
    /// <summary>How many engine history events the entries were built from.</summary>
    public int EventsRead { get; init; }
}

/// <summary>
/// Turns the engine's history events into <see cref="HistoryEntry"/> rows: a scheduled event and the event that
/// ends it become one entry; orchestrator-episode markers are dropped. Pure, so it is tested with events built in memory.
/// </summary>
public static class InstanceHistoryMapper
{
    /// <summary>Most history events read into entries; a longer history is cut there and says so.</summary>
    public const int MaxEvents = 5000;

    public const string CustomStatusLimit = "Custom status changes are not recorded in the engine's history, so they are not shown; the current step is in GET /api/v1/instances/{instanceId}.";

    public const string GenerationLimit = "After a continue-as-new the engine keeps only the current generation's history; earlier generations are not shown.";

    /// <summary>Entries from history read from storage: says so when more events exist than were read, or payloads sit in blobs.</summary>
    public static InstanceHistoryView Map(string instanceId, EngineHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        InstanceHistoryView view = Map(instanceId, history.Events);
        var limits = view.Limits.ToList();
        if (history.More)
        {
            limits.Add($"The history has more than {MaxEvents} events; only the first {MaxEvents} are shown.");
        }

        if (history.LargePayloads > 0)
        {
            limits.Add($"{history.LargePayloads} payload(s) were too large for the history table and are kept as blobs; they are not shown.");
        }

        return view with { Complete = view.Complete && !history.More, Limits = limits };
    }

    public static InstanceHistoryView Map(string instanceId, IReadOnlyList<HistoryEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var entries = new List<Builder>();
        var open = new Dictionary<int, Builder>();
        var lastByActivity = new Dictionary<string, Builder>(StringComparer.Ordinal);
        bool complete = events.Count <= MaxEvents;
        var limits = new List<string> { CustomStatusLimit };
        foreach (HistoryEvent e in events.Take(MaxEvents))
        {
            DateTimeOffset at = Utc(e.Timestamp);
            switch (e)
            {
                case ExecutionStartedEvent s:
                    entries.Add(new Builder("started", s.Name, at) { Input = Payload(s.Input), Detail = s.Generation is > 1 ? $"generation {s.Generation}" : null });
                    if (s.Generation is > 1)
                    {
                        limits.Add(GenerationLimit);
                    }

                    break;
                case TaskScheduledEvent t:
                    string activityName = t.Name ?? "(unnamed)";
                    int attempt = lastByActivity.TryGetValue(activityName, out Builder? previous) && previous.Outcome == "failed" ? previous.Attempt!.Value + 1 : 1;
                    var activity = new Builder("activity", activityName, at) { Attempt = attempt, Input = Payload(t.Input), Outcome = "running" };
                    entries.Add(activity);
                    open[t.EventId] = activity;
                    lastByActivity[activityName] = activity;
                    break;
                case TaskCompletedEvent c when open.Remove(c.TaskScheduledId, out Builder? done):
                    done.End(at, "completed");
                    done.Output = Payload(c.Result);
                    break;
                case TaskFailedEvent f when open.Remove(f.TaskScheduledId, out Builder? failed):
                    failed.End(at, "failed");
                    failed.Error = Failure(f.FailureDetails, f.Reason);
                    break;
                case TimerCreatedEvent timer:
                    var created = new Builder("timer", null, at) { Due = Utc(timer.FireAt), Outcome = "waiting" };
                    entries.Add(created);
                    open[timer.EventId] = created;
                    break;
                case TimerFiredEvent fired when open.Remove(fired.TimerId, out Builder? timerEntry):
                    timerEntry.End(at, "fired");
                    break;
                case EventRaisedEvent raised:
                    entries.Add(new Builder("event-received", raised.Name, at) { Input = Payload(raised.Input) });
                    break;
                case EventSentEvent sent:
                    entries.Add(new Builder("event-sent", sent.Name, at) { Input = Payload(sent.Input), Detail = $"to {sent.InstanceId}" });
                    break;
                case SubOrchestrationInstanceCreatedEvent sub:
                    var child = new Builder("sub-orchestration", sub.Name, at) { Input = Payload(sub.Input), Detail = sub.InstanceId, Outcome = "running" };
                    entries.Add(child);
                    open[sub.EventId] = child;
                    break;
                case SubOrchestrationInstanceCompletedEvent subDone when open.Remove(subDone.TaskScheduledId, out Builder? childDone):
                    childDone.End(at, "completed");
                    childDone.Output = Payload(subDone.Result);
                    break;
                case SubOrchestrationInstanceFailedEvent subFailed when open.Remove(subFailed.TaskScheduledId, out Builder? childFailed):
                    childFailed.End(at, "failed");
                    childFailed.Error = Failure(subFailed.FailureDetails, subFailed.Reason);
                    break;
                case ExecutionSuspendedEvent suspended:
                    entries.Add(new Builder("suspended", null, at) { Detail = suspended.Reason });
                    break;
                case ExecutionResumedEvent resumed:
                    entries.Add(new Builder("resumed", null, at) { Detail = resumed.Reason });
                    break;
                case ExecutionTerminatedEvent terminated:
                    entries.Add(new Builder("terminated", null, at) { Detail = Redaction.RedactBody(terminated.Input) });
                    break;
                case ExecutionRewoundEvent rewound:
                    entries.Add(new Builder("rewound", null, at) { Detail = rewound.Reason });
                    break;
                case ContinueAsNewEvent next:
                    entries.Add(new Builder("continued-as-new", null, at) { Input = Payload(next.Result) });
                    break;
                case ExecutionCompletedEvent end:
                    entries.Add(new Builder(end.OrchestrationStatus == OrchestrationStatus.Completed ? "completed" : end.OrchestrationStatus.ToString().ToLowerInvariant(), null, at)
                    {
                        Output = end.OrchestrationStatus == OrchestrationStatus.Completed ? Payload(end.Result) : null,
                        Error = end.OrchestrationStatus == OrchestrationStatus.Completed ? null : Failure(end.FailureDetails, end.Result),
                    });
                    break;
                default:
                    break;
            }
        }

        if (!complete)
        {
            limits.Add($"The history has {events.Count} events; only the first {MaxEvents} are shown.");
        }

        return new InstanceHistoryView(instanceId, entries.Select(b => b.Build()).ToArray(), complete, limits) { EventsRead = Math.Min(events.Count, MaxEvents) };
    }

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));

    private static string? Failure(FailureDetails? details, string? reason) =>
        details is not null ? $"{details.ErrorType}: {details.ErrorMessage}" : reason;

    /// <summary>A payload with the API call log's redaction, as JSON when it is JSON.</summary>
    private static JsonElement? Payload(string? json)
    {
        string? redacted = Redaction.RedactBody(json);
        if (string.IsNullOrEmpty(redacted))
        {
            return null;
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(redacted);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(redacted);
        }
    }

    private sealed class Builder(string kind, string? name, DateTimeOffset at)
    {
        public int? Attempt { get; init; }

        public string? Outcome { get; set; }

        public JsonElement? Input { get; init; }

        public JsonElement? Output { get; set; }

        public string? Error { get; set; }

        public DateTimeOffset? Due { get; init; }

        public string? Detail { get; init; }

        private DateTimeOffset? EndedAt { get; set; }

        public void End(DateTimeOffset ended, string outcome)
        {
            EndedAt = ended;
            Outcome = outcome;
        }

        public HistoryEntry Build() => new(
            kind, name, at, EndedAt, EndedAt is { } e ? (long)(e - at).TotalMilliseconds : null, Attempt, Outcome, Input, Output, Error, Due, Detail);
    }
}
