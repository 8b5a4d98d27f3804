using Microsoft.Extensions.Configuration;

namespace Integration.Activities.Tracing;

/// <summary>
/// Which exporters the settings ask for: OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, Azure Monitor
/// (Application Insights) when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, both when both are, and none
/// otherwise (then nothing is recorded at all: only the trace context is carried).
/// </summary>
public sealed record TraceExporters(bool Otlp, string? AzureMonitorConnectionString)
{
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string AzureMonitorSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    public bool AzureMonitor => AzureMonitorConnectionString is not null;

    public bool Any => Otlp || AzureMonitor;

    public static TraceExporters From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string? azureMonitor = configuration[AzureMonitorSetting];
        return new TraceExporters(
            !string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]),
            string.IsNullOrWhiteSpace(azureMonitor) ? null : azureMonitor.Trim());
    }
}
