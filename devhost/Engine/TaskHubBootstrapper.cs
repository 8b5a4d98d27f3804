using DurableTask.AzureStorage;

namespace Integration.DevHost.Engine;

/// <summary>Creates the task hub's tables, queues and lease blobs before the engine starts polling them.</summary>
public sealed class TaskHubBootstrapper(AzureStorageOrchestrationService service) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => service.CreateIfNotExistsAsync();

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
