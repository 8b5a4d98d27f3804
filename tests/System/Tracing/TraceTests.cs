using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Integration.SendEvent;
using Integration.Tests.System.Infrastructure;

namespace Integration.Tests.System.Tracing;

/// <summary>
/// One trace from webhook to outcome: a sender's W3C traceparent reaches every outbound call the workflow makes
/// (through the queue message, the dispatcher, the orchestration and each activity) and the instance view.
/// </summary>
public abstract class TraceTests(StandaloneHostFixture fixture)
{
    /// <summary>A deal's webhook sent with a known trace id; returns that trace id once the deal is invoiced.</summary>
    protected async Task<(string DealId, string TraceId)> SendTracedDealAsync()
    {
        string dealId = StandaloneHostFixture.NewDealId();
        string traceId = ActivityTraceId.CreateRandom().ToHexString();
        string traceParent = $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01";

        using HttpResponseMessage response = await fixture.Sender.SendCrmAsync(
            SampleEvents.HubSpotDealClosedWon(long.Parse(dealId, CultureInfo.InvariantCulture), EventIds.NewEventId()),
            configure: request => request.Headers.TryAddWithoutValidation("traceparent", traceParent));
        JsonNode accepted = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(traceId, (string?)accepted["traceId"]);
        string correlationId = (string)accepted["correlationId"]!;

        JsonObject instance = await fixture.Host.ExplainTimeoutAsync(() => Eventually.Until(
            () => fixture.InstanceAsync($"deal-invoice-{dealId}"),
            i => (string?)i?["runtimeStatus"] == "Completed",
            TimeSpan.FromSeconds(60),
            $"workflow deal-invoice-{dealId} to complete")) ?? throw new InvalidOperationException();
        Assert.Equal("invoiced", (string?)instance["output"]!["Outcome"]);
        Assert.Equal(traceId, (string?)instance["traceId"]);

        // Every call of every activity (read the deal, its company and lines; find or create the customer; create
        // the invoice; patch the deal), each made in its own activity span of the one trace.
        JsonArray calls = await Eventually.Until(
            () => ApiCallsAsync(correlationId),
            c => c.Any(x => (string?)x!["system"] == "hubspot" && (string?)x["method"] == "PATCH"),
            TimeSpan.FromSeconds(30),
            "the workflow's API calls to be logged");
        Assert.True(calls.Count >= 5, $"expected the workflow's calls, got {calls.ToJsonString()}");
        Assert.Contains(calls, c => (string?)c!["system"] == "quickbooks");
        Assert.All(calls, c => Assert.Equal(traceId, (string?)c!["traceId"]));
        return (dealId, traceId);
    }

    private async Task<JsonArray> ApiCallsAsync(string correlationId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/api-calls/{correlationId}");
        request.Headers.Add("X-Api-Key", StandaloneHostFixture.OperationsKey);
        using HttpResponseMessage response = await fixture.Api.SendAsync(request);
        return (JsonArray)JsonNode.Parse(await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync())!;
    }
}

/// <summary>Without any exporter configured (the development default): the trace id is still carried end to end.</summary>
[Collection(StandaloneHostCollection.Name)]
public sealed class TraceWithoutExporterTests(StandaloneHostFixture fixture) : TraceTests(fixture)
{
    [Fact]
    public async Task The_webhooks_trace_id_is_on_every_outbound_call_and_on_the_instance_view()
    {
        await SendTracedDealAsync();
    }
}

/// <summary>A host that exports to an OTLP endpoint (a stub collector in this test process).</summary>
public sealed class OtlpHostFixture : StandaloneHostFixture, IAsyncLifetime
{
    public OtlpCollectorStub Collector { get; } = new();

    Task IAsyncLifetime.InitializeAsync() => InitializeAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Collector.DisposeAsync();
    }

    protected override IDictionary<string, string> HostSettings => new Dictionary<string, string>(base.HostSettings)
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Collector.Endpoint,
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",

        // Export each batch within a second rather than the default five.
        ["OTEL_BSP_SCHEDULE_DELAY"] = "1000",
    };
}

[CollectionDefinition(Name)]
public sealed class OtlpHostCollection : ICollectionFixture<OtlpHostFixture>
{
    public const string Name = "standalone host (otlp)";
}

/// <summary>With OTEL_EXPORTER_OTLP_ENDPOINT set, the whole trace is exported: webhook, dispatch, orchestration, activities, HTTP calls.</summary>
[Collection(OtlpHostCollection.Name)]
public sealed class TraceExportTests(OtlpHostFixture fixture) : TraceTests(fixture)
{
    [Fact]
    public async Task The_trace_is_exported_over_otlp_with_a_span_for_each_hop()
    {
        (_, string traceId) = await SendTracedDealAsync();

        byte[] traceIdBytes = Convert.FromHexString(traceId);
        string[] spans =
        [
            "POST /api/v1/webhooks/{source}", "webhook crm", "dispatch crm.deal.closed.v1", "create_orchestration:DealToInvoiceOrchestrator",
            "orchestration:DealToInvoiceOrchestrator", "activity:FetchCrmDealActivity", "activity:CreateErpInvoiceActivity", "activity:PatchCrmDealActivity",
        ];
        IEnumerable<string> Missing() =>
            spans.Where(s => !fixture.Collector.Received(Encoding.UTF8.GetBytes(s))).Prepend(fixture.Collector.Received(traceIdBytes) ? null : "the trace id").OfType<string>();
        try
        {
            await Eventually.Until(() => Task.FromResult(!Missing().Any()), complete => complete, TimeSpan.FromSeconds(20), $"trace {traceId} at the collector");
        }
        catch (TimeoutException)
        {
            Assert.Fail($"The collector got {fixture.Collector.TraceExports.Count} export(s) without: {string.Join(", ", Missing())}.");
        }
    }
}
