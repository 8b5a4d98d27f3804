using System.Net;
using System.Text.Json.Nodes;
using Integration.Activities.Alerts;
using Integration.Activities.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using Xunit;

namespace Integration.Tests.Unit.Activities.Alerts;

/// <summary>A "connector-failing" alert is raised once when one system fails the configured number of calls in a row.</summary>
public sealed class ConnectorHealthTests
{
    private readonly List<string> posted = [];

    [Fact]
    public async Task The_third_failure_in_a_row_raises_one_alert_naming_the_system()
    {
        ConnectorHealth health = Health(threshold: 3);

        foreach (int? status in new int?[] { 503, null, 500, 502, 503 })
        {
            await health.Record("quickbooks", status, "corr-1");
        }

        JsonNode alert = JsonNode.Parse(Assert.Single(posted))!;
        Assert.Equal("Connector failing: quickbooks", (string?)alert["title"]);
        Assert.Equal("quickbooks", (string?)alert["reference"]);
    }

    [Fact]
    public async Task An_answer_about_the_data_ends_the_run_so_failures_apart_raise_nothing()
    {
        ConnectorHealth health = Health(threshold: 3);

        foreach (int? status in new int?[] { 503, 503, 400, 503, 503, 200, 429, 401 })
        {
            await health.Record("xero", status, "corr-1");
        }

        Assert.Empty(posted);
    }

    [Fact]
    public async Task Each_system_is_counted_on_its_own_and_the_alert_webhook_not_at_all()
    {
        ConnectorHealth health = Health(threshold: 2);

        await health.Record("hubspot", 500, "c");
        await health.Record("quickbooks", 500, "c");
        await health.Record(ConnectorHealth.AlertSystem, 500, "c");
        await health.Record(ConnectorHealth.AlertSystem, 500, "c");

        Assert.Empty(posted);
    }

    private ConnectorHealth Health(int threshold)
    {
        var options = Mock.Of<IOptionsMonitor<AlertOptions>>(m => m.CurrentValue == new AlertOptions { WebhookUrl = "http://127.0.0.1:9/alerts", ConnectorFailureThreshold = threshold });
        var publisher = new AlertPublisher(new HttpClient(new Recorder(posted)), options, NullLogger<AlertPublisher>.Instance);
        ServiceProvider services = new ServiceCollection().AddSingleton(publisher).BuildServiceProvider();
        return new ConnectorHealth(services, options, TimeProvider.System, NullLogger<ConnectorHealth>.Instance);
    }

    private sealed class Recorder(List<string> posted) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            posted.Add(await request.Content!.ReadAsStringAsync(cancellationToken));
            return new HttpResponseMessage(HttpStatusCode.Accepted);
        }
    }
}
