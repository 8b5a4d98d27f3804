using System.Diagnostics;

namespace Integration.Bench.Measurement;

/// <summary>
/// CPU time of the processes in a run (host, Azurite, the bench itself) between two points, as cores
/// used on average: the evidence of which process a phase is waiting on on a small machine.
/// </summary>
public sealed class CpuMeter(IReadOnlyDictionary<string, int> processes)
{
    /// <summary>Marks the start of a phase.</summary>
    public Mark Start() => new(processes.ToDictionary(p => p.Key, p => CpuTime(p.Value)), Stopwatch.GetTimestamp());

    /// <summary>Average cores each process used since <paramref name="mark"/>, in the order given (missing when a process is gone).</summary>
    public IReadOnlyList<(string Name, double Cores)> Since(Mark mark)
    {
        ArgumentNullException.ThrowIfNull(mark);
        var wall = Stopwatch.GetElapsedTime(mark.Timestamp).TotalSeconds;
        var used = new List<(string, double)>();
        foreach (var (name, pid) in processes)
        {
            if (mark.Cpu.GetValueOrDefault(name) is TimeSpan before && CpuTime(pid) is TimeSpan after && wall > 0)
            {
                used.Add((name, (after - before).TotalSeconds / wall));
            }
        }

        return used;
    }

    private static TimeSpan? CpuTime(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.TotalProcessorTime;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>CPU times and the wall clock at a point.</summary>
    public sealed record Mark(IReadOnlyDictionary<string, TimeSpan?> Cpu, long Timestamp);
}
