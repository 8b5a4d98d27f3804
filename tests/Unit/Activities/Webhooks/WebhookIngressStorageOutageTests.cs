using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Integration.Activities.Configuration;
using Integration.Activities.Queueing;
using Integration.Activities.Storage;
using Integration.Activities.Webhooks;
using Integration.Activities.Webhooks.Signatures;
using Integration.Tests.Unit.Activities.Storage;
using Integration.SendEvent;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using Xunit;

namespace Integration.Tests.Unit.Activities.Webhooks;

/// <summary>
/// A valid webhook while storage is down: a 503 problem+json (storage-unavailable) with Retry-After within
/// the 2 s senders are promised, whether storage refuses connections or accepts them and never answers.
/// </summary>
public sealed class WebhookIngressStorageOutageTests : IDisposable
{
    private const string CrmUrl = "http://localhost:7071/api/v1/webhooks/crm";
    private static readonly TimeSpan Promised = TimeSpan.FromSeconds(2);

    private readonly ServiceProvider services = new ServiceCollection().AddLogging().BuildServiceProvider();

    public void Dispose() => services.Dispose();

    [Fact]
    public async Task Storage_refusing_connections_is_a_503_with_retry_after_within_2_seconds()
    {
        int closedPort = StorageOnPort.FreePort(); // nothing listens there

        (HttpContext response, TimeSpan took) = await SendClosedWonAsync(closedPort);

        AssertStorageUnavailable(response, took);
    }

    [Fact]
    public async Task Storage_that_accepts_connections_and_never_answers_is_a_503_within_2_seconds()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepted = new List<Socket>();
        using var stop = new CancellationTokenSource();
        Task accepting = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    accepted.Add(await silent.AcceptSocketAsync(stop.Token));
                }
            }
            catch (OperationCanceledException)
            {
                // The test is over.
            }
        });

        try
        {
            (HttpContext response, TimeSpan took) = await SendClosedWonAsync(((IPEndPoint)silent.LocalEndpoint).Port);

            AssertStorageUnavailable(response, took);
        }
        finally
        {
            await stop.CancelAsync();
            await accepting;
            accepted.ForEach(s => s.Dispose());
        }
    }

    private async Task<(HttpContext Response, TimeSpan Took)> SendClosedWonAsync(int storagePort)
    {
        StorageClients storage = StorageOnPort.Clients(storagePort);
        var options = new WebhookOptions
        {
            MaxBodyBytes = 65536,
            TimestampToleranceSeconds = 300,
            Sources = { ["crm"] = new WebhookSourceOptions { Scheme = HubSpotSignatureV3.SchemeName, Secrets = [DevSecrets.Crm] } },
        };
        var handler = new WebhookIngressHandler(
            Mock.Of<IOptionsMonitor<WebhookOptions>>(m => m.CurrentValue == options),
            new EventQueue(storage),
            new ReceivedEventStore(storage),
            TimeProvider.System,
            NullLogger<WebhookIngressHandler>.Instance);

        byte[] body = SampleEvents.HubSpotDealClosedWon(dealId: 1001, eventId: 42, occurredAt: DateTimeOffset.UtcNow);
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = "POST";
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("localhost:7071");
        context.Request.Path = "/api/v1/webhooks/crm";
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(body);
        context.Request.ContentLength = body.Length;
        string timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        context.Request.Headers[HubSpotSignatureV3.SignatureHeader] = HubSpotSignatureV3.Sign(DevSecrets.Crm, "POST", CrmUrl, body, timestamp);
        context.Request.Headers[HubSpotSignatureV3.TimestampHeader] = timestamp;
        context.Response.Body = new MemoryStream();

        var watch = Stopwatch.StartNew();
        IResult result = await handler.HandleAsync(context.Request, "crm", CancellationToken.None);
        TimeSpan took = watch.Elapsed;
        await result.ExecuteAsync(context);
        return (context, took);
    }

    private static void AssertStorageUnavailable(HttpContext context, TimeSpan took)
    {
        Assert.True(took < Promised, $"answered after {took.TotalSeconds:0.00} s");
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.StartsWith("application/problem+json", context.Response.ContentType, StringComparison.Ordinal);
        Assert.True(int.TryParse(context.Response.Headers.RetryAfter, out int seconds) && seconds > 0, $"Retry-After: '{context.Response.Headers.RetryAfter}'");
        context.Response.Body.Position = 0;
        using JsonDocument problem = JsonDocument.Parse(context.Response.Body);
        Assert.Equal("urn:integration:problem:storage-unavailable", problem.RootElement.GetProperty("type").GetString());
        Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("correlationId").GetString()));
    }
}
