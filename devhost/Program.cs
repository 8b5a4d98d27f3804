using Integration.DevHost;

await StandaloneHost.Build(args).RunAsync().ConfigureAwait(false);
