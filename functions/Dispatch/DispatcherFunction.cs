using Integration.Activities.Dispatch;
using Integration.Activities.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Integration.Functions.Dispatch;

/// <summary>Binds the hub's events queue (app setting EventsQueueName, checked at start-up) to the shared dispatcher; host.json sets retries and poisoning.</summary>
public sealed class DispatcherFunction(EventDispatcher dispatcher)
{
    [Function("Dispatcher")]
    public Task RunAsync(
        [QueueTrigger("%" + StorageNames.EventsQueueSetting + "%", Connection = StorageClients.SettingName)] string message,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        dispatcher.DispatchAsync(message, client, cancellationToken);
}
