using Integration.Sandbox;

namespace Integration.DevHost.Hosting;

/// <summary>
/// Runs the sandbox systems inside the standalone host on their own loopback port, so one command
/// gives a working product; the product still reaches them over real HTTP.
/// </summary>
public sealed class EmbeddedSandbox(IConfiguration configuration, int port) : IHostedService, IAsyncDisposable
{
    private WebApplication? app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        app = SandboxServer.Build($"http://127.0.0.1:{port}", configuration);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (app is not null)
        {
            await app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
