using System.Text.Json.Nodes;
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

    /// <summary>Environment settings of the host process (on top of the always-open calendar every test host gets).</summary>
    protected virtual IDictionary<string, string> HostSettings => new Dictionary<string, string> { ["Erp__System"] = ErpSystem };

    public async Task InitializeAsync()
    {
        host = await StandaloneHostProcess.StartAsync(HostSettings);
        Api = new HttpClient { BaseAddress = new Uri(host.ApiBaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        Sender = new WebhookSender(Api, host.ApiBaseUrl);
        var sandbox = new HttpClient { BaseAddress = new Uri(host.SandboxBaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        Sandbox = new SandboxState(sandbox);
        Crm = new SandboxCrm(sandbox, host.SandboxBaseUrl);
        Erp = new SandboxErp(sandbox, host.SandboxBaseUrl);
        Ledger = new ErpLedger(sandbox, ErpSystem);
    }

    /// <summary>The operations API's view of an instance (status, custom status, output), or null when it does not exist.</summary>
    public Task<JsonObject?> InstanceAsync(string instanceId) => InstanceAsync(Api, instanceId);

    /// <summary>The same, through any standalone host's API (tests that start their own hosts).</summary>
    public static async Task<JsonObject?> InstanceAsync(HttpClient api, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(api);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/instances/{instanceId}");
        request.Headers.Add("X-Api-Key", OperationsKey);
        using HttpResponseMessage response = await api.SendAsync(request);
        return response.StatusCode == global::System.Net.HttpStatusCode.NotFound
            ? null
            : (JsonObject?)JsonNode.Parse(await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync());
    }

    /// <summary>Posts an operator's decision (raw JSON body) to the review endpoint with the operations key.</summary>
    public Task<HttpResponseMessage> DecideAsync(string instanceId, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/reviews/{instanceId}")
        {
            Content = new StringContent(body, global::System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", OperationsKey);
        return Api.SendAsync(request);
    }

    /// <summary>The standalone host's development operations key.</summary>
    public const string OperationsKey = "dev-operations-key";

    /// <summary>The standalone host's development reader key: reads, no actions.</summary>
    public const string ReaderKey = "dev-reader-key";

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

/// <summary>A host with the shipped business calendar (New York, US holidays, weekends, 08:00-17:00) instead of the always-open one.</summary>
public sealed class BusinessCalendarHostFixture : StandaloneHostFixture
{
    protected override IDictionary<string, string> HostSettings => new Dictionary<string, string>(base.HostSettings)
    {
        ["BusinessCalendar__TimeZone"] = "America/New_York",
        ["BusinessCalendar__Region"] = "us",
        ["BusinessCalendar__WeekendDays"] = "Saturday,Sunday",
        ["BusinessCalendar__InvoicingStartsAt"] = "08:00",
        ["BusinessCalendar__CutOffAt"] = "17:00",
    };
}

/// <summary>End-to-end tests against the Xero-configured host.</summary>
[CollectionDefinition(Name)]
public sealed class XeroHostCollection : ICollectionFixture<XeroHostFixture>
{
    public const string Name = "standalone host (xero)";
}
