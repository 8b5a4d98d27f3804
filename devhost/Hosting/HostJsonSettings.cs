using System.Text.Json;

namespace Integration.DevHost.Hosting;

/// <summary>Queue trigger settings, as host.json's "extensions.queues" defines them for Functions.</summary>
public sealed record QueueTriggerSettings(
    int BatchSize, int NewBatchThreshold, TimeSpan MaxPollingInterval, TimeSpan VisibilityTimeout, int MaxDequeueCount);

/// <summary>Durable Task settings from host.json's "extensions.durableTask" (the hub name is TaskHubName's, shared with the product's storage names).</summary>
public sealed record DurableTaskSettings(int PartitionCount, TimeSpan MaxQueuePollingInterval, bool UseTablePartitionManagement);

/// <summary>
/// Reads the same host.json the Functions host reads, so both hosts poll, retry and poison alike
/// and use the same task hub. Missing values take the Functions defaults.
/// </summary>
public sealed record HostJsonSettings(QueueTriggerSettings Queues, DurableTaskSettings DurableTask)
{
    public static HostJsonSettings Load(string path)
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        JsonElement extensions = doc.RootElement.TryGetProperty("extensions", out JsonElement e) ? e : default;
        JsonElement queues = Child(extensions, "queues");
        JsonElement durable = Child(extensions, "durableTask");
        JsonElement provider = Child(durable, "storageProvider");

        int batchSize = Int(queues, "batchSize", 16);
        return new HostJsonSettings(
            new QueueTriggerSettings(
                batchSize,
                Int(queues, "newBatchThreshold", batchSize / 2),
                Time(queues, "maxPollingInterval", TimeSpan.FromMinutes(1)),
                Time(queues, "visibilityTimeout", TimeSpan.Zero),
                Int(queues, "maxDequeueCount", 5)),
            new DurableTaskSettings(
                Int(provider, "partitionCount", 4),
                Time(provider, "maxQueuePollingInterval", TimeSpan.FromSeconds(30)),
                Bool(provider, "useTablePartitionManagement", true)));
    }

    private static JsonElement Child(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out JsonElement child) ? child : default;

    private static int Int(JsonElement o, string name, int fallback) =>
        Child(o, name) is { ValueKind: JsonValueKind.Number } v ? v.GetInt32() : fallback;

    private static bool Bool(JsonElement o, string name, bool fallback) =>
        Child(o, name) is { ValueKind: JsonValueKind.True or JsonValueKind.False } v ? v.GetBoolean() : fallback;

    private static TimeSpan Time(JsonElement o, string name, TimeSpan fallback) =>
        Child(o, name) is { ValueKind: JsonValueKind.String } v
            ? TimeSpan.Parse(v.GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            : fallback;
}
