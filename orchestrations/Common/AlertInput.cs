namespace Integration.Orchestrations.Common;

/// <summary>Asks for an alert to the people who act on it (finance, operations): severity "info", "warning" or "error".</summary>
/// <param name="Kind">The alert record's kind (e.g. "deadline-missed"); null for a notice about a workflow, which resolves when that workflow completes.</param>
public sealed record AlertInput(string Severity, string Title, string Text, string Reference, string CorrelationId, string? Kind = null);
