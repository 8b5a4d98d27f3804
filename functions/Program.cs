using Integration.Functions;
using Microsoft.Extensions.Hosting;

await FunctionsHost.Build(args).RunAsync().ConfigureAwait(false);
