using Integration.Activities.DeadLetters;
using Integration.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Integration.Functions.DeadLetters;

/// <summary>Binds the dead-letter replay route to the shared handler, with the engine client this host binds per request.</summary>
public sealed class DeadLetterFunctions(DeadLetterHandler handler)
{
    [Function("ReplayDeadLetter")]
    public async Task<IActionResult> ReplayAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/dead-letters/{deadLetterId}/replay")] HttpRequest request,
        string deadLetterId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        new ResultActionResult(await handler.ReplayAsync(request, deadLetterId, client, cancellationToken).ConfigureAwait(false));
}
