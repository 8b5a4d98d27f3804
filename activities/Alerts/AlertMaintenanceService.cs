using System.Text.Json;
using Integration.Activities.Configuration;
using Integration.Activities.DeadLetters;
using Integration.Activities.Operations;
using Integration.Orchestrations.Common;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integration.Activities.Alerts;

/// <summary>What one check of the open alerts did.</summary>
public sealed record AlertCheck(int Renotified, int Resolved);

/// <summary>
/// Keeps alerts honest in the background, in every host: every <c>Alerts:CheckSeconds</c> it resolves the alerts whose
/// cause is gone (their workflow completed, not dead-lettered and not awaiting review; or their dead letter was
/// replayed and the replayed event's workflow then completed; a workflow's open dead letter is then marked resolved
/// too) and re-notifies each open alert nobody acknowledged
/// for <c>Alerts:RenotifyMinutes</c>. A re-notification is claimed with the row's ETag first, so of two hosts only
/// one sends it. A storage outage or any other failure is logged and retried with back-off; only shutdown ends it.
/// </summary>
/// <param name="services">Resolves the publisher (a typed HTTP client).</param>
public sealed partial class AlertMaintenanceService(
    AlertStore alerts, DeadLetterStore deadLetters, IInstanceRows instances, IServiceProvider services, IOptionsMonitor<AlertOptions> options, TimeProvider time,
    ILogger<AlertMaintenanceService> log) : BackgroundService
{
    /// <summary>The most alerts one check reads.</summary>
    public const int MaxPerCheck = 500;

    public const string SystemActor = "system";

    private static readonly TimeSpan FirstBackOff = TimeSpan.FromSeconds(5);

    public async Task<AlertCheck> CheckOnceAsync(CancellationToken cancellationToken)
    {
        AlertOptions settings = options.CurrentValue;
        TimeSpan renotifyAfter = TimeSpan.FromMinutes(settings.RenotifyMinutes);
        int renotified = 0, resolved = 0;
        foreach (AlertRecord alert in await alerts.ListUnresolvedAsync(MaxPerCheck, cancellationToken).ConfigureAwait(false))
        {
            if (await WhyResolvedAsync(alert, cancellationToken).ConfigureAwait(false) is { } why)
            {
                (AlertTransition result, _) = await alerts.TransitionAsync(alert.Id, AlertStates.Resolved, SystemActor, why, cancellationToken).ConfigureAwait(false);
                if (alert.Kind == AlertKinds.DeadLetter && alert.DeadLetterId is { } letterId &&
                    DeadLetterIds.TryDecode(letterId, out string letterKind, out string letterReference) && letterKind == "workflow")
                {
                    // The workflow completed after all (retried or restarted another way): its dead letter is done with too.
                    await deadLetters.ResolveAsync(letterKind, letterReference, SystemActor, cancellationToken).ConfigureAwait(false);
                }

                if (result == AlertTransition.Done)
                {
                    resolved++;
                    LogResolved(alert.Kind, LogText.Safe(alert.Reference), why);
                }

                continue;
            }

            if (alert.State == AlertStates.Open && time.GetUtcNow() - alert.LastNotifiedAt >= renotifyAfter &&
                await alerts.ClaimRenotificationAsync(alert.Id, alert.LastNotifiedAt, cancellationToken).ConfigureAwait(false) is { } claimed)
            {
                var again = new Alert(claimed.Severity, claimed.Title, claimed.Text, claimed.Reference, claimed.CorrelationId, claimed.LastRaisedAt,
                    claimed.Kind, claimed.InstanceId, claimed.DeadLetterId);
                await services.GetRequiredService<AlertPublisher>().SendAsync(again, claimed, reminder: true, cancellationToken).ConfigureAwait(false);
                renotified++;
            }
        }

        return new AlertCheck(renotified, resolved);
    }

    /// <summary>Null while the alert's cause may still need a person; otherwise why it resolved itself.</summary>
    private async Task<string?> WhyResolvedAsync(AlertRecord alert, CancellationToken cancellationToken)
    {
        if (alert.Kind == AlertKinds.ConnectorFailing)
        {
            // Resolved by the next call that succeeds (ConnectorHealth).
            return null;
        }

        DateTimeOffset since = alert.LastRaisedAt;
        if (alert.Kind == AlertKinds.DeadLetter && alert.DeadLetterId is { } letterId && DeadLetterIds.TryDecode(letterId, out string kind, out string reference))
        {
            DeadLetter? letter = await deadLetters.GetAsync(kind, reference, cancellationToken).ConfigureAwait(false);
            if (letter?.Status == DeadLetterStore.Resolved)
            {
                return "its dead letter was resolved";
            }

            if (kind == "event")
            {
                if (letter?.Status != DeadLetterStore.Replayed)
                {
                    return null;
                }

                if (alert.InstanceId is null)
                {
                    return "its dead letter was replayed (the event starts no workflow)";
                }

                since = letter.ReplayedAt ?? since;
            }
        }

        if (alert.InstanceId is null)
        {
            return null;
        }

        // Read from the engine's Instances table, not through an engine client: the Functions host has no client outside a function.
        InstanceRow? instance = await instances.GetAsync(alert.InstanceId, cancellationToken).ConfigureAwait(false);
        if (instance is null || instance.RuntimeStatus != nameof(OrchestrationRuntimeStatus.Completed) || instance.LastUpdatedTime < since)
        {
            return null;
        }

        string? step = Step(instance.CustomStatus);
        return step is WorkflowDeadLetter.Step or ManualReview.AwaitingStep
            ? null
            : alert.Kind == AlertKinds.DeadLetter && alert.DeadLetterId is not null && alert.InstanceId is not null && since != alert.LastRaisedAt
                ? $"its dead letter was replayed and workflow {alert.InstanceId} then completed"
                : $"workflow {alert.InstanceId} completed";
    }

    private static string? Step(string? customStatus)
    {
        if (string.IsNullOrEmpty(customStatus))
        {
            return null;
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(customStatus);
            return doc.RootElement.ValueKind == JsonValueKind.Object &&
                (doc.RootElement.TryGetProperty("Step", out JsonElement step) || doc.RootElement.TryGetProperty("step", out step)) &&
                step.ValueKind == JsonValueKind.String
                ? step.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        int failures = 0;
        TimeSpan wait = Interval();
        bool olderDeadLettersIndexed = false;
        while (true)
        {
            await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
            try
            {
                // Once per process: dead letters from before the list's index are indexed (bounded per check), so they are listed.
                if (!olderDeadLettersIndexed)
                {
                    olderDeadLettersIndexed = await deadLetters.IndexOlderRowsAsync(MaxPerCheck, stoppingToken).ConfigureAwait(false) < MaxPerCheck;
                }

                AlertCheck check = await CheckOnceAsync(stoppingToken).ConfigureAwait(false);
                failures = 0;
                wait = Interval();
                if (check.Renotified + check.Resolved > 0)
                {
                    LogChecked(check.Renotified, check.Resolved);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Storage, the engine or the webhook down: keep the host up and try again, backing off to the usual interval.
                failures++;
                wait = TimeSpan.FromTicks(Math.Min(Interval().Ticks, FirstBackOff.Ticks << Math.Min(failures - 1, 16)));
                LogFailed(ex, wait.TotalSeconds);
            }
        }
    }

    private TimeSpan Interval() => TimeSpan.FromSeconds(Math.Max(1, options.CurrentValue.CheckSeconds));

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {Kind} {Reference} resolved itself: {Why}")]
    private partial void LogResolved(string kind, string reference, string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alerts: {Renotified} re-notified, {Resolved} resolved by themselves")]
    private partial void LogChecked(int renotified, int resolved);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alerts: checking open alerts failed; trying again in {Seconds} s")]
    private partial void LogFailed(Exception ex, double seconds);
}
