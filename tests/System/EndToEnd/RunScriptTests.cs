using System.Diagnostics;
using System.Globalization;
using System.Text;
using Integration.Tests.System.Infrastructure;

namespace Integration.Tests.System.EndToEnd;

/// <summary>
/// ./run.sh as a developer stops it: Ctrl+C sends SIGINT to the script's whole process group. The host
/// must stop first and Azurite after it (Azurite dying first used to cost the host 100 s of stack traces),
/// all within seconds, with no stack trace in the output. Runs a second copy of run.sh on free ports.
/// </summary>
public sealed class RunScriptTests
{
    private const string HostStopped = "run.sh: the host has stopped";
    private const string AzuriteStopped = "run.sh: Azurite has stopped";

    [Fact]
    public async Task Ctrl_c_stops_the_host_before_azurite_within_seconds_and_without_stack_traces()
    {
        string root = TestEnvironment.RepositoryRoot ?? throw new InvalidOperationException("run.sh was not found.");
        int azuritePort = OwnAzurite.FreePortTriple(), apiPort = TestEnvironment.FreePort();
        string data = Directory.CreateTempSubdirectory("integration-run-sh-").FullName;
        var output = new StringBuilder();

        // setsid: run.sh leads a process group of its own, as in a terminal, so SIGINT can go to the whole group.
        // env --default-signal=INT: a terminal's shell starts with SIGINT at its default, but this test may run under a
        // runner started in the background, whose ignored SIGINT every child inherits and bash may not trap.
        var start = new ProcessStartInfo("env") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[] { "--default-signal=INT", "setsid", "bash", Path.Combine(root, "run.sh") })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["RUN_AZURITE_PORT"] = azuritePort.ToString(CultureInfo.InvariantCulture);
        start.Environment["RUN_AZURITE_DATA"] = data;
        start.Environment["RUN_NO_BUILD"] = "1";
        start.Environment["RUN_HOST_DLL"] = StandaloneHostProcess.DevHostDll();
        start.Environment["Standalone__ApiPort"] = apiPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["Standalone__GrpcPort"] = TestEnvironment.FreePort().ToString(CultureInfo.InvariantCulture);
        start.Environment["Sandbox__Port"] = TestEnvironment.FreePort().ToString(CultureInfo.InvariantCulture);
        start.Environment["Engine__TaskHubName"] = TestEnvironment.NewTaskHubName("runsh");
        start.Environment.Remove("AzureWebJobsStorage");

        using Process script = Process.Start(start) ?? throw new InvalidOperationException("run.sh did not start.");
        var lines = new List<(TimeSpan At, string Line)>();
        var clock = Stopwatch.StartNew();
        void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (lines)
            {
                lines.Add((clock.Elapsed, line));
                output.AppendLine(line);
            }
        }

        script.OutputDataReceived += (_, e) => Append(e.Data);
        script.ErrorDataReceived += (_, e) => Append(e.Data);
        script.BeginOutputReadLine();
        script.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}"), Timeout = TimeSpan.FromSeconds(5) };
            await Eventually.Until(
                async () =>
                {
                    try
                    {
                        return (await http.GetAsync("/api/health")).IsSuccessStatusCode;
                    }
                    catch (HttpRequestException)
                    {
                        return false;
                    }
                    catch (TaskCanceledException)
                    {
                        return false;
                    }
                },
                healthy => healthy || script.HasExited,
                TimeSpan.FromSeconds(120),
                "the host started by run.sh to be healthy");
            Assert.False(script.HasExited, $"run.sh ended early:\n{output}");

            // Watched from outside rather than taken from the script's word: the two processes themselves.
            int hostPid = await ChildRunningAsync(script.Id, "Integration.DevHost.dll");
            int azuritePid = int.Parse(await File.ReadAllTextAsync(Path.Combine(root, ".run", $"azurite-{azuritePort}.pid")), CultureInfo.InvariantCulture);
            Assert.True(IsRunning(hostPid) && IsRunning(azuritePid), $"host {hostPid} or Azurite {azuritePid} is not running:\n{output}");

            TimeSpan interrupted = clock.Elapsed;
            using (Process ctrlC = Process.Start("kill", ["-INT", "--", "-" + script.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await ctrlC.WaitForExitAsync();
            }

            TimeSpan? hostGone = null, azuriteGone = null;
            while ((hostGone is null || azuriteGone is null) && clock.Elapsed - interrupted < TimeSpan.FromSeconds(60))
            {
                hostGone ??= IsRunning(hostPid) ? null : clock.Elapsed;
                azuriteGone ??= IsRunning(azuritePid) ? null : clock.Elapsed;
                await Task.Delay(20);
            }

            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await script.WaitForExitAsync(bound.Token);
            }
            catch (OperationCanceledException)
            {
                // Said with what the script printed, so a hang is diagnosable from the test log alone.
                string sofar;
                lock (lines)
                {
                    sofar = output.ToString();
                }

                Assert.Fail($"run.sh still running two minutes after Ctrl+C (host {(hostGone is null ? "still running" : "gone")}, Azurite {(azuriteGone is null ? "still running" : "gone")}):\n{sofar}");
            }

            TimeSpan finished = clock.Elapsed;
            script.WaitForExit(); // the last output lines

            string all;
            lock (lines)
            {
                all = output.ToString();
                Assert.Contains(lines, l => l.Line == HostStopped);
                Assert.Contains(lines, l => l.Line == AzuriteStopped);
            }

            Assert.True(hostGone is not null && azuriteGone is not null, $"host or Azurite still running a minute after Ctrl+C:\n{all}");
            Assert.True(hostGone <= azuriteGone, $"Azurite ended {(hostGone - azuriteGone)?.TotalSeconds:0.00} s before the host:\n{all}");
            Assert.True(hostGone - interrupted < TimeSpan.FromSeconds(5), $"the host took {(hostGone - interrupted)?.TotalSeconds:0.0} s to stop:\n{all}");
            Assert.True(finished - interrupted < TimeSpan.FromSeconds(10), $"run.sh took {(finished - interrupted).TotalSeconds:0.0} s to stop:\n{all}");
            Assert.DoesNotContain("   at ", all, StringComparison.Ordinal);
            Assert.DoesNotContain("fail:", all, StringComparison.Ordinal);
        }
        finally
        {
            if (!script.HasExited)
            {
                script.Kill(entireProcessTree: true);
            }

            // Whatever happened, the Azurite this copy of run.sh started is stopped.
            await RunAsync("bash", Path.Combine(root, "scripts", "azurite.sh"), "stop", Path.Combine(root, ".run", $"azurite-{azuritePort}.pid"));
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>Alive and not a zombie waiting to be reaped.</summary>
    private static bool IsRunning(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].FirstOrDefault() != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>The pid of the child of <paramref name="parent"/> whose command line mentions <paramref name="name"/>.</summary>
    private static async Task<int> ChildRunningAsync(int parent, string name)
    {
        var start = new ProcessStartInfo("pgrep", ["-P", parent.ToString(CultureInfo.InvariantCulture), "-f", name]) { RedirectStandardOutput = true };
        using Process pgrep = Process.Start(start)!;
        string found = await pgrep.StandardOutput.ReadToEndAsync();
        await pgrep.WaitForExitAsync();
        return int.Parse(found.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture);
    }

    private static async Task RunAsync(string file, params string[] arguments)
    {
        using Process process = Process.Start(file, arguments);
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(bound.Token);
    }
}
