using Integration.Activities.Dispatch;
using Integration.Activities.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Integration.Functions.Dispatch;

/// <summary>Binds the "integration-events" queue to the shared dispatcher; host.json sets retries and poisoning.</summary>
public sealed class DispatcherFunction(EventDispatcher dispatcher)
{
    [Function("Dispatcher")]
    public Task RunAsync(
        [QueueTrigger(StorageNames.EventsQueue, Connection = StorageClients.SettingName)] string message,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        dispatcher.DispatchAsync(message, client, cancellationToken);
}
