using Integration.Activities.Alerts;
using Integration.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Integration.Functions.Alerts;

/// <summary>Binds the alert routes (list, acknowledge, resolve) to the shared alert handler.</summary>
public sealed class AlertRouteFunctions(AlertHandler handler)
{
    [Function("ListAlerts")]
    public async Task<IActionResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/alerts")] HttpRequest request,
        CancellationToken cancellationToken) =>
        new ResultActionResult(await handler.ListAsync(request, cancellationToken).ConfigureAwait(false));

    [Function("AcknowledgeAlert")]
    public async Task<IActionResult> AcknowledgeAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/alerts/{alertId}/acknowledge")] HttpRequest request,
        string alertId,
        CancellationToken cancellationToken) =>
        new ResultActionResult(await handler.AcknowledgeAsync(request, alertId, cancellationToken).ConfigureAwait(false));

    [Function("ResolveAlert")]
    public async Task<IActionResult> ResolveAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/alerts/{alertId}/resolve")] HttpRequest request,
        string alertId,
        CancellationToken cancellationToken) =>
        new ResultActionResult(await handler.ResolveAsync(request, alertId, cancellationToken).ConfigureAwait(false));
}
