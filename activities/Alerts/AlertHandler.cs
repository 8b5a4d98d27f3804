using System.Globalization;
using Integration.Activities.Http;
using Integration.Activities.Operations;
using Integration.Activities.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Integration.Activities.Alerts;

/// <summary>
/// GET /api/v1/alerts?state=&amp;kind=&amp;instanceId=&amp;pageSize=&amp;continuationToken= (reader) → {items, continuationToken};
/// POST /api/v1/alerts/{alertId}/acknowledge and /resolve (operator, body {"reason"} optional): 200 done, 200 skipped
/// when it is already in that state, 409 when the step does not fit (acknowledging a resolved alert), 404 unknown id.
/// Every acknowledge and resolve, done or not, writes one audit line.
/// </summary>
public sealed class AlertHandler(OperationsAccess access, AlertStore alerts, AuditLog audit)
{
    public const int DefaultPageSize = 50;

    private static readonly string[] Known = ["state", "kind", "instanceId", "pageSize", "continuationToken"];

    public async Task<IResult> ListAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string correlationId = CorrelationIds.FromRequest(request);
        if (access.Refuse(request, OperationsRole.Reader, correlationId, out _) is { } refused)
        {
            return refused;
        }

        foreach ((string name, StringValues values) in request.Query)
        {
            if (!Known.Contains(name, StringComparer.Ordinal))
            {
                return Invalid($"Unknown parameter '{name}'; this list takes {string.Join(", ", Known)}.", correlationId);
            }

            if (values.Count > 1)
            {
                return Invalid($"'{name}' is given more than once.", correlationId);
            }
        }

        string? state = Value(request.Query, "state");
        if (state is not null && !AlertStates.All.Contains(state, StringComparer.Ordinal))
        {
            return Invalid($"'state' must be one of {string.Join(", ", AlertStates.All)}.", correlationId);
        }

        string? kind = Value(request.Query, "kind");
        if (kind is not null && !AlertKinds.All.Contains(kind, StringComparer.Ordinal))
        {
            return Invalid($"'kind' must be one of {string.Join(", ", AlertKinds.All)}.", correlationId);
        }

        string? instanceId = Value(request.Query, "instanceId");
        if (instanceId is { Length: > 512 })
        {
            return Invalid("'instanceId' may hold at most 512 characters.", correlationId);
        }

        int pageSize = DefaultPageSize;
        if (Value(request.Query, "pageSize") is { } size &&
            (!int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize < 1 || pageSize > AlertStore.MaxPageSize))
        {
            return Invalid($"'pageSize' must be a whole number from 1 to {AlertStore.MaxPageSize}.", correlationId);
        }

        string? token = Value(request.Query, "continuationToken");
        return await StorageDeadline.AnswerAsync(correlationId, async ct =>
        {
            try
            {
                (IReadOnlyList<AlertRecord> items, string? next) = await alerts.FindAsync(state, kind, instanceId, pageSize, token, ct).ConfigureAwait(false);
                return Results.Json(new { items, continuationToken = next });
            }
            catch (ArgumentException ex)
            {
                return Invalid(ex.Message, correlationId);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task<IResult> AcknowledgeAsync(HttpRequest request, string alertId, CancellationToken cancellationToken) =>
        TransitionAsync(request, alertId, AlertStates.Acknowledged, cancellationToken);

    public Task<IResult> ResolveAsync(HttpRequest request, string alertId, CancellationToken cancellationToken) =>
        TransitionAsync(request, alertId, AlertStates.Resolved, cancellationToken);

    private async Task<IResult> TransitionAsync(HttpRequest request, string alertId, string target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string correlationId = CorrelationIds.FromRequest(request);
        if (access.Refuse(request, OperationsRole.Operator, correlationId, out OperationsCaller caller) is { } refused)
        {
            return refused;
        }

        (string? reason, IResult? badBody) = await ReasonBody.ReadAsync(request, correlationId, cancellationToken).ConfigureAwait(false);
        if (badBody is not null)
        {
            return badBody;
        }

        string action = target == AlertStates.Acknowledged ? "acknowledge" : "resolve";
        return await StorageDeadline.AnswerAsync(correlationId, async ct =>
        {
            (AlertTransition result, AlertRecord? alert) = await alerts.TransitionAsync(alertId, target, caller.Name, reason, ct).ConfigureAwait(false);
            (IResult answer, string audited) = result switch
            {
                AlertTransition.Done => (Results.Json(new { result = "done", alert }), "done"),
                AlertTransition.AlreadyThere => (Results.Json(new { result = "skipped", alert }), $"skipped: already {target}"),
                AlertTransition.NotFound => (Problems.Create(StatusCodes.Status404NotFound, "alert-not-found", "No such alert", $"No alert has the id '{alertId}'.", correlationId),
                    "refused: no such alert"),
                _ => (Conflict($"The alert is {alert!.State}{(alert.ResolvedAt is { } at ? $" since {at:u}" : string.Empty)}{(alert.ResolvedBy is { } by ? $" (by {by})" : string.Empty)}; it cannot be {target}.", alert.State, correlationId),
                    $"refused: the alert is {alert.State}"),
            };
            await audit.WriteAsync(caller, "alert." + action, alertId, reason, audited, correlationId, ct).ConfigureAwait(false);
            return answer;
        }, cancellationToken).ConfigureAwait(false);
    }

    private static IResult Conflict(string detail, string state, string correlationId)
    {
        var problem = Problems.Document(StatusCodes.Status409Conflict, "alert-state-conflict", "Not in a state for this", detail, correlationId);
        problem.Extensions["state"] = state;
        return Results.Problem(problem);
    }

    private static IResult Invalid(string detail, string correlationId) =>
        Problems.Create(StatusCodes.Status400BadRequest, "invalid-query", "Invalid query", detail, correlationId);

    private static string? Value(IQueryCollection query, string name) =>
        query.TryGetValue(name, out StringValues values) && !string.IsNullOrWhiteSpace(values[0]) ? values[0]!.Trim() : null;
}
