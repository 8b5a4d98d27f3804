namespace Integration.Orchestrations.Common;

/// <summary>What a workflow (or the poison-queue handler) hands to the dead-letter store when it gives up, so nothing ends silently.</summary>
/// <param name="Source">The webhook source of an event dead letter; null means "workflow" for a workflow, "unknown" for an event.</param>
/// <param name="ReplayOf">The dead letter whose replay this failure is, when it is one.</param>
/// <param name="Message">The whole original queue message, kept so the event can be replayed.</param>
public sealed record DeadLetterInput(
    string Kind,
    string Reference,
    string CorrelationId,
    string Reason,
    string? Detail,
    string? Source = null,
    string? ReplayOf = null,
    string? Message = null);
