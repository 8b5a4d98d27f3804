using Integration.SendEvent;
using Integration.SendEvent.Scenarios;

namespace Integration.Tests.System.Infrastructure;

/// <summary>One standalone host process shared by the end-to-end tests (start-up takes seconds); QuickBooks Online is its ERP.</summary>
public class StandaloneHostFixture : IAsyncLifetime
{
    private StandaloneHostProcess? host;

    public StandaloneHostProcess Host => host ?? throw new InvalidOperationException("The host has not started.");

    public HttpClient Api { get; private set; } = null!;

    public WebhookSender Sender { get; private set; } = null!;

    public SandboxState Sandbox { get; private set; } = null!;

    /// <summary>The sandbox CRM as a scenario (or a CRM user) changes it.</summary>
    public SandboxCrm Crm { get; private set; } = null!;

    /// <summary>Seeds customers into both sandbox ERPs.</summary>
    public SandboxErp Erp { get; private set; } = null!;

    /// <summary>The invoices, credit notes and customers of the ERP this host is configured for.</summary>
    public ErpLedger Ledger { get; private set; } = null!;

    /// <summary>"quickbooks" or "xero": the ERP the host is configured for.</summary>
    public virtual string ErpSystem => ErpLedger.QuickBooks;

    public async Task InitializeAsync()
    {
        host = await StandaloneHostProcess.StartAsync(new Dictionary<string, string> { ["Erp__System"] = ErpSystem });
        Api = new HttpClient { BaseAddress = new Uri(host.ApiBaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        Sender = new WebhookSender(Api, host.ApiBaseUrl);
        var sandbox = new HttpClient { BaseAddress = new Uri(host.SandboxBaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        Sandbox = new SandboxState(sandbox);
        Crm = new SandboxCrm(sandbox, host.SandboxBaseUrl);
        Erp = new SandboxErp(sandbox, host.SandboxBaseUrl);
        Ledger = new ErpLedger(sandbox, ErpSystem);
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

/// <summary>The same standalone host with Xero as its ERP, so the deal-to-invoice scenarios run against both ERPs.</summary>
public sealed class XeroHostFixture : StandaloneHostFixture
{
    public override string ErpSystem => ErpLedger.Xero;
}

/// <summary>End-to-end tests against the Xero-configured host.</summary>
[CollectionDefinition(Name)]
public sealed class XeroHostCollection : ICollectionFixture<XeroHostFixture>
{
    public const string Name = "standalone host (xero)";
}
