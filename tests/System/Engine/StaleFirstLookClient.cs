using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Integration.Tests.System.Engine;

/// <summary>
/// The real engine client, except that its first plain lookup of one instance answers with an earlier
/// snapshot: the dispatcher then acts on an instance that has ended since it looked, as in the race
/// where a run ends the moment a change is raised to it. Everything else goes to the engine.
/// </summary>
public sealed class StaleFirstLookClient(DurableTaskClient engine, OrchestrationMetadata snapshot) : DurableTaskClient(engine.Name)
{
    private int looks;

    public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        !getInputsAndOutputs && instanceId == snapshot.InstanceId && Interlocked.Increment(ref looks) == 1
            ? Task.FromResult<OrchestrationMetadata?>(snapshot)
            : engine.GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation);

    public override Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default) =>
        engine.ScheduleNewOrchestrationInstanceAsync(orchestratorName, input, options, cancellation);

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) =>
        engine.RaiseEventAsync(instanceId, eventName, eventPayload, cancellation);

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        engine.WaitForInstanceStartAsync(instanceId, getInputsAndOutputs, cancellation);

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        engine.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs, cancellation);

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        engine.SuspendInstanceAsync(instanceId, reason, cancellation);

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        engine.ResumeInstanceAsync(instanceId, reason, cancellation);

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) => engine.GetAllInstancesAsync(filter);

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
