using Integration.Activities.Http;
using Integration.Activities.Operations;
using Integration.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Integration.Functions.Operations;

/// <summary>Binds the read-only operations API routes to the shared operations handler.</summary>
public sealed class OperationsFunctions(OperationsHandler handler, CallerHandler caller)
{
    [Function("GetCaller")]
    public IActionResult GetCaller(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/caller")] HttpRequest request) =>
        new ResultActionResult(caller.Describe(request));

    [Function("GetInstance")]
    public async Task<IActionResult> GetInstanceAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/instances/" + ProductRoutes.InstanceIdSegment)] HttpRequest request,
        string instanceId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        new ResultActionResult(await handler.GetInstanceAsync(request, instanceId, client, cancellationToken).ConfigureAwait(false));

    [Function("ListApiCalls")]
    public async Task<IActionResult> ListApiCallsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/api-calls/{correlationId}")] HttpRequest request,
        string correlationId,
        CancellationToken cancellationToken) =>
        new ResultActionResult(await handler.ListApiCallsAsync(request, correlationId, cancellationToken).ConfigureAwait(false));

    [Function("ListDeadLetters")]
    public async Task<IActionResult> ListDeadLettersAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/dead-letters")] HttpRequest request,
        CancellationToken cancellationToken) =>
        new ResultActionResult(await handler.ListDeadLettersAsync(request, cancellationToken).ConfigureAwait(false));
}
