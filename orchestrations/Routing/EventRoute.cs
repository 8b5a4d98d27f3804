namespace Integration.Orchestrations.Routing;

/// <summary>What the dispatcher must do with one event; a closed set so every case is handled.</summary>
public abstract record EventRoute
{
    private EventRoute()
    {
    }

    /// <summary>
    /// Make the business key's workflow look again: raise the event on a live instance; otherwise start
    /// it (or restart a finished one), or, when <paramref name="StartIfAbsent"/> is false and the key never
    /// had a workflow, ignore the event. Used for workflows that reconcile against the source system.
    /// </summary>
    /// <param name="RestartIfFinished">Whether a finished workflow of the key is started again (the deal and HR
    /// workflows re-read their source); false for the order workflows, which a late repeat of an event must not run twice.</param>
    public sealed record Reconcile(
        string OrchestratorName, string InstanceId, IReconcileInput Input, string EventName, object Payload, bool StartIfAbsent, bool RestartIfFinished = true) : EventRoute;

    /// <summary>No workflow cares about this event; it is recorded as ignored, with the reason.</summary>
    public sealed record Ignore(string Reason) : EventRoute;

    /// <summary>
    /// A message for no particular subscriber (queued before subscriptions, or a replay of one) of an event that
    /// several subscribe to: the dispatcher queues it again once per subscription, so each runs on its own.
    /// </summary>
    public sealed record FanOut(IReadOnlyList<string> Subscriptions) : EventRoute;
}
