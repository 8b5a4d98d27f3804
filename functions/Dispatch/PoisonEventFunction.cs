using Integration.Activities.Dispatch;
using Integration.Activities.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Integration.Functions.Dispatch;

/// <summary>Binds the "integration-events-poison" queue to the shared poison handler (dead letter + alert).</summary>
public sealed class PoisonEventFunction(PoisonEventHandler handler)
{
    [Function("PoisonEvents")]
    public Task RunAsync(
        [QueueTrigger(StorageNames.EventsPoisonQueue, Connection = StorageClients.SettingName)] string message,
        CancellationToken cancellationToken) =>
        handler.HandleAsync(message, cancellationToken);
}
