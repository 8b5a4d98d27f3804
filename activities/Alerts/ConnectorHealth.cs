using System.Collections.Concurrent;
using Integration.Activities.Configuration;
using Integration.Orchestrations.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integration.Activities.Alerts;

/// <summary>
/// Counts failed calls in a row per system, as the API call log sees each attempt: no answer, 5xx, 401, 403, 408 or
/// 429 is a failure (the system or our access to it is broken); any other answer, including a 4xx about the data,
/// ends the run. The <c>Alerts:ConnectorFailureThreshold</c>-th failure in a row raises a "connector-failing" alert;
/// the next call that succeeds resolves it. Counts are per host process (each host alerts on what it sees).
/// </summary>
/// <param name="services">Resolves the alert publisher when an alert is raised (the publisher's own client is built with this handler).</param>
public sealed partial class ConnectorHealth(IServiceProvider services, IOptionsMonitor<AlertOptions> options, TimeProvider time, ILogger<ConnectorHealth> log)
{
    /// <summary>The alert webhook's own calls are not counted: alerting about the alert channel through it would loop.</summary>
    public const string AlertSystem = "alerts";

    private readonly ConcurrentDictionary<string, int> failuresInARow = new(StringComparer.Ordinal);

    /// <summary>Whether an answer (null: none) counts as the system failing.</summary>
    public static bool IsFailure(int? status) => status is null or >= 500 or 401 or 403 or 408 or 429;

    /// <returns>The task raising or resolving an alert, when this call did; callers need not wait for it.</returns>
    public Task Record(string system, int? status, string correlationId)
    {
        ArgumentNullException.ThrowIfNull(system);
        if (system == AlertSystem)
        {
            return Task.CompletedTask;
        }

        int threshold = Math.Max(1, options.CurrentValue.ConnectorFailureThreshold);
        if (!IsFailure(status))
        {
            return failuresInARow.TryRemove(system, out int before) && before >= threshold ? ResolveAsync(system) : Task.CompletedTask;
        }

        int count = failuresInARow.AddOrUpdate(system, 1, (_, c) => c + 1);
        return count == threshold ? RaiseAsync(system, count, status, correlationId) : Task.CompletedTask;
    }

    private async Task RaiseAsync(string system, int count, int? status, string correlationId)
    {
        try
        {
            var alert = new Alert("error", $"Connector failing: {system}",
                $"{count} calls in a row to {system} failed (the last: {(status is { } s ? $"HTTP {s}" : "no answer")}). Workflows that need {system} retry and may dead-letter; check its status and our credentials. This alert resolves itself when a call succeeds again.",
                system, correlationId, time.GetUtcNow(), AlertKinds.ConnectorFailing);
            await services.GetRequiredService<AlertPublisher>().PublishAsync(alert, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogFailed(ex, LogText.Safe(system));
        }
    }

    private async Task ResolveAsync(string system)
    {
        try
        {
            await services.GetRequiredService<AlertStore>().TransitionAsync(
                DeadLetters.DeadLetterIds.Encode(AlertKinds.ConnectorFailing, system), AlertStates.Resolved, "system", $"calls to {system} succeed again", CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogFailed(ex, LogText.Safe(system));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The connector-failing alert of {System} could not be raised or resolved")]
    private partial void LogFailed(Exception ex, string system);
}
