namespace Integration.Sandbox.Faults;

/// The fault drawn for one request together with the settings it was drawn from.
internal sealed record FaultDecision(FaultKind Kind, FaultSettings Settings);
