using Xunit;

namespace Integration.Tests.Unit.Sandbox;

/// One default-configured sandbox shared by the tests of a class; tests reset it before they run.
public sealed class SandboxFixture : IAsyncLifetime
{
    private SandboxHost? host;

    public SandboxHost Host => host ?? throw new InvalidOperationException("The sandbox has not started.");

    public async Task InitializeAsync() => host = await SandboxHost.StartAsync();

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}
