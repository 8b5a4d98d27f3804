using System.Globalization;
using System.Runtime.InteropServices;

namespace Integration.Bench.Reporting;

/// <summary>The machine a run was made on, printed with the figures because they mean little without it.</summary>
public sealed record MachineInfo(int Cores, string Cpu, double MemoryGiB, string Os, string Runtime)
{
    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        ProcField("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        MemTotalKb() / 1024.0 / 1024.0,
        OsRelease() ?? RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription);

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture, $"{Cores} cores ({Cpu}), {MemoryGiB:0.#} GiB RAM, {Os}, {Runtime}");

    /// <summary>The 1-minute load average (/proc/loadavg), or "n/a".</summary>
    public static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    private static long MemTotalKb()
    {
        var text = ProcField("/proc/meminfo", "MemTotal");
        return text is not null && long.TryParse(text.Split(' ')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? kb : 0;
    }

    private static string? OsRelease()
    {
        var pretty = ProcField("/etc/os-release", "PRETTY_NAME", '=')?.Trim('"');
        return pretty is null ? null : $"{pretty} (kernel {Environment.OSVersion.Version})";
    }

    private static string? ProcField(string path, string name, char separator = ':')
    {
        try
        {
            return File.ReadLines(path)
                .Select(l => l.Split(separator, 2))
                .Where(p => p.Length == 2 && p[0].Trim() == name)
                .Select(p => p[1].Trim())
                .FirstOrDefault();
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
