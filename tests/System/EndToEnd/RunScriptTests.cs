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
        var start = new ProcessStartInfo("setsid") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[] { "bash", Path.Combine(root, "run.sh") })
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

            TimeSpan interrupted = clock.Elapsed;
            using (Process ctrlC = Process.Start("kill", ["-INT", "--", "-" + script.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await ctrlC.WaitForExitAsync();
            }

            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await script.WaitForExitAsync(bound.Token);
            TimeSpan finished = clock.Elapsed;
            script.WaitForExit(); // the last output lines

            string all;
            TimeSpan hostStoppedAt, azuriteStoppedAt;
            lock (lines)
            {
                all = output.ToString();
                hostStoppedAt = lines.FirstOrDefault(l => l.Line == HostStopped).At;
                azuriteStoppedAt = lines.FirstOrDefault(l => l.Line == AzuriteStopped).At;
                Assert.Contains(lines, l => l.Line == HostStopped);
                Assert.Contains(lines, l => l.Line == AzuriteStopped);
            }

            Assert.True(hostStoppedAt <= azuriteStoppedAt, $"Azurite stopped before the host:\n{all}");
            Assert.True(hostStoppedAt - interrupted < TimeSpan.FromSeconds(5), $"the host took {(hostStoppedAt - interrupted).TotalSeconds:0.0} s to stop:\n{all}");
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

    private static async Task RunAsync(string file, params string[] arguments)
    {
        using Process process = Process.Start(file, arguments);
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(bound.Token);
    }
}
