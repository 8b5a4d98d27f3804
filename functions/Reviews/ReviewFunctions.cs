using Integration.Activities.Reviews;
using Integration.Functions.Http;
using Integration.Functions.Workflows;
using Integration.Orchestrations.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Integration.Functions.Reviews;

/// <summary>Binds the manual-review decision route and the review alert activity to their shared implementations.</summary>
public sealed class ReviewFunctions(ReviewDecisionHandler handler, RaiseReviewAlertActivity raiseAlert)
{
    [Function("DecideReview")]
    public async Task<IActionResult> DecideAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/reviews/{instanceId}")] HttpRequest request,
        string instanceId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        new ResultActionResult(await handler.DecideAsync(request, instanceId, client, cancellationToken).ConfigureAwait(false));

    [Function(ActivityNames.RaiseReviewAlert)]
    public Task<bool> RaiseReviewAlert([ActivityTrigger] ReviewAlertInput input, FunctionContext context) =>
        raiseAlert.RunAsync(new FunctionsActivityContext(ActivityNames.RaiseReviewAlert, context), input);
}
