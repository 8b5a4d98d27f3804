using Integration.Activities.Composition;
using Integration.Functions.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Integration.Functions;

/// <summary>The Functions worker: the product's one composition plus the [Function] adapters in this project; a method so tests can build it.</summary>
public static class FunctionsHost
{
    public static IHost Build(string[] args)
    {
        FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        // After ConfigureFunctionsWebApplication, so it runs inside the HTTP proxying and can still write the response.
        builder.UseMiddleware<ProblemResponseWorkerMiddleware>();
        builder.Services.AddIntegration(builder.Configuration);
        return builder.Build();
    }
}
