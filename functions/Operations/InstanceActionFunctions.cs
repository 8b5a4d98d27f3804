using Integration.Activities.Http;
using Integration.Activities.Operations;
using Integration.Functions.Http;
using Integration.Functions.Workflows;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.Operations;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Integration.Functions.Operations;

/// <summary>Binds the instance action route, the bulk-job routes, the bulk-job orchestrator and its activities to their shared implementations.</summary>
public sealed class InstanceActionFunctions(
    InstanceActionHandler actions, BulkJobHandler bulkJobs, FindBulkJobTargetsActivity findTargets, ApplyBulkJobActionActivity applyAction)
{
    [Function("ActOnInstance")]
    public async Task<IActionResult> ActAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/instances/{instanceId}/" + ProductRoutes.InstanceActionSegment)] HttpRequest request,
        string instanceId,
        string action,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        new ResultActionResult(await actions.ActAsync(request, instanceId, action, client, cancellationToken).ConfigureAwait(false));

    [Function("StartBulkJob")]
    public async Task<IActionResult> StartBulkJobAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/bulk-jobs")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        new ResultActionResult(await bulkJobs.StartAsync(request, client, cancellationToken).ConfigureAwait(false));

    [Function("GetBulkJob")]
    public async Task<IActionResult> GetBulkJobAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/bulk-jobs/{jobId}")] HttpRequest request,
        string jobId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        new ResultActionResult(await bulkJobs.GetAsync(request, jobId, client, cancellationToken).ConfigureAwait(false));

    [Function("CancelBulkJob")]
    public async Task<IActionResult> CancelBulkJobAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/bulk-jobs/{jobId}/cancel")] HttpRequest request,
        string jobId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        new ResultActionResult(await bulkJobs.CancelAsync(request, jobId, client, cancellationToken).ConfigureAwait(false));

    [Function(nameof(BulkJobOrchestrator))]
    public static Task<BulkJobProgress> BulkJob([OrchestrationTrigger] TaskOrchestrationContext context, BulkJobInput input) =>
        new BulkJobOrchestrator().RunAsync(context, input);

    [Function(ActivityNames.FindBulkJobTargets)]
    public Task<BulkJobTargetPage> FindBulkJobTargets([ActivityTrigger] FindBulkJobTargetsInput input, FunctionContext context) =>
        findTargets.RunAsync(new FunctionsActivityContext(ActivityNames.FindBulkJobTargets, context), input);

    /// <summary>The Functions app has no engine client in its container, so this adapter passes its bound one.</summary>
    [Function(ActivityNames.ApplyBulkJobAction)]
    public Task<BulkJobTargetResult> ApplyBulkJobAction([ActivityTrigger] ApplyBulkJobActionInput input, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        applyAction.ApplyAsync(input, client, context?.CancellationToken ?? CancellationToken.None);
}
