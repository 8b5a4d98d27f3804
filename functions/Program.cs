using Integration.Activities.Composition;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The Functions host: the product's one composition plus the [Function] adapters in this project.
FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddIntegration(builder.Configuration);
await builder.Build().RunAsync().ConfigureAwait(false);
