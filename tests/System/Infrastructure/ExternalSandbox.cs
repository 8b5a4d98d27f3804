using System.Globalization;
using Integration.Sandbox;
using Integration.SendEvent.Scenarios;
using Microsoft.AspNetCore.Builder;

namespace Integration.Tests.System.Infrastructure;

/// <summary>
/// The sandbox systems in the test process rather than embedded in the host, so the CRM and ERP outlive a
/// killed host, as real vendors do; <see cref="HostSettings"/> point a standalone host at it.
/// </summary>
public sealed class ExternalSandbox : IAsyncDisposable
{
    private readonly WebApplication app;

    private ExternalSandbox(WebApplication app, int port)
    {
        this.app = app;
        Url = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        Http = new HttpClient { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromSeconds(30) };
        Crm = new SandboxCrm(Http, Url);
        State = new SandboxState(Http);
        QuickBooks = new ErpLedger(Http, ErpLedger.QuickBooks);
        HostSettings = new Dictionary<string, string>
        {
            ["Sandbox__Embedded"] = "false",
            ["Sandbox__Port"] = port.ToString(CultureInfo.InvariantCulture),
        };
    }

    public string Url { get; }

    public HttpClient Http { get; }

    public SandboxCrm Crm { get; }

    public SandboxState State { get; }

    public ErpLedger QuickBooks { get; }

    /// <summary>The settings that make a standalone host call this sandbox instead of embedding its own.</summary>
    public IReadOnlyDictionary<string, string> HostSettings { get; }

    public static async Task<ExternalSandbox> StartAsync()
    {
        int port = TestEnvironment.FreePort();
        WebApplication app = SandboxServer.Build($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", null);
        await app.StartAsync();
        return new ExternalSandbox(app, port);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await app.DisposeAsync();
    }
}
