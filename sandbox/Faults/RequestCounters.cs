namespace Integration.Sandbox.Faults;

/// Counts vendor requests and injected faults per system so tests can assert that retries happened.
internal sealed class RequestCounters
{
    private readonly long[] total = new long[SandboxSystems.All.Count];
    private readonly long[] faulted = new long[SandboxSystems.All.Count];

    public void CountRequest(SandboxSystem system) => Interlocked.Increment(ref total[(int)system]);

    public void CountFault(SandboxSystem system) => Interlocked.Increment(ref faulted[(int)system]);

    public (long Total, long Faulted) Get(SandboxSystem system) =>
        (Interlocked.Read(ref total[(int)system]), Interlocked.Read(ref faulted[(int)system]));

    public void Reset()
    {
        for (var i = 0; i < total.Length; i++)
        {
            Interlocked.Exchange(ref total[i], 0);
            Interlocked.Exchange(ref faulted[i], 0);
        }
    }
}
