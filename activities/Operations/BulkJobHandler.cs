using Integration.Activities.Http;
using Integration.Activities.Storage;
using Integration.Orchestrations.Operations;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Integration.Activities.Operations;

/// <summary>
/// The bulk-job routes: POST /api/v1/bulk-jobs starts a <see cref="BulkJobOrchestrator"/> (202 with its id and a
/// Location), GET /api/v1/bulk-jobs/{id} reads its progress, POST /api/v1/bulk-jobs/{id}/cancel asks it to stop
/// (idempotent: a job that has ended answers 200 "skipped"). Starting and cancelling are audited; the job's own
/// actions are audited as the operator who started it.
/// </summary>
public sealed class BulkJobHandler(OperationsAccess access, AuditLog audit, IOptionsMonitor<BulkJobOptions> options)
{
    private const int MaxBodyBytes = 64 * 1024;

    public async Task<IResult> StartAsync(HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        string correlationId = CorrelationIds.FromRequest(request);
        if (access.Refuse(request, OperationsRole.Operator, correlationId, out OperationsCaller caller) is { } refused)
        {
            return refused;
        }

        byte[]? body = await RequestBodies.ReadAtMostAsync(request, MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        (BulkJobSpec? spec, string? error) = body is null
            ? (null, $"The body exceeds {MaxBodyBytes} bytes.")
            : BulkJobRequestReader.Read(body);
        if (spec is null)
        {
            return Problems.Create(StatusCodes.Status400BadRequest, "bulk-job-invalid", "Invalid bulk job", error ?? "The body is not a bulk job.", correlationId);
        }

        BulkJobOptions pace = options.CurrentValue;
        string jobId = BulkJobOrchestrator.InstanceIdFor(Guid.NewGuid());
        var job = new BulkJobRequest(
            jobId, spec.Action, spec.Filter, spec.DryRun, spec.Reason, caller.Name, caller.RoleName, correlationId,
            pace.PageSize, pace.BatchSize, pace.PauseBetweenBatches, pace.PagesPerGeneration);

        return await StorageDeadline.AnswerAsync(correlationId, async ct =>
        {
            await client.ScheduleNewOrchestrationInstanceAsync(nameof(BulkJobOrchestrator), new BulkJobInput(job), new StartOrchestrationOptions(jobId), ct).ConfigureAwait(false);
            await audit.WriteAsync(caller, "bulk-job.start", jobId, spec.Reason, $"done: {Describe(spec)}", correlationId, ct).ConfigureAwait(false);
            string location = $"/{ProductRoutes.Prefix}/v1/bulk-jobs/{jobId}";
            return new LocationResult(
                Results.Json(
                    new { id = jobId, action = spec.Action, filter = FilterView(spec.Filter), dryRun = spec.DryRun, state = BulkJobProgress.Running, location, correlationId },
                    statusCode: StatusCodes.Status202Accepted),
                location);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IResult> GetAsync(HttpRequest request, string jobId, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        string correlationId = CorrelationIds.FromRequest(request);
        if (access.Refuse(request, OperationsRole.Reader, correlationId, out _) is { } refused)
        {
            return refused;
        }

        return await StorageDeadline.AnswerAsync(correlationId, async ct =>
        {
            OrchestrationMetadata? instance = await FindAsync(client, jobId, ct).ConfigureAwait(false);
            return instance is null ? NotFound(jobId, correlationId) : Results.Json(Describe(instance, correlationId));
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IResult> CancelAsync(HttpRequest request, string jobId, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        string correlationId = CorrelationIds.FromRequest(request);
        if (access.Refuse(request, OperationsRole.Operator, correlationId, out OperationsCaller caller) is { } refused)
        {
            return refused;
        }

        return await StorageDeadline.AnswerAsync(correlationId, async ct =>
        {
            OrchestrationMetadata? instance = await FindAsync(client, jobId, ct).ConfigureAwait(false);
            if (instance is null)
            {
                return NotFound(jobId, correlationId);
            }

            string result;
            string detail;
            if (InstanceActions.IsLive(instance.RuntimeStatus))
            {
                await client.RaiseEventAsync(jobId, BulkJobOrchestrator.CancelEvent, new BulkJobCancel(caller.Name, correlationId), ct).ConfigureAwait(false);
                result = ActionOutcome.Done;
                detail = instance.RuntimeStatus == OrchestrationRuntimeStatus.Suspended
                    ? "cancel requested: the job is suspended and stops as soon as it is resumed."
                    : "cancel requested: the job stops before its next batch; targets already acted on stay as they are.";
            }
            else
            {
                result = ActionOutcome.Skipped;
                detail = $"the job has already ended ({StateOf(instance)}): nothing to cancel.";
            }

            await audit.WriteAsync(caller, "bulk-job.cancel", jobId, null, $"{result}: {detail}", correlationId, ct).ConfigureAwait(false);
            return Results.Json(new { id = jobId, result, state = StateOf(instance), detail, correlationId });
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The job, or null when no bulk job has this id (another kind of workflow is not a bulk job).</summary>
    private static async Task<OrchestrationMetadata?> FindAsync(DurableTaskClient client, string jobId, CancellationToken cancellationToken)
    {
        if (!BulkJobOrchestrator.IsBulkJob(jobId))
        {
            return null;
        }

        OrchestrationMetadata? instance = await client.GetInstanceAsync(jobId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        return instance?.Name == nameof(BulkJobOrchestrator) ? instance : null;
    }

    /// <summary>The job as GET shows it: what was asked, by whom, and its progress (from its output once it has ended).</summary>
    private static object Describe(OrchestrationMetadata instance, string correlationId)
    {
        BulkJobInput? input = instance.ReadInputAs<BulkJobInput>();
        BulkJobProgress? progress = (instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? instance.ReadOutputAs<BulkJobProgress>() : null)
            ?? ReadStatus(instance) ?? input?.Progress;
        BulkJobRequest? job = input?.Request;
        return new
        {
            id = instance.InstanceId,
            action = job?.Action,
            filter = job is null ? (object?)null : FilterView(job.Filter),
            dryRun = job?.DryRun,
            reason = job?.Reason,
            startedBy = job is null ? null : new { name = job.ActorName, role = job.ActorRole },
            state = StateOf(instance, progress),
            matched = progress?.Matched ?? 0,
            done = progress?.Done ?? 0,
            failed = progress?.Failed ?? 0,
            skipped = progress?.Skipped ?? 0,
            moreToRead = progress?.MoreMatches ?? true,
            failures = progress?.Failures.Select(f => new { target = f.Target, reason = f.Detail }) ?? [],
            sample = progress?.Sample.Select(f => new { target = f.Target, detail = f.Detail }) ?? [],
            // The standalone engine reports a failed orchestration's error as its output, not as failure details.
            failure = instance.RuntimeStatus == OrchestrationRuntimeStatus.Failed ? instance.FailureDetails?.ErrorMessage ?? instance.SerializedOutput : null,
            startedAt = progress is null ? instance.CreatedAt : new DateTimeOffset(progress.StartedAt, TimeSpan.Zero),
            updatedAt = instance.LastUpdatedAt,
            correlationId,
        };
    }

    private static BulkJobProgress? ReadStatus(OrchestrationMetadata instance)
    {
        try
        {
            return instance.ReadCustomStatusAs<BulkJobProgress>();
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>running, completed, cancelled or failed; a job terminated through the engine counts as cancelled.</summary>
    private static string StateOf(OrchestrationMetadata instance, BulkJobProgress? progress = null) => instance.RuntimeStatus switch
    {
        OrchestrationRuntimeStatus.Completed => (progress ?? instance.ReadOutputAs<BulkJobProgress>())?.State ?? BulkJobProgress.Completed,
        OrchestrationRuntimeStatus.Failed => BulkJobProgress.FailedState,
        OrchestrationRuntimeStatus.Terminated => BulkJobProgress.Cancelled,
        _ => BulkJobProgress.Running,
    };

    private static string Describe(BulkJobSpec spec) =>
        $"{(spec.DryRun ? "dry run of " : string.Empty)}{spec.Action} on {System.Text.Json.JsonSerializer.Serialize(spec.Filter, FilterJson)}";

    /// <summary>The filter with only the names that were set, in the request's own spelling.</summary>
    private static System.Text.Json.JsonElement FilterView(BulkJobFilter filter) => System.Text.Json.JsonSerializer.SerializeToElement(filter, FilterJson);

    private static readonly System.Text.Json.JsonSerializerOptions FilterJson = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private static IResult NotFound(string jobId, string correlationId) =>
        Problems.Create(StatusCodes.Status404NotFound, "bulk-job-not-found", "No such bulk job", $"No bulk job has the id '{jobId}'.", correlationId);

    /// <summary>Adds the Location of the new job to its 202.</summary>
    private sealed class LocationResult(IResult inner, string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            httpContext.Response.Headers.Location = location;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
