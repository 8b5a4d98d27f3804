namespace Integration.Orchestrations.Routing;

/// <summary>What the dispatcher must do with one event; a closed set so every case is handled.</summary>
public abstract record EventRoute
{
    private EventRoute()
    {
    }

    /// <summary>Start an orchestration whose instance id is the business key, so duplicates are no-ops.</summary>
    public sealed record StartOrchestration(string OrchestratorName, string InstanceId, object Input) : EventRoute;

    /// <summary>Deliver the event to a running orchestration.</summary>
    public sealed record RaiseEvent(string InstanceId, string EventName, object Payload) : EventRoute;

    /// <summary>No workflow cares about this event; it is recorded as ignored, with the reason.</summary>
    public sealed record Ignore(string Reason) : EventRoute;
}
