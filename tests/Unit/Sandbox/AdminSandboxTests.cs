using System.Net;
using Xunit;

namespace Integration.Tests.Unit.Sandbox;

public sealed class AdminSandboxTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    private SandboxHost Sandbox => fixture.Host;

    public Task InitializeAsync() => Sandbox.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("""{"rate429":1.5}""", "Rate429")]
    [InlineData("""{"rate500":-0.1}""", "Rate500")]
    [InlineData("""{"latencyMs":-1}""", "LatencyMs")]
    [InlineData("""{"timeoutMs":-5}""", "TimeoutMs")]
    [InlineData("""{"rateTimeout":"half"}""", "rateTimeout")]
    [InlineData("""{"rate5OO":1}""", "rate5OO")]
    [InlineData("not json", "")]
    public async Task Invalid_fault_settings_are_400_problem_json_and_change_nothing(string body, string mentioned)
    {
        var response = await Sandbox.AdminAsync(HttpMethod.Put, "/faults/hubspot", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("application/problem+json", response.MediaType);
        Assert.Equal("Invalid fault settings", response.Json.GetProperty("title").GetString());
        Assert.Contains(mentioned, response.Json.GetProperty("detail").GetString());
        var faults = (await Sandbox.AdminAsync(HttpMethod.Get, "/faults")).Json.GetProperty("hubspot");
        Assert.Equal(0, faults.GetProperty("rate429").GetDouble());
        Assert.Equal(0, faults.GetProperty("latencyMs").GetInt32());
    }

    [Fact]
    public async Task Unknown_fault_system_is_404_problem_json()
    {
        var response = await Sandbox.AdminAsync(HttpMethod.Put, "/faults/salesforce", """{"rate500":1}""");

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("application/problem+json", response.MediaType);
        Assert.Contains("salesforce", response.Json.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Fault_settings_round_trip_through_get()
    {
        await Sandbox.SetFaultsAsync("quickbooks", """{"latencyMs":5,"rate429":0.25,"retryAfterSeconds":3,"seed":9}""");

        var faults = (await Sandbox.AdminAsync(HttpMethod.Get, "/faults")).Json;

        var quickBooks = faults.GetProperty("quickbooks");
        Assert.Equal(5, quickBooks.GetProperty("latencyMs").GetInt32());
        Assert.Equal(0.25, quickBooks.GetProperty("rate429").GetDouble());
        Assert.Equal(3, quickBooks.GetProperty("retryAfterSeconds").GetInt32());
        Assert.Equal(9, quickBooks.GetProperty("seed").GetInt32());
        Assert.Equal(30000, quickBooks.GetProperty("timeoutMs").GetInt32());
        Assert.Equal(0, faults.GetProperty("hubspot").GetProperty("rate429").GetDouble());
    }

    [Theory]
    [InlineData("""{"properties":"x"}""")]
    [InlineData("""{"properties":{"nested":{"a":1}}}""")]
    [InlineData("""{"company":{"properties":{}}}""")]
    [InlineData("""{"lineItems":{"id":"1"}}""")]
    [InlineData("[]")]
    [InlineData("{")]
    public async Task Invalid_deal_upsert_is_400_problem_json(string body)
    {
        var response = await Sandbox.AdminAsync(HttpMethod.Put, "/hubspot/deals/900", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("application/problem+json", response.MediaType);
        Assert.False(string.IsNullOrEmpty(response.Json.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Deal_upsert_stores_deal_company_and_line_items()
    {
        var put = await Sandbox.AdminAsync(HttpMethod.Put, "/hubspot/deals/900", """
            {"properties":{"dealname":"Big deal","amount":"10.00"},
             "company":{"id":"77","properties":{"name":"Acme Ltd"}},
             "lineItems":[{"id":"90001","properties":{"name":"Thing","quantity":"1","price":"10.00","amount":"10.00"}}]}
            """);
        var deals = (await Sandbox.AdminAsync(HttpMethod.Get, "/hubspot/deals")).Json;
        var companies = (await Sandbox.AdminAsync(HttpMethod.Get, "/hubspot/companies")).Json;
        var missing = await Sandbox.AdminAsync(HttpMethod.Get, "/hubspot/deals/901");

        Assert.Equal(HttpStatusCode.OK, put.Status);
        Assert.Equal("77", put.Json.GetProperty("companyId").GetString());
        var deal = Assert.Single(deals.EnumerateArray());
        Assert.Equal("900", deal.GetProperty("id").GetString());
        Assert.Equal("Big deal", deal.GetProperty("properties").GetProperty("dealname").GetString());
        Assert.Equal("90001", Assert.Single(deal.GetProperty("lineItemIds").EnumerateArray()).GetString());
        Assert.Equal("Acme Ltd", Assert.Single(companies.EnumerateArray()).GetProperty("properties").GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal("application/problem+json", missing.MediaType);
    }

    [Fact]
    public async Task Alerts_are_accepted_and_listed_with_received_at()
    {
        var response = await Sandbox.SendAsync(HttpMethod.Post, "/alerts", json: """{"severity":"high","text":"dead letter"}""");
        var alerts = (await Sandbox.AdminAsync(HttpMethod.Get, "/alerts")).Json;

        Assert.Equal(HttpStatusCode.Accepted, response.Status);
        var alert = Assert.Single(alerts.EnumerateArray());
        Assert.Equal("dead letter", alert.GetProperty("body").GetProperty("text").GetString());
        Assert.True(alert.GetProperty("receivedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task Reset_clears_state_counters_and_faults()
    {
        await Sandbox.HubSpotAsync(HttpMethod.Get, "/crm/v3/objects/deals/1001");
        await Sandbox.CreateCustomerAsync("Acme Ltd");
        await Sandbox.SendAsync(HttpMethod.Post, "/alerts", json: "{}");
        await Sandbox.SetFaultsAsync("alerts", """{"rate500":1}""");

        await Sandbox.ResetAsync();

        Assert.Equal(0, (await Sandbox.AdminAsync(HttpMethod.Get, "/hubspot/deals")).Json.GetArrayLength());
        Assert.Equal(0, (await Sandbox.AdminAsync(HttpMethod.Get, "/quickbooks/customers")).Json.GetArrayLength());
        Assert.Equal(0, (await Sandbox.AdminAsync(HttpMethod.Get, "/alerts")).Json.GetArrayLength());
        var counters = (await Sandbox.AdminAsync(HttpMethod.Get, "/requests")).Json;
        Assert.Equal(0, counters.GetProperty("hubspot").GetProperty("total").GetInt64());
        Assert.Equal(HttpStatusCode.Accepted, (await Sandbox.SendAsync(HttpMethod.Post, "/alerts", json: "{}")).Status);
        // Generation stays on after a reset.
        Assert.Equal(HttpStatusCode.OK, (await Sandbox.HubSpotAsync(HttpMethod.Get, "/crm/v3/objects/deals/1001")).Status);
    }
}
