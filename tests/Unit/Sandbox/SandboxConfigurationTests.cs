using System.Net;
using Integration.Sandbox;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace Integration.Tests.Unit.Sandbox;

public sealed class SandboxConfigurationTests
{
    [Fact]
    public async Task Tokens_generation_and_faults_come_from_the_sandbox_section()
    {
        await using var sandbox = await SandboxHost.StartAsync(new Dictionary<string, string?>
        {
            ["Sandbox:HubSpot:AccessToken"] = "custom-hubspot",
            ["Sandbox:HubSpot:GenerateDeals"] = "false",
            ["Sandbox:QuickBooks:AccessToken"] = "custom-quickbooks",
            ["Sandbox:Faults:alerts:Rate500"] = "1",
        });

        var defaultToken = await sandbox.HubSpotAsync(HttpMethod.Get, "/crm/v3/objects/deals/1001");
        var notGenerated = await sandbox.SendAsync(HttpMethod.Get, "/hubspot/crm/v3/objects/deals/1001", "custom-hubspot");
        var quickBooks = await sandbox.SendAsync(
            HttpMethod.Get, "/quickbooks/v3/company/1/query?query=select%20*%20from%20Customer", "custom-quickbooks");
        var alert = await sandbox.SendAsync(HttpMethod.Post, "/alerts", json: "{}");
        var faults = (await sandbox.AdminAsync(HttpMethod.Get, "/faults")).Json;

        Assert.Equal(HttpStatusCode.Unauthorized, defaultToken.Status);
        Assert.Equal(HttpStatusCode.NotFound, notGenerated.Status);
        Assert.Equal(HttpStatusCode.OK, quickBooks.Status);
        Assert.Equal(HttpStatusCode.InternalServerError, alert.Status);
        Assert.Equal(1, faults.GetProperty("alerts").GetProperty("rate500").GetDouble());
    }

    [Fact]
    public void Invalid_fault_configuration_fails_at_build_time()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Sandbox:Faults:hubspot:Rate429"] = "3" })
            .Build();

        var error = Assert.Throws<InvalidOperationException>(() => { SandboxServer.Build("http://127.0.0.1:0", configuration); });
        Assert.Contains("Rate429", error.Message);
    }

    [Fact]
    public async Task Two_sandboxes_in_one_process_keep_separate_state()
    {
        await using var first = await SandboxHost.StartAsync();
        await using var second = await SandboxHost.StartAsync();

        await first.CreateCustomerAsync("Acme Ltd");
        await first.SetFaultsAsync("hubspot", """{"rate500":1}""");

        Assert.NotEqual(first.BaseUri, second.BaseUri);
        Assert.Equal(0, (await second.AdminAsync(HttpMethod.Get, "/quickbooks/customers")).Json.GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, (await second.HubSpotAsync(HttpMethod.Get, "/crm/v3/objects/deals/1001")).Status);
        Assert.Equal(HttpStatusCode.InternalServerError, (await first.HubSpotAsync(HttpMethod.Get, "/crm/v3/objects/deals/1001")).Status);
    }
}
