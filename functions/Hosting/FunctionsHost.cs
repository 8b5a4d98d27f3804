using Integration.Activities.Composition;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Functions.Hosting;

/// <summary>The Functions worker as Program runs it, built in one place so tests can inspect what it composes.</summary>
public static class FunctionsHost
{
    /// <exception cref="InvalidOperationException">A setting is missing or contradicts another; the message names it.</exception>
    public static FunctionsApplicationBuilder CreateBuilder(string[] args)
    {
        FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        builder.Configuration.AddLogLevelDefaults();
        FunctionsStartupChecks.ThrowIfMisconfigured(builder.Configuration);
        builder.Services.AddIntegration(builder.Configuration);
        return builder;
    }
}
