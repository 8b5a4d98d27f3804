using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Integration.SendEvent;
using Integration.SendEvent.Scenarios;
using Integration.Tests.System.Infrastructure;

namespace Integration.Tests.System.EndToEnd;

/// <summary>
/// Storage going away under a running standalone host and coming back: the host stays up, senders get
/// a prompt 503 problem+json with Retry-After (so they retry), health says so, and afterwards every
/// event the host had acknowledged is finished. The test stops and restarts an Azurite of its own.
/// </summary>
public sealed class StorageOutageTests
{
    /// <summary>Longer than the ~6 s the Azure SDK's default retries took to fail, which used to stop the host.</summary>
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(12);

    private static readonly TimeSpan Promised = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task The_host_outlives_a_storage_outage_answering_503_meanwhile_and_then_finishes_every_acknowledged_event()
    {
        await using OwnAzurite azurite = await OwnAzurite.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,

            // An activity whose result the engine could not record during the outage runs again after this.
            ["Engine__WorkItemVisibilityTimeoutSeconds"] = "15",
            ["Engine__ControlQueueVisibilityTimeoutSeconds"] = "15",
        };
        await using StandaloneHostProcess host = await StandaloneHostProcess.StartAsync(settings);
        using var api = new HttpClient { BaseAddress = new Uri(host.ApiBaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        using var sandboxHttp = new HttpClient { BaseAddress = new Uri(host.SandboxBaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        var sender = new WebhookSender(api, host.ApiBaseUrl);
        var sandbox = new SandboxState(sandboxHttp);
        var crm = new SandboxCrm(sandboxHttp, host.SandboxBaseUrl);

        // A workflow whose CRM call is in flight when storage goes: its API call log entry is written meanwhile.
        string inFlight = SampleDeals.NewDealId(), refused = SampleDeals.NewDealId();
        await sandbox.SetFaultsAsync("hubspot", new { LatencyMs = 4000 });
        string correlationId = await SendAcceptedAsync(sender, inFlight);
        await host.ExplainTimeoutAsync(() => Eventually.Until(
            async () => (string?)(await StandaloneHostFixture.InstanceAsync(api, $"deal-invoice-{inFlight}"))?["runtimeStatus"],
            s => s == "Running", TimeSpan.FromSeconds(60), $"deal {inFlight}'s workflow to be running"));

        await azurite.StopAsync();
        var outage = Stopwatch.StartNew();
        int answered = 0;
        while (outage.Elapsed < Outage)
        {
            Assert.False(host.HasExited, $"The host exited during the storage outage:\n{host.Output}");
            var watch = Stopwatch.StartNew();
            using HttpResponseMessage webhook = await AnsweredAsync(() => sender.SendCrmAsync(ClosedWon(refused)), host);
            TimeSpan webhookTook = watch.Elapsed;
            await AssertStorageUnavailableAsync(webhook, webhookTook, "webhook", host);

            watch.Restart();
            using HttpResponseMessage health = await AnsweredAsync(() => api.GetAsync("/api/health"), host);
            await AssertStorageUnavailableAsync(health, watch.Elapsed, "health", host);
            answered++;
        }

        Assert.True(answered >= 3, $"only {answered} rounds of requests during the outage");
        await azurite.StartAgainAsync();
        DateTimeOffset storageBack = DateTimeOffset.UtcNow;
        await host.ExplainTimeoutAsync(() => Eventually.Until(
            async () => (await api.GetAsync("/api/health")).StatusCode, s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(60), "health to be 200 again"));
        Assert.False(host.HasExited, $"The host exited after the storage outage:\n{host.Output}");

        // The sender retries what was refused; then both deals are invoiced, once each.
        await sandbox.ClearFaultsAsync("hubspot");
        await SendAcceptedAsync(sender, refused);
        foreach (string dealId in new[] { inFlight, refused })
        {
            await host.ExplainTimeoutAsync(() => Eventually.Until(
                () => crm.DealPropertyAsync(dealId, "erp_invoice_id"), id => id is not null, TimeSpan.FromSeconds(120), $"deal {dealId} to be invoiced after the outage"));
            Assert.Single(await sandbox.InvoicesForDealAsync(dealId));
        }

        // The API call that finished while storage was down was kept and written once storage came back.
        JsonArray calls = await ApiCallsAsync(api, correlationId);
        Assert.Contains(calls.OfType<JsonObject>(), c => (string?)c["system"] == "hubspot" && DateTimeOffset.Parse((string)c["startedAt"]!, CultureInfo.InvariantCulture) < storageBack);
        Assert.False(host.HasExited);
    }

    /// <summary>The response; a host that no longer listens (it is stopping or gone) fails the test with its log.</summary>
    private static async Task<HttpResponseMessage> AnsweredAsync(Func<Task<HttpResponseMessage>> send, StandaloneHostProcess host)
    {
        try
        {
            return await send();
        }
        catch (HttpRequestException ex)
        {
            Assert.Fail($"The host stopped answering during the storage outage ({ex.Message}; exited: {host.HasExited}):\n{string.Join('\n', host.Output.Split('\n').TakeLast(60))}");
            throw;
        }
    }

    private static async Task AssertStorageUnavailableAsync(HttpResponseMessage response, TimeSpan took, string what, StandaloneHostProcess host)
    {
        string body = await response.Content.ReadAsStringAsync();
        string log = string.Join('\n', host.Output.Split('\n').TakeLast(60));
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{what}: {(int)response.StatusCode} {body}\n--- the host's log ---\n{log}");
        Assert.True(took < Promised, $"{what} answered after {took.TotalSeconds:0.00} s\n--- the host's log ---\n{log}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("urn:integration:problem:storage-unavailable", (string?)JsonNode.Parse(body)!["type"]);
        RetryConditionHeaderValue? retryAfter = response.Headers.RetryAfter;
        Assert.True(retryAfter?.Delta > TimeSpan.Zero, $"{what}: no Retry-After");
    }

    private static byte[] ClosedWon(string dealId) =>
        SampleEvents.HubSpotDealClosedWon(long.Parse(dealId, CultureInfo.InvariantCulture), EventIds.NewEventId());

    private static async Task<string> SendAcceptedAsync(WebhookSender sender, string dealId)
    {
        using HttpResponseMessage response = await sender.SendCrmAsync(ClosedWon(dealId));
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"deal {dealId}: {(int)response.StatusCode} {body}");
        return (string)JsonNode.Parse(body)!["correlationId"]!;
    }

    private static async Task<JsonArray> ApiCallsAsync(HttpClient api, string correlationId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/api-calls/{correlationId}");
        request.Headers.Add("X-Api-Key", StandaloneHostFixture.OperationsKey);
        using HttpResponseMessage response = await api.SendAsync(request);
        return (JsonArray)JsonNode.Parse(await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync())!;
    }
}
