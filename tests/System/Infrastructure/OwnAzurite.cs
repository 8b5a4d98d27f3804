using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Integration.Tests.System.Infrastructure;

/// <summary>
/// An Azurite of one test's own, started with scripts/azurite.sh on free loopback ports with its data on
/// disk, so the test can stop it (a normal signal: Azurite saves its data on SIGTERM) and start it again
/// under a running host without disturbing the Azurite every other test shares. Disposing stops it.
/// </summary>
public sealed class OwnAzurite : IAsyncDisposable
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(90);

    private readonly string folder;

    private OwnAzurite(int blobPort, string folder)
    {
        BlobPort = blobPort;
        this.folder = folder;
    }

    public int BlobPort { get; }

    public string ConnectionString => TestEnvironment.DevelopmentStorage(BlobPort, BlobPort + 1, BlobPort + 2);

    private string DataDirectory => Path.Combine(folder, "data");

    private string PidFile => Path.Combine(folder, "azurite.pid");

    public static async Task<OwnAzurite> StartAsync()
    {
        string folder = Directory.CreateTempSubdirectory("integration-own-azurite-").FullName;
        var azurite = new OwnAzurite(FreePortTriple(), folder);
        try
        {
            await azurite.StartAgainAsync();
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }

        return azurite;
    }

    /// <summary>Starts it on the same ports and data (the first start, or a restart after <see cref="StopAsync"/>).</summary>
    public Task StartAgainAsync() =>
        RunScriptAsync("start", BlobPort.ToString(CultureInfo.InvariantCulture), DataDirectory, PidFile);

    /// <summary>Stops it with SIGTERM and waits for it to exit (scripts/azurite.sh stop).</summary>
    public Task StopAsync() => RunScriptAsync("stop", PidFile);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A temp folder left behind is harmless.
            }
        }
    }

    private static async Task RunScriptAsync(params string[] arguments)
    {
        string root = TestEnvironment.RepositoryRoot ?? throw new InvalidOperationException("The repository (scripts/azurite.sh) was not found.");
        var start = new ProcessStartInfo("bash") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(root, "scripts", "azurite.sh"));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start.");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ScriptTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"scripts/azurite.sh {string.Join(' ', arguments)} did not finish within {ScriptTimeout.TotalSeconds:0} s.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/azurite.sh {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await errors}");
        }
    }

    /// <summary>A blob port whose next two (queue, table) are free as well.</summary>
    public static int FreePortTriple()
    {
        for (int attempt = 0; attempt < 50; attempt++)
        {
            int port = TestEnvironment.FreePort();
            if (port < 65533 && IsFree(port + 1) && IsFree(port + 2))
            {
                return port;
            }
        }

        throw new InvalidOperationException("No three consecutive free loopback ports were found.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
