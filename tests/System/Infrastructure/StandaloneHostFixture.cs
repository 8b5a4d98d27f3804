using Integration.SendEvent;

namespace Integration.Tests.System.Infrastructure;

/// <summary>One standalone host process shared by the end-to-end tests (start-up takes seconds).</summary>
public sealed class StandaloneHostFixture : IAsyncLifetime
{
    private StandaloneHostProcess? host;

    public StandaloneHostProcess Host => host ?? throw new InvalidOperationException("The host has not started.");

    public HttpClient Api { get; private set; } = null!;

    public WebhookSender Sender { get; private set; } = null!;

    public SandboxState Sandbox { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        host = await StandaloneHostProcess.StartAsync();
        Api = new HttpClient { BaseAddress = new Uri(host.ApiBaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        Sender = new WebhookSender(Api, host.ApiBaseUrl);
        Sandbox = new SandboxState(new HttpClient { BaseAddress = new Uri(host.SandboxBaseUrl), Timeout = TimeSpan.FromSeconds(30) });
    }

    public async Task DisposeAsync()
    {
        Api?.Dispose();
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    /// <summary>Deal ids unique to one test, so tests sharing the host never see each other's deals.</summary>
    /// <remarks>Never starts with "404": the sandbox CRM treats such ids as deals that do not exist.</remarks>
    public static string NewDealId() => Random.Shared.NextInt64(50_000_000, 99_999_999).ToString(global::System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>End-to-end tests share one host and run one at a time (fault settings are global to the sandbox).</summary>
[CollectionDefinition(Name)]
public sealed class StandaloneHostCollection : ICollectionFixture<StandaloneHostFixture>
{
    public const string Name = "standalone host";
}
