using Integration.Activities.Health;
using Integration.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Integration.Functions.Health;

/// <summary>Binds GET /api/health to the shared health check.</summary>
public sealed class HealthFunction(HealthHandler handler)
{
    [Function("Health")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        new ResultActionResult(await handler.CheckAsync(client, cancellationToken).ConfigureAwait(false));
}
