using Integration.Activities.Composition;
using Integration.Activities.Tracing;
using Integration.Functions.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Integration.Functions.Hosting;

/// <summary>The Functions worker as Program runs it, built in one place so tests can inspect what it composes.</summary>
public static class FunctionsHost
{
    /// <exception cref="InvalidOperationException">A setting is missing or contradicts another; the message names it.</exception>
    public static FunctionsApplicationBuilder CreateBuilder(string[] args)
    {
        FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        // After ConfigureFunctionsWebApplication, so it runs inside the HTTP proxying and can still write the response.
        builder.UseMiddleware<ProblemResponseWorkerMiddleware>();
        builder.Configuration.AddLogLevelDefaults();
        FunctionsStartupChecks.ThrowIfMisconfigured(builder.Configuration);
        builder.Services.AddIntegration(builder.Configuration);

        // The worker's invocation spans continue the Functions host's trace (host.json telemetryMode OpenTelemetry).
        builder.Services.AddIntegrationTelemetry(builder.Configuration)?.UseFunctionsWorkerDefaults();
        return builder;
    }

    /// <inheritdoc cref="CreateBuilder"/>
    public static IHost Build(string[] args) => CreateBuilder(args).Build();
}
