using DurableTask.AzureStorage;
using Integration.Activities.Storage;

namespace Integration.DevHost.Engine;

/// <summary>
/// Creates the task hub's tables, queues and lease blobs before the engine starts polling them. Storage that
/// does not answer yet is waited for (logged once), so a host started before Azurite does not exit.
/// </summary>
public sealed partial class TaskHubBootstrapper(AzureStorageOrchestrationService service, ILogger<TaskHubBootstrapper> log) : IHostedService
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromSeconds(2);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        bool logged = false;
        while (true)
        {
            try
            {
                await service.CreateIfNotExistsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                if (!logged)
                {
                    logged = true;
                    LogWaitingForStorage(StorageOutage.Describe(ex));
                }
            }

            await Task.Delay(RetryPause, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not create the task hub ({Failure}); waiting for storage and retrying")]
    private partial void LogWaitingForStorage(string failure);
}
