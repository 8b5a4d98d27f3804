using Integration.Functions.Hosting;
using Microsoft.Extensions.Hosting;

// The Functions host: the product's one composition plus the [Function] adapters in this project.
await FunctionsHost.Build(args).RunAsync().ConfigureAwait(false);
