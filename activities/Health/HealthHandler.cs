using Integration.Activities.Http;
using Integration.Activities.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Integration.Activities.Health;

/// <summary>
/// GET /api/health: 200 when storage and the Durable Task engine both answer within 1.5 seconds; otherwise
/// a 503 problem (type storage-unavailable or engine-unavailable, with Retry-After) naming the one that does
/// not, so a load balancer or an operator sees the outage and sees it end. The engine is probed through the
/// host's own client.
/// </summary>
public sealed class HealthHandler(StorageClients storage)
{
    /// <summary>Both probes run at once, so the answer comes within this plus a little, inside the 2 s callers are promised.</summary>
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1.5);

    /// <summary>The engine's state in an answer given while storage is down.</summary>
    public const string EngineNotChecked = "not checked: it keeps its state in the storage that is down";

    public async Task<IResult> CheckAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        Task<string> storageState = ProbeAsync(ct => storage.Queues.GetQueueClient(storage.Names.EventsQueue).ExistsAsync(ct), cancellationToken);
        Task<string> engineState = ProbeAsync(ct => client.GetInstanceAsync("health-probe", getInputsAndOutputs: false, ct), cancellationToken);

        // The engine keeps its state in the same storage: with storage down its probe can only wait out its
        // timeout, so the answer does not wait for it (an outage is reported as soon as storage refuses).
        string storageNow = await storageState.ConfigureAwait(false);
        string[] states = storageNow == "up"
            ? [storageNow, await engineState.ConfigureAwait(false)]
            : [storageNow, EngineNotChecked];
        if (states.All(s => s == "up"))
        {
            return Results.Json(new { status = "healthy", storage = states[0], engine = states[1] }, statusCode: StatusCodes.Status200OK);
        }

        // A problem's "status" is its HTTP status (RFC 7807), so the 503 carries the two states beside it, not "unhealthy".
        bool storageDown = states[0] != "up";
        IResult problem = Results.Problem(
            detail: storageDown ? $"Storage is {states[0]}; the engine is {states[1]}." : $"The workflow engine is {states[1]}; storage is up.",
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: storageDown ? "Storage unavailable" : "Workflow engine unavailable",
            type: Problems.TypePrefix + (storageDown ? "storage-unavailable" : "engine-unavailable"),
            extensions: new Dictionary<string, object?>
            {
                ["storage"] = states[0],
                ["engine"] = states[1],
                ["correlationId"] = CorrelationIds.New(),
            });
        return new RetryAfterResult(problem, Problems.StorageRetryAfter);
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
            return timeout.IsCancellationRequested ? "down: no answer within 1.5 s" : $"down: {StorageOutage.Describe(ex)}";
        }
    }
}
