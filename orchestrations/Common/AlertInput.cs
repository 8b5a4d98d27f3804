namespace Integration.Orchestrations.Common;

/// <summary>Asks for an alert to the people who act on it (finance, operations): severity "info", "warning" or "error".</summary>
public sealed record AlertInput(string Severity, string Title, string Text, string Reference, string CorrelationId);
