using Integration.Activities.Http;
using Integration.Activities.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Integration.Activities.Operations;

/// <summary>
/// The reader routes that find and explain workflows: the filtered list (GET /api/v1/instances), the overview
/// (GET /api/v1/instances/summary) and a workflow's history step by step (GET /api/v1/instances/{instanceId}/history).
/// </summary>
public sealed class InstanceFindHandler(OperationsAccess access, IInstanceFinder finder, InstanceSummaryReader summary, IEngineHistoryReader history)
{
    public async Task<IResult> ListAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string correlationId = CorrelationIds.FromRequest(request);
        if (access.Refuse(request, OperationsRole.Reader, correlationId, out _) is { } refused)
        {
            return refused;
        }

        InstanceQuery query = InstanceQueryParameters.Parse(request.Query);
        if (query.Filter is null)
        {
            return BadParameter(query.BadParameter!, query.Problem!, correlationId);
        }

        return await StorageDeadline.AnswerAsync(correlationId, async ct =>
        {
            try
            {
                InstancePage page = await finder.FindAsync(query.Filter, query.PageSize, query.ContinuationToken, ct).ConfigureAwait(false);
                return Results.Json(new { items = page.Items, continuationToken = page.ContinuationToken });
            }
            catch (ArgumentException e) when (e is not ArgumentOutOfRangeException)
            {
                return BadParameter("continuationToken", e.Message.Split(" (Parameter", 2)[0], correlationId);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IResult> SummaryAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        string correlationId = CorrelationIds.FromRequest(request);
        return access.Refuse(request, OperationsRole.Reader, correlationId, out _) ?? await StorageDeadline.AnswerAsync(
            correlationId, async ct => Results.Json(await summary.ReadAsync(ct).ConfigureAwait(false)), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IResult> HistoryAsync(HttpRequest request, string instanceId, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        string correlationId = CorrelationIds.FromRequest(request);
        if (access.Refuse(request, OperationsRole.Reader, correlationId, out _) is { } refused)
        {
            return refused;
        }

        return await StorageDeadline.AnswerAsync(correlationId, async ct =>
        {
            if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, ct).ConfigureAwait(false) is null)
            {
                return Problems.InstanceNotFound(instanceId, correlationId);
            }

            EngineHistory read = await history.ReadAsync(instanceId, InstanceHistoryMapper.MaxEvents, ct).ConfigureAwait(false);
            return Results.Json(InstanceHistoryMapper.Map(instanceId, read));
        }, cancellationToken).ConfigureAwait(false);
    }

    private static IResult BadParameter(string parameter, string detail, string correlationId) =>
        Results.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Type = Problems.TypePrefix + "invalid-parameter",
            Title = $"Invalid parameter '{parameter}'",
            Status = StatusCodes.Status400BadRequest,
            Detail = detail,
            Extensions = { ["correlationId"] = correlationId, ["parameter"] = parameter },
        });
}
