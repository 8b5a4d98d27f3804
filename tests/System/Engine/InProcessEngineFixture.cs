using Integration.Activities.Calendar;
using System.Globalization;
using Integration.DevHost;
using Integration.Tests.System.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Tests.System.Engine;

/// <summary>The product's composition and the real Durable Task engine on Azurite, in this process, without HTTP ingress.</summary>
public sealed class InProcessEngineFixture : IAsyncLifetime
{
    private WebApplication? app;

    public string TaskHub { get; } = TestEnvironment.NewTaskHubName("engine");

    public int SandboxPort { get; } = TestEnvironment.FreePort();

    public IServiceProvider Services => app?.Services ?? throw new InvalidOperationException("Not started.");

    public DurableTaskClient Client => Services.GetRequiredService<DurableTaskClient>();

    public SandboxState Sandbox { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        string Port(int p) => p.ToString(CultureInfo.InvariantCulture);
        app = StandaloneHost.Build(
        [
            $"--Standalone:ApiPort={Port(TestEnvironment.FreePort())}",
            $"--Standalone:GrpcPort={Port(TestEnvironment.FreePort())}",
            $"--Sandbox:Port={Port(SandboxPort)}",
            $"--AzureWebJobsStorage={TestEnvironment.StorageConnectionString}",
            $"--Engine:TaskHubName={TaskHub}",
            "--Logging:LogLevel:Default=Warning",
            .. BusinessCalendarOptions.AlwaysOpen.Select(s => $"--{s.Key}={s.Value}"),
        ]);
        await app.StartAsync();
        Sandbox = new SandboxState(new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port(SandboxPort)}") });
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
