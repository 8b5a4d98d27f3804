using System.Diagnostics;
using System.Net;
using Xunit;

namespace Integration.Tests.Unit.Sandbox;

public sealed class FaultInjectionSandboxTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    private SandboxHost Sandbox => fixture.Host;

    public Task InitializeAsync() => Sandbox.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Rate500_of_one_answers_500_on_vendor_routes_but_never_on_admin_routes()
    {
        await Sandbox.SetFaultsAsync("hubspot", """{"rate500":1}""");

        var vendor = await Sandbox.HubSpotAsync(HttpMethod.Get, "/crm/v3/objects/deals/1001");
        var admin = await Sandbox.AdminAsync(HttpMethod.Get, "/hubspot/deals");

        Assert.Equal(HttpStatusCode.InternalServerError, vendor.Status);
        Assert.Equal("error", vendor.Json.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, admin.Status);
        Assert.Equal(0, admin.Json.GetArrayLength()); // failed before processing: nothing was generated
    }

    [Fact]
    public async Task Rate429_of_one_answers_429_with_retry_after_and_the_vendor_body()
    {
        await Sandbox.SetFaultsAsync("hubspot", """{"rate429":1,"retryAfterSeconds":7}""");
        await Sandbox.SetFaultsAsync("quickbooks", """{"Rate429":1}""");

        var hubSpot = await Sandbox.HubSpotAsync(HttpMethod.Get, "/crm/v3/objects/deals/1001");
        var quickBooks = await Sandbox.QueryAsync("SELECT * FROM Customer");

        Assert.Equal(HttpStatusCode.TooManyRequests, hubSpot.Status);
        Assert.Equal(TimeSpan.FromSeconds(7), hubSpot.Message.Headers.RetryAfter?.Delta);
        Assert.Equal("RATE_LIMIT", hubSpot.Json.GetProperty("errorType").GetString());
        Assert.Equal("TEN_SECONDLY_ROLLING", hubSpot.Json.GetProperty("policyName").GetString());

        Assert.Equal(HttpStatusCode.TooManyRequests, quickBooks.Status);
        Assert.Equal(TimeSpan.FromSeconds(1), quickBooks.Message.Headers.RetryAfter?.Delta);
        var error = Assert.Single(quickBooks.Json.GetProperty("Fault").GetProperty("Error").EnumerateArray());
        Assert.Equal("003001", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Lost_response_after_processing_keeps_the_invoice_and_a_retry_with_the_same_requestid_returns_it()
    {
        var customerId = await Sandbox.CreateCustomerAsync("Acme Ltd");
        await Sandbox.SetFaultsAsync("quickbooks", """{"rate500AfterProcessing":1}""");

        var lost = await Sandbox.QuickBooksAsync(HttpMethod.Post, "/invoice?requestid=deal-1001", SandboxHost.InvoiceJson(customerId));
        var afterLoss = (await Sandbox.AdminAsync(HttpMethod.Get, "/quickbooks/invoices")).Json;
        await Sandbox.SetFaultsAsync("quickbooks", "{}");
        var retry = await Sandbox.QuickBooksAsync(HttpMethod.Post, "/invoice?requestid=deal-1001", SandboxHost.InvoiceJson(customerId));
        var afterRetry = (await Sandbox.AdminAsync(HttpMethod.Get, "/quickbooks/invoices")).Json;

        Assert.Equal(HttpStatusCode.InternalServerError, lost.Status);
        Assert.Equal("SystemFault", lost.Json.GetProperty("Fault").GetProperty("type").GetString());
        var stored = Assert.Single(afterLoss.EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, retry.Status);
        Assert.Equal(
            stored.GetProperty("invoice").GetProperty("Id").GetString(),
            retry.Json.GetProperty("Invoice").GetProperty("Id").GetString());
        Assert.Equal(1, afterRetry.GetArrayLength());
    }

    [Fact]
    public async Task Lost_response_applies_only_to_writes()
    {
        await Sandbox.SetFaultsAsync("hubspot", """{"rate500AfterProcessing":1}""");

        var read = await Sandbox.HubSpotAsync(HttpMethod.Get, "/crm/v3/objects/deals/1001");
        var write = await Sandbox.HubSpotAsync(HttpMethod.Patch, "/crm/v3/objects/deals/1001", """{"properties":{"erp_invoice_id":"77"}}""");
        var state = await Sandbox.AdminAsync(HttpMethod.Get, "/hubspot/deals/1001");

        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal(HttpStatusCode.InternalServerError, write.Status);
        Assert.Equal("77", state.Json.GetProperty("properties").GetProperty("erp_invoice_id").GetString());
    }

    [Fact]
    public async Task Timeout_hangs_for_timeout_ms_then_answers_504()
    {
        await Sandbox.SetFaultsAsync("alerts", """{"rateTimeout":1,"timeoutMs":300}""");

        var watch = Stopwatch.StartNew();
        var response = await Sandbox.SendAsync(HttpMethod.Post, "/alerts", json: """{"severity":"high"}""");
        watch.Stop();

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.Status);
        Assert.True(watch.ElapsedMilliseconds >= 280, $"answered after {watch.ElapsedMilliseconds} ms");
        Assert.Equal(0, (await Sandbox.AdminAsync(HttpMethod.Get, "/alerts")).Json.GetArrayLength());
    }

    [Fact]
    public async Task Latency_is_added_to_every_request_without_faulting_it()
    {
        await Sandbox.SetFaultsAsync("alerts", """{"latencyMs":250}""");

        var watch = Stopwatch.StartNew();
        var response = await Sandbox.SendAsync(HttpMethod.Post, "/alerts", json: "{}");
        watch.Stop();

        Assert.Equal(HttpStatusCode.Accepted, response.Status);
        Assert.True(watch.ElapsedMilliseconds >= 230, $"answered after {watch.ElapsedMilliseconds} ms");
        var counters = (await Sandbox.AdminAsync(HttpMethod.Get, "/requests")).Json.GetProperty("alerts");
        Assert.Equal(0, counters.GetProperty("faulted").GetInt64());
    }

    [Fact]
    public async Task Seeded_faults_are_reproducible_and_counted()
    {
        async Task<List<HttpStatusCode>> RunAsync()
        {
            await Sandbox.SetFaultsAsync("alerts", """{"rate500":0.5,"seed":42}""");
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 20; i++)
            {
                statuses.Add((await Sandbox.SendAsync(HttpMethod.Post, "/alerts", json: "{}")).Status);
            }

            return statuses;
        }

        var first = await RunAsync();
        var second = await RunAsync();

        Assert.Equal(first, second);
        Assert.Contains(HttpStatusCode.InternalServerError, first);
        Assert.Contains(HttpStatusCode.Accepted, first);
        var counters = (await Sandbox.AdminAsync(HttpMethod.Get, "/requests")).Json.GetProperty("alerts");
        Assert.Equal(40, counters.GetProperty("total").GetInt64());
        Assert.Equal(2 * first.Count(s => s == HttpStatusCode.InternalServerError), counters.GetProperty("faulted").GetInt64());
    }

    [Fact]
    public async Task Request_counters_count_per_system_and_ignore_admin_calls()
    {
        await Sandbox.HubSpotAsync(HttpMethod.Get, "/crm/v3/objects/deals/1001");
        await Sandbox.HubSpotAsync(HttpMethod.Get, "/crm/v3/objects/deals/1002");
        await Sandbox.SendAsync(HttpMethod.Get, "/hubspot/crm/v3/objects/deals/1003"); // 401 still counts
        await Sandbox.SetFaultsAsync("quickbooks", """{"rate500":1}""");
        await Sandbox.QueryAsync("SELECT * FROM Customer");
        await Sandbox.AdminAsync(HttpMethod.Get, "/hubspot/deals");

        var counters = (await Sandbox.AdminAsync(HttpMethod.Get, "/requests")).Json;

        Assert.Equal(3, counters.GetProperty("hubspot").GetProperty("total").GetInt64());
        Assert.Equal(0, counters.GetProperty("hubspot").GetProperty("faulted").GetInt64());
        Assert.Equal(1, counters.GetProperty("quickbooks").GetProperty("total").GetInt64());
        Assert.Equal(1, counters.GetProperty("quickbooks").GetProperty("faulted").GetInt64());
        Assert.Equal(0, counters.GetProperty("alerts").GetProperty("total").GetInt64());
    }
}
