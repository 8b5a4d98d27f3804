using Integration.Activities.Webhooks;
using Integration.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Integration.Functions.Webhooks;

/// <summary>Binds POST /api/v1/webhooks/{source} to the shared ingress handler.</summary>
public sealed class WebhookFunction(WebhookIngressHandler handler)
{
    [Function("Webhook")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/webhooks/{source}")] HttpRequest request,
        string source,
        CancellationToken cancellationToken) =>
        new ResultActionResult(await handler.HandleAsync(request, source, cancellationToken).ConfigureAwait(false));
}
