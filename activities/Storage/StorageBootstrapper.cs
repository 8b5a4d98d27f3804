using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Integration.Activities.Storage;

/// <summary>
/// Creates the product's queues and tables at start-up, so a fresh Azurite (or an account the
/// templates did not prepare) works without a manual step. Failures are logged, not fatal: in Azure
/// the templates create them and the identity may lack the right to.
/// </summary>
public sealed class StorageBootstrapper(StorageClients storage, ILogger<StorageBootstrapper> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(
                storage.Names.Queues.Select(q => storage.Queues.GetQueueClient(q).CreateIfNotExistsAsync(cancellationToken: cancellationToken))
                    .Cast<Task>()
                    .Concat(storage.Names.Tables.Select(t => storage.Tables.CreateTableIfNotExistsAsync(t, cancellationToken))));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogWarning(ex, "Could not create the product's queues and tables; continuing on the assumption they exist");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
