namespace Integration.Bench.Measurement;

/// <summary>What the machine did during one phase: cores each process used and how long Azurite took to answer a trivial call.</summary>
/// <param name="Cpu">Average cores used per process ("host", "azurite", "bench").</param>
/// <param name="StorageWait">Azurite's answer time to a trivial call, sampled once a second, in milliseconds.</param>
public sealed record PhaseObservation(IReadOnlyList<(string Name, double Cores)> Cpu, LatencySummary StorageWait)
{
    /// <summary>Runs <paramref name="phase"/> while measuring CPU and probing Azurite.</summary>
    public static async Task<(T Result, PhaseObservation Observed)> ObserveAsync<T>(CpuMeter cpu, string storage, Func<Task<T>> phase)
    {
        ArgumentNullException.ThrowIfNull(cpu);
        ArgumentNullException.ThrowIfNull(phase);
        var mark = cpu.Start();
        await using var responsiveness = StorageResponsiveness.Start(storage);
        var result = await phase().ConfigureAwait(false);
        var usage = cpu.Since(mark);
        return (result, new PhaseObservation(usage, await responsiveness.StopAsync().ConfigureAwait(false)));
    }

    public double CoresOf(string process) => Cpu.Where(u => u.Name == process).Select(u => u.Cores).DefaultIfEmpty(double.NaN).First();
}
