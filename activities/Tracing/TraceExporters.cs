using Microsoft.Extensions.Configuration;

namespace Integration.Activities.Tracing;

/// <summary>
/// Which exporters the settings ask for: OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, Azure Monitor
/// (Application Insights) when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, both when both are, and none
/// otherwise (then nothing is recorded at all: only the trace context is carried).
/// </summary>
/// <param name="AzureMonitorEntraClientId">
/// With <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> <c>Authorization=AAD</c> (as the Bicep sets it, so Application
/// Insights can refuse keys): the managed identity's client id, empty for the system-assigned one; null for key auth.
/// </param>
public sealed record TraceExporters(bool Otlp, string? AzureMonitorConnectionString, string? AzureMonitorEntraClientId = null)
{
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string AzureMonitorSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AzureMonitorAuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    public bool AzureMonitor => AzureMonitorConnectionString is not null;

    public bool Any => Otlp || AzureMonitor;

    public static TraceExporters From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string? azureMonitor = configuration[AzureMonitorSetting];
        return new TraceExporters(
            !string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]),
            string.IsNullOrWhiteSpace(azureMonitor) ? null : azureMonitor.Trim(),
            EntraClientId(configuration[AzureMonitorAuthenticationSetting]));
    }

    /// <summary>"ClientId=...;Authorization=AAD" (the Functions host's format) to the client id; null unless Authorization is AAD.</summary>
    private static string? EntraClientId(string? authentication)
    {
        if (string.IsNullOrWhiteSpace(authentication))
        {
            return null;
        }

        Dictionary<string, string> parts = authentication.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2, StringSplitOptions.TrimEntries))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0], StringComparer.OrdinalIgnoreCase)
            .ToDictionary(group => group.Key, group => group.Last()[1], StringComparer.OrdinalIgnoreCase);
        return parts.TryGetValue("Authorization", out string? scheme) && scheme.Equals("AAD", StringComparison.OrdinalIgnoreCase)
            ? parts.GetValueOrDefault("ClientId") ?? string.Empty
            : null;
    }
}
