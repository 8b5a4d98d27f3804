using System.Text.Json;
using Azure.Storage.Queues;
using Integration.Activities.Storage;
using Integration.Orchestrations.Routing;

namespace Integration.Activities.Queueing;

/// <summary>The "integration-events" queue between ingress and dispatcher; messages are envelope JSON, base64 as Functions expects.</summary>
public sealed class EventQueue(StorageClients storage) : IEventQueue
{
    private readonly QueueClient queue = storage.Queues.GetQueueClient(storage.Names.EventsQueue);

    public async Task EnqueueAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        string json = JsonSerializer.Serialize(envelope, EnvelopeJson.Options);
        await queue.SendMessageAsync(json, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>One JSON shape for envelopes on the queue, read and written by both hosts.</summary>
public static class EnvelopeJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    /// <exception cref="JsonException">The message is not an envelope.</exception>
    public static EventEnvelope Parse(string message)
    {
        EventEnvelope? envelope = JsonSerializer.Deserialize<EventEnvelope>(message, Options);
        if (envelope is null || string.IsNullOrEmpty(envelope.Id) || string.IsNullOrEmpty(envelope.Type))
        {
            throw new JsonException("The queue message is not an event envelope (no id or type).");
        }

        return envelope;
    }
}
