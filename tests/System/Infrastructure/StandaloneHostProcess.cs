using Integration.Activities.Calendar;
using System.Diagnostics;
using System.Text;

namespace Integration.Tests.System.Infrastructure;

/// <summary>
/// The standalone host as users run it: a separate `dotnet Integration.DevHost.dll` process with the
/// sandbox embedded, on free loopback ports, its own task hub, against the test Azurite.
/// </summary>
public sealed class StandaloneHostProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private StandaloneHostProcess(Process process, int apiPort, int grpcPort, int sandboxPort, string taskHub)
    {
        this.process = process;
        ApiPort = apiPort;
        GrpcPort = grpcPort;
        SandboxPort = sandboxPort;
        TaskHub = taskHub;
    }

    public int ApiPort { get; }

    public int GrpcPort { get; }

    public int SandboxPort { get; }

    public string TaskHub { get; }

    public string ApiBaseUrl => $"http://127.0.0.1:{ApiPort}";

    public string SandboxBaseUrl => $"http://127.0.0.1:{SandboxPort}";

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <param name="taskHub">Reuse a task hub (a restart after a crash); a fresh one by default.</param>
    public static async Task<StandaloneHostProcess> StartAsync(IDictionary<string, string>? settings = null, string? taskHub = null)
    {
        int apiPort = TestEnvironment.FreePort(), grpcPort = TestEnvironment.FreePort(), sandboxPort = TestEnvironment.FreePort();
        string hub = taskHub ?? TestEnvironment.NewTaskHubName("e2e");
        var start = new ProcessStartInfo("dotnet", $"\"{DevHostDll()}\"")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(DevHostDll())!,
        };
        start.Environment["Standalone__ApiPort"] = apiPort.ToString(global::System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Standalone__GrpcPort"] = grpcPort.ToString(global::System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Sandbox__Port"] = sandboxPort.ToString(global::System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["AzureWebJobsStorage"] = TestEnvironment.StorageConnectionString;
        start.Environment["Engine__TaskHubName"] = hub;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Integration"] = "Information";
        // Results must not depend on the day the tests run; calendar tests override these.
        foreach ((string key, string value) in BusinessCalendarOptions.AlwaysOpen)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        foreach ((string key, string value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var host = new StandaloneHostProcess(process, apiPort, grpcPort, sandboxPort, hub);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await host.WaitHealthyAsync(TimeSpan.FromSeconds(90));
        return host;
    }

    /// <summary>True once the host process has ended (it should only when asked to).</summary>
    public bool HasExited => process.HasExited;

    /// <summary>
    /// Sends SIGTERM, as a service manager, a container runtime or run.sh does, and waits for the process to
    /// exit: how long it took and its exit code. A host still running after <paramref name="timeout"/> is killed
    /// and the wait fails.
    /// </summary>
    public async Task<(TimeSpan Took, int ExitCode)> TerminateAsync(TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        using (Process kill = Process.Start("kill", ["-TERM", process.Id.ToString(global::System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
            throw new TimeoutException($"The host did not exit within {timeout.TotalSeconds:0} s of SIGTERM:\n{string.Join('\n', Output.Split('\n').TakeLast(150))}");
        }

        return (watch.Elapsed, process.ExitCode);
    }

    /// <summary>Kills the process tree at once, as a crash or an OOM kill would.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>Runs a wait; when it times out, the failure carries the end of this host's log, which says why.</summary>
    public async Task<T> ExplainTimeoutAsync<T>(Func<Task<T>> wait)
    {
        ArgumentNullException.ThrowIfNull(wait);
        try
        {
            return await wait();
        }
        catch (TimeoutException ex)
        {
            string[] lines = Output.Split('\n');
            throw new TimeoutException($"{ex.Message}\n--- the host's log, last 150 lines ---\n{string.Join('\n', lines.TakeLast(150))}", ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            if (output.Length < 2_000_000)
            {
                output.AppendLine(line);
            }
        }
    }

    private async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = new Uri(ApiBaseUrl), Timeout = TimeSpan.FromSeconds(5) };
        DateTime deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The standalone host exited with code {process.ExitCode} during start-up:\n{Output}");
            }

            try
            {
                using HttpResponseMessage response = await http.GetAsync("/api/health");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Not answering yet.
            }

            await Task.Delay(250);
        }

        await KillAsync();
        throw new TimeoutException($"The standalone host was not healthy within {timeout.TotalSeconds:0} s:\n{Output}");
    }

    /// <summary>The built standalone host: next to the tests (same configuration) or under an artifacts path.</summary>
    public static string DevHostDll()
    {
        if (Environment.GetEnvironmentVariable("INTEGRATION_DEVHOST_DLL") is { Length: > 0 } configured)
        {
            return configured;
        }

        string configuration = AppContext.BaseDirectory.Contains("release", StringComparison.OrdinalIgnoreCase) ? "Release" : "Debug";
        string[] candidates =
        [
            Path.Combine(TestEnvironment.RepositoryRoot ?? ".", "devhost", "bin", configuration, "net10.0", "Integration.DevHost.dll"),
            Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "Integration.DevHost", configuration.ToLowerInvariant(), "Integration.DevHost.dll")),
        ];
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"The standalone host is not built; looked in: {string.Join(", ", candidates)}");
    }
}
