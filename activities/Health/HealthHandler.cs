using Integration.Activities.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Integration.Activities.Health;

/// <summary>
/// GET /api/health: 200 when storage and the Durable Task engine both answer within two seconds,
/// 503 naming the one that does not. The engine is probed through the host's own client.
/// </summary>
public sealed class HealthHandler(StorageClients storage)
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    public async Task<IResult> CheckAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        Task<string> storageState = ProbeAsync(ct => storage.Queues.GetQueueClient(storage.Names.EventsQueue).ExistsAsync(ct), cancellationToken);
        Task<string> engineState = ProbeAsync(ct => client.GetInstanceAsync("health-probe", getInputsAndOutputs: false, ct), cancellationToken);
        string[] states = await Task.WhenAll(storageState, engineState).ConfigureAwait(false);
        bool healthy = states.All(s => s == "up");
        return Results.Json(
            new { status = healthy ? "healthy" : "unhealthy", storage = states[0], engine = states[1] },
            statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<string> ProbeAsync<T>(Func<CancellationToken, Task<T>> probe, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            await probe(timeout.Token).WaitAsync(timeout.Token).ConfigureAwait(false);
            return "up";
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return timeout.IsCancellationRequested ? "down: no answer within 2 s" : $"down: {ex.GetType().Name}: {ex.Message.Split('\n')[0]}";
        }
    }
}
