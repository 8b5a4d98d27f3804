using Integration.Activities.Operations;
using Integration.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Integration.Functions.Operations;

/// <summary>Binds the audit trail's read route to the shared handler; there is deliberately no route that changes the trail.</summary>
public sealed class AuditFunctions(AuditHandler handler)
{
    [Function("ListAudit")]
    public async Task<IActionResult> ListAuditAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/audit")] HttpRequest request,
        CancellationToken cancellationToken) =>
        new ResultActionResult(await handler.ListAsync(request, cancellationToken).ConfigureAwait(false));
}
