using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Integration.Activities.Tracing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Xunit;

namespace Integration.Tests.Unit.Activities.Tracing;

/// <summary>Which exporters the settings turn on, and that without one nothing is recorded while the trace id still flows.</summary>
public sealed class TelemetryCompositionTests
{
    [Theory]
    [InlineData(null, null, false, false)]
    [InlineData("  ", "", false, false)]
    [InlineData("http://127.0.0.1:4318", null, true, false)]
    [InlineData(null, "InstrumentationKey=00000000-0000-0000-0000-000000000000", false, true)]
    [InlineData("http://127.0.0.1:4318", "InstrumentationKey=00000000-0000-0000-0000-000000000000", true, true)]
    public void The_settings_choose_the_exporters(string? otlpEndpoint, string? connectionString, bool otlp, bool azureMonitor)
    {
        TraceExporters exporters = TraceExporters.From(Settings(otlpEndpoint, connectionString));

        Assert.Equal((otlp, azureMonitor, otlp || azureMonitor), (exporters.Otlp, exporters.AzureMonitor, exporters.Any));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("Authorization=AAD", "")]
    [InlineData("ClientId=1b2c;Authorization=AAD", "1b2c")]
    [InlineData(" clientid = 1b2c ; authorization = aad ", "1b2c")]
    [InlineData("ClientId=1b2c", null)]
    public void Application_insights_uses_the_managed_identity_the_authentication_string_names(string? authentication, string? clientId)
    {
        IConfiguration settings = Settings(null, "InstrumentationKey=00000000-0000-0000-0000-000000000000", (TraceExporters.AzureMonitorAuthenticationSetting, authentication!));

        Assert.Equal(clientId, TraceExporters.From(settings).AzureMonitorEntraClientId);
    }

    [Fact]
    public void Without_an_exporter_no_tracer_provider_exists_and_spans_carry_only_their_context()
    {
        var services = new ServiceCollection();

        var builder = services.AddIntegrationTelemetry(Settings(null, null));

        Assert.Null(builder);
        Assert.DoesNotContain(services, d => d.ServiceType == typeof(TracerProvider));
        using Activity? span = IntegrationTrace.Source.StartActivity("dispatch test");
        Assert.NotNull(span);
        Assert.False(span.IsAllDataRequested);
        Assert.False(span.Recorded);
    }

    [Fact]
    public void Azure_monitor_is_registered_when_its_connection_string_is_set()
    {
        // Not built here: the exporter would reach out for its own statistics.
        var services = new ServiceCollection();

        Assert.NotNull(services.AddIntegrationTelemetry(Settings(null, "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/")));
        Assert.Contains(services, d => d.ServiceType == typeof(TracerProvider));
    }

    [Fact]
    public async Task With_an_otlp_endpoint_the_products_spans_are_exported_there()
    {
        using var collector = new HttpListener();
        int port = FreePort();
        collector.Prefixes.Add($"http://127.0.0.1:{port}/");
        collector.Start();
        byte[] probe = Encoding.UTF8.GetBytes("dispatch otlp-probe");
        Task<string> received = ReceiveUntilAsync(collector, probe);

        IConfiguration settings = Settings($"http://127.0.0.1:{port}", null, ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"));
        var services = new ServiceCollection().AddSingleton(settings);
        Assert.NotNull(services.AddIntegrationTelemetry(settings));
        await using (ServiceProvider provider = services.BuildServiceProvider())
        {
            TracerProvider tracing = provider.GetRequiredService<TracerProvider>();
            using (Activity? span = IntegrationTrace.Source.StartActivity("dispatch otlp-probe"))
            {
                Assert.True(span?.Recorded);
            }

            Assert.True(tracing.ForceFlush(10_000));
        }

        Assert.Equal("/v1/traces", await received.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    /// <summary>Answers exports (other tests' spans may come first) until one holds <paramref name="probe"/>; returns its path.</summary>
    private static async Task<string> ReceiveUntilAsync(HttpListener listener, byte[] probe)
    {
        while (true)
        {
            HttpListenerContext context = await listener.GetContextAsync();
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
            if (body.ToArray().AsSpan().IndexOf(probe) >= 0)
            {
                return context.Request.Url!.AbsolutePath;
            }
        }
    }

    private static IConfiguration Settings(string? otlpEndpoint, string? connectionString, params (string Key, string? Value)[] more) =>
        new ConfigurationBuilder().AddInMemoryCollection(
            new Dictionary<string, string?>
            {
                [TraceExporters.OtlpEndpointSetting] = otlpEndpoint,
                [TraceExporters.AzureMonitorSetting] = connectionString,
            }.Concat(more.Select(m => new KeyValuePair<string, string?>(m.Key, m.Value)))).Build();

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
