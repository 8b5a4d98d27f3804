namespace Integration.Sandbox.Faults;

/// Holds the live fault settings of every system of one sandbox instance.
internal sealed class FaultRegistry
{
    private readonly Dictionary<SandboxSystem, SystemFaults> systems;

    public FaultRegistry(SandboxOptions options)
    {
        systems = SandboxSystems.All.ToDictionary(
            s => s,
            s => new SystemFaults(options.Faults.TryGetValue(s, out var f) ? f : new FaultSettings()));
    }

    public FaultSettings Get(SandboxSystem system) => systems[system].Settings;

    public void Set(SandboxSystem system, FaultSettings settings) => systems[system].Apply(settings);

    public FaultDecision Draw(SandboxSystem system, bool isWrite) => systems[system].Draw(isWrite);

    /// <summary>Turns every fault off (settings back to their defaults).</summary>
    public void Reset()
    {
        foreach (var faults in systems.Values)
        {
            faults.Apply(new FaultSettings());
        }
    }
}
