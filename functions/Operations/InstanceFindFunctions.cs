using Integration.Activities.Operations;
using Integration.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Integration.Functions.Operations;

/// <summary>Binds the find routes (list, summary, history) to the shared handler.</summary>
public sealed class InstanceFindFunctions(InstanceFindHandler handler)
{
    [Function("ListInstances")]
    public async Task<IActionResult> ListInstancesAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/instances")] HttpRequest request,
        CancellationToken cancellationToken) =>
        new ResultActionResult(await handler.ListAsync(request, cancellationToken).ConfigureAwait(false));

    [Function("GetInstanceSummary")]
    public async Task<IActionResult> GetInstanceSummaryAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/instances/summary")] HttpRequest request,
        CancellationToken cancellationToken) =>
        new ResultActionResult(await handler.SummaryAsync(request, cancellationToken).ConfigureAwait(false));

    [Function("GetInstanceHistory")]
    public async Task<IActionResult> GetInstanceHistoryAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/instances/{instanceId}/history")] HttpRequest request,
        string instanceId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        new ResultActionResult(await handler.HistoryAsync(request, instanceId, client, cancellationToken).ConfigureAwait(false));
}
