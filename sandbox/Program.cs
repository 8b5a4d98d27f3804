namespace Integration.Sandbox;

/// Runs the sandbox alone: `dotnet run --project sandbox -- --urls http://127.0.0.1:7080`.
internal static class Program
{
    private const string DefaultUrl = "http://127.0.0.1:7080";

    public static async Task Main(string[] args)
    {
        var commandLine = new ConfigurationBuilder().AddCommandLine(args).Build();
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();

        var url = commandLine["urls"] ?? configuration["Sandbox:Url"] ?? DefaultUrl;
        var app = SandboxServer.Build(url, configuration);
        app.Lifetime.ApplicationStarted.Register(
            () => Console.WriteLine($"Sandbox listening on {string.Join(", ", app.Urls)}"));
        await app.RunAsync();
    }
}
