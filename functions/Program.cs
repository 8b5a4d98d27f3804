using Integration.Activities.Composition;
using Integration.Functions.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The Functions host: the product's one composition plus the [Function] adapters in this project.
FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
FunctionsStartupChecks.ThrowIfMisconfigured(builder.Configuration);
builder.Services.AddIntegration(builder.Configuration);
await builder.Build().RunAsync().ConfigureAwait(false);
