using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Integration.Activities.Tracing;

/// <summary>The one tracing composition; both hosts call it beside AddIntegration (the Functions host adds its worker defaults).</summary>
public static class TracingServiceCollectionExtensions
{
    /// <summary>The service name on every span unless <c>OTEL_SERVICE_NAME</c> sets another.</summary>
    public const string DefaultServiceName = "integration-hub";

    /// <returns>The OpenTelemetry builder when an exporter is configured; null when none is, and then no tracer provider exists.</returns>
    public static IOpenTelemetryBuilder? AddIntegrationTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        // Always: the trace id reaches the API call log and the instance view with or without an exporter.
        TracePropagation.EnsureListening();

        TraceExporters exporters = TraceExporters.From(configuration);
        if (!exporters.Any)
        {
            // No provider, no processor, no sampler: spans nobody exports are not recorded at all.
            return null;
        }

        string serviceName = configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : DefaultServiceName;
        return services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing =>
            {
                tracing.AddSource(IntegrationTrace.SourceName, IntegrationTrace.DurableTaskSourceName)

                    // The engine's own gRPC traffic (the worker's work-item streams, in the standalone host and under
                    // Functions) is plumbing under the Durable Task spans, not a step of the workflow.
                    .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsGrpc(context.Request.ContentType))
                    .AddHttpClientInstrumentation(o => o.FilterHttpRequestMessage = request => !IsGrpc(request.Content?.Headers.ContentType?.MediaType));
                if (exporters.Otlp)
                {
                    // Endpoint, protocol and headers from the standard OTEL_EXPORTER_OTLP_* settings.
                    tracing.AddOtlpExporter();
                }

                if (exporters.AzureMonitor)
                {
                    tracing.AddAzureMonitorTraceExporter(o =>
                    {
                        o.ConnectionString = exporters.AzureMonitorConnectionString;
                        if (exporters.AzureMonitorEntraClientId is { } clientId)
                        {
                            o.Credential = new ManagedIdentityCredential(clientId.Length == 0
                                ? ManagedIdentityId.SystemAssigned
                                : ManagedIdentityId.FromUserAssignedClientId(clientId));
                        }
                    });
                }
            });
    }

    private static bool IsGrpc(string? contentType) =>
        contentType is not null && contentType.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase);
}
