namespace Integration.Orchestrations.Routing;

/// <summary>
/// The input of a workflow that reconciles against its source system. The dispatcher reads which event
/// started the run to tell whether a change it raised was taken before the run ended.
/// </summary>
public interface IReconcileInput
{
    /// <summary>The id of the event that started this run (the first delivery, or the change a ContinueAsNew carries).</summary>
    string TriggerEventId { get; }
}
