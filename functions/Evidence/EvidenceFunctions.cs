using Integration.Activities.Evidence;
using Integration.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Integration.Functions.Evidence;

/// <summary>Binds the auditors' evidence API routes to the shared evidence handler.</summary>
public sealed class EvidenceFunctions(EvidenceHandler handler)
{
    [Function("ListOffboardingEvidence")]
    public async Task<IActionResult> ListOffboardingsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/evidence/offboardings")] HttpRequest request,
        CancellationToken cancellationToken) =>
        new ResultActionResult(await handler.ListOffboardingsAsync(request, cancellationToken).ConfigureAwait(false));

    [Function("GetOffboardingEvidence")]
    public async Task<IActionResult> GetOffboardingAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/evidence/offboardings/{offboardingId}")] HttpRequest request,
        string offboardingId,
        CancellationToken cancellationToken) =>
        new ResultActionResult(await handler.GetOffboardingAsync(request, offboardingId, cancellationToken).ConfigureAwait(false));
}
