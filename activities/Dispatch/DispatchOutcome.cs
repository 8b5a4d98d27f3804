namespace Integration.Activities.Dispatch;

/// <summary>What the dispatcher did with one event, for logs and tests.</summary>
public sealed record DispatchOutcome(string EventId, string Action, string? InstanceId, string Detail)
{
    public const string Started = "started";
    public const string Raised = "raised";
    public const string Restarted = "restarted";
    public const string Ignored = "ignored";

    /// <summary>A message for several subscribers was queued again, once per subscriber.</summary>
    public const string FannedOut = "fanned-out";
}
