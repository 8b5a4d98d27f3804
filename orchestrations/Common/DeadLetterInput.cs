namespace Integration.Orchestrations.Common;

/// <summary>What a workflow hands to the dead-letter store when it gives up, so nothing ends silently.</summary>
public sealed record DeadLetterInput(
    string Kind,
    string Reference,
    string CorrelationId,
    string Reason,
    string? Detail);
