using System.Globalization;

namespace Integration.Bench.Hosting;

/// <summary>Reads a process's memory counters from /proc/&lt;pid&gt;/status (Linux), the kernel's own account of its working set.</summary>
public static class ProcStatus
{
    /// <summary>Resident set size now.</summary>
    public const string ResidentSet = "VmRSS";

    /// <summary>Peak resident set size ("high water mark") since the process started.</summary>
    public const string PeakResidentSet = "VmHWM";

    /// <summary>The field in bytes, or null when the process is gone or this is not Linux.</summary>
    public static long? ReadBytes(int pid, string field)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        foreach (var line in lines)
        {
            // e.g. "VmHWM:\t  123456 kB"
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                var parts = line[(field.Length + 1)..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length == 2 && parts[1] == "kB" && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kb))
                {
                    return kb * 1024;
                }
            }
        }

        return null;
    }
}
