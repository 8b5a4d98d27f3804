using System.Net;
using System.Net.Sockets;

namespace Integration.Tests.System.Infrastructure;

/// <summary>Where the system tests find Azurite, the repository and free loopback ports.</summary>
public static class TestEnvironment
{
    /// <summary>test.sh exports its own Azurite's connection string; without it, the developer's Azurite on the default ports.</summary>
    public static string StorageConnectionString =>
        Environment.GetEnvironmentVariable("INTEGRATION_TEST_STORAGE") is { Length: > 0 } value ? value : "UseDevelopmentStorage=true";

    /// <summary>The repository, or null when the tests were built elsewhere (an artifacts path) and run from there.</summary>
    public static string? RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>A task hub name of letters and digits, unique to this run, so tests never see another run's instances.</summary>
    public static string NewTaskHubName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Azurite's well-known development account key (not a secret).</summary>
    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>A connection string for the development account with each service on a loopback port of the test's choosing.</summary>
    public static string DevelopmentStorage(int blobPort, int queuePort, int tablePort) => string.Create(
        global::System.Globalization.CultureInfo.InvariantCulture,
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevelopmentAccountKey};BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;");

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Integration.sln")))
            {
                return dir.FullName;
            }
        }

        // Built with --artifacts-path outside the repository: fall back to the working directory's repository.
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Integration.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
