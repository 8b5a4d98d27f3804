using System.Net;
using Integration.Sandbox;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace Integration.Tests.Unit.Sandbox;

/// Rate403: the injected permanent rejection, settable like the other rates (identity systems: Identity/IdentityFaultSandboxTests).
public sealed class ForbiddenFaultSandboxTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    private SandboxHost Sandbox => fixture.Host;

    public Task InitializeAsync() => Sandbox.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Rate403_of_one_answers_the_vendor_403_before_processing_and_is_counted()
    {
        await Sandbox.SetFaultsAsync("xero", """{"rate403":1}""");

        var response = await Sandbox.XeroAsync(HttpMethod.Put, "/Contacts", """{"Contacts":[{"Name":"Acme Ltd"}]}""");

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Equal("Forbidden", response.Json.GetProperty("Title").GetString());
        Assert.Equal(0, (await Sandbox.AdminAsync(HttpMethod.Get, "/xero/contacts")).Json.GetArrayLength());
        var counters = (await Sandbox.AdminAsync(HttpMethod.Get, "/requests")).Json.GetProperty("xero");
        Assert.Equal(1, counters.GetProperty("faulted").GetInt64());
    }

    [Fact]
    public async Task Systems_without_a_vendor_403_body_answer_a_plain_one()
    {
        await Sandbox.SetFaultsAsync("alerts", """{"rate403":1}""");

        var response = await Sandbox.SendAsync(HttpMethod.Post, "/alerts", json: "{}");

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Contains("forbidden", response.Json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Rate403_round_trips_and_an_empty_put_turns_it_off()
    {
        await Sandbox.SetFaultsAsync("hubspot", """{"rate403":0.5}""");
        var set = (await Sandbox.AdminAsync(HttpMethod.Get, "/faults/hubspot")).Json;
        await Sandbox.SetFaultsAsync("hubspot", "{}");

        Assert.Equal(0.5, set.GetProperty("rate403").GetDouble());
        Assert.Equal(HttpStatusCode.OK, (await Sandbox.HubSpotAsync(HttpMethod.Get, "/crm/v3/objects/deals/1001")).Status);
    }

    [Theory]
    [InlineData("""{"rate403":1.5}""")]
    [InlineData("""{"rate403":-1}""")]
    public async Task Rate403_outside_zero_to_one_is_400_problem_json(string body)
    {
        var response = await Sandbox.AdminAsync(HttpMethod.Put, "/faults/hubspot", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("application/problem+json", response.MediaType);
        Assert.Contains("Rate403", response.Json.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Rate403_comes_from_configuration_and_is_validated_there()
    {
        await using var sandbox = await SandboxHost.StartAsync(new Dictionary<string, string?> { ["Sandbox:Faults:alerts:Rate403"] = "1" });
        var error = Assert.Throws<InvalidOperationException>(() =>
        {
            SandboxServer.Build(
                "http://127.0.0.1:0",
                new ConfigurationBuilder()
                    .AddInMemoryCollection(new Dictionary<string, string?> { ["Sandbox:Faults:alerts:Rate403"] = "2" })
                    .Build());
        });

        Assert.Equal(HttpStatusCode.Forbidden, (await sandbox.SendAsync(HttpMethod.Post, "/alerts", json: "{}")).Status);
        Assert.Contains("Rate403", error.Message);
    }
}
