using Integration.Activities.Dispatch;
using Integration.Activities.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Integration.Functions.Dispatch;

/// <summary>Binds the events queue's "-poison" queue (the Functions convention) to the shared poison handler (dead letter + alert).</summary>
public sealed class PoisonEventFunction(PoisonEventHandler handler)
{
    [Function("PoisonEvents")]
    public Task RunAsync(
        [QueueTrigger("%" + StorageNames.EventsQueueSetting + "%-poison", Connection = StorageClients.SettingName)] string message,
        CancellationToken cancellationToken) =>
        handler.HandleAsync(message, cancellationToken);
}
