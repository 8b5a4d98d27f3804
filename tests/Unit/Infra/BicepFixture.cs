using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Integration.Tests.Unit.Infra;

/// <summary>
/// Installs the pinned Bicep CLI once (through infra/check.sh) and compiles infra/main.bicep to ARM JSON
/// for the assertions in <see cref="BicepTemplateTests"/>.
/// </summary>
public sealed class BicepFixture : IAsyncLifetime
{
    public static readonly TimeSpan ProcessTimeout = TimeSpan.FromMinutes(3);

    public string RepoRoot { get; } = FindRepoRoot();

    public string BicepPath { get; private set; } = "";

    /// <summary>The compiled main template (infra/main.bicep), modules inlined as nested deployments.</summary>
    public JsonElement Template { get; private set; }

    private JsonDocument? _document;

    public async Task InitializeAsync()
    {
        var install = await RunAsync("bash", ["infra/check.sh", "--bicep-path"]);
        Assert.True(install.ExitCode == 0, $"infra/check.sh --bicep-path failed:\n{install.Output}");
        BicepPath = install.StdOut.Trim().Split('\n')[^1].Trim();
        Assert.True(File.Exists(BicepPath), $"Bicep CLI not found at '{BicepPath}'.\n{install.Output}");

        var build = await RunAsync(BicepPath, ["build", "infra/main.bicep", "--stdout"]);
        Assert.True(build.ExitCode == 0, $"bicep build infra/main.bicep failed:\n{build.StdErr}");
        _document = JsonDocument.Parse(build.StdOut);
        Template = _document.RootElement;
    }

    public Task DisposeAsync()
    {
        _document?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Runs a process in the repository root and captures its output; kills it after <see cref="ProcessTimeout"/>.</summary>
    public async Task<ProcessResult> RunAsync(string fileName, IEnumerable<string> arguments, IEnumerable<string>? removeEnvironment = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        foreach (var name in removeEnvironment ?? [])
        {
            startInfo.Environment.Remove(name);
        }

        using var process = new Process { StartInfo = startInfo };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(ProcessTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return new ProcessResult(-1, stdout.ToString(), $"{stderr}\n[timed out after {ProcessTimeout.TotalSeconds:0} s: {fileName} {string.Join(' ', arguments)}]");
        }

        // The parameterless wait drains the redirected streams after exit.
        await process.WaitForExitAsync();
        return new ProcessResult(process.ExitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>
    /// The folder holding Integration.sln, searched upwards from the test binaries, then the working
    /// directory, then this source file (binaries built with --artifacts-path live outside the repo).
    /// </summary>
    internal static string FindRepoRoot([CallerFilePath] string sourceFile = "")
    {
        string?[] starts = [AppContext.BaseDirectory, Environment.CurrentDirectory, Path.GetDirectoryName(sourceFile)];
        foreach (var start in starts)
        {
            if (string.IsNullOrEmpty(start) || !Directory.Exists(start))
            {
                continue;
            }
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Integration.sln")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new InvalidOperationException($"No Integration.sln above {string.Join(", ", starts)}.");
    }
}

public sealed record ProcessResult(int ExitCode, string StdOut, string StdErr)
{
    public string Output => $"--- stdout ---\n{StdOut}\n--- stderr ---\n{StdErr}";
}
