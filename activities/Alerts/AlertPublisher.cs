using System.Net.Http.Json;
using Integration.Activities.Configuration;
using Integration.Orchestrations.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integration.Activities.Alerts;

/// <summary>An alert as raised by the product (and posted, in the json format, with these fields).</summary>
/// <param name="Kind">The record kind (<see cref="AlertKinds"/>).</param>
/// <param name="InstanceId">The workflow it concerns, when one does: the alert resolves itself when that workflow completes.</param>
/// <param name="DeadLetterId">The dead letter it concerns: the alert resolves itself when the dead letter's replay completes.</param>
public sealed record Alert(
    string Severity, string Title, string Text, string Reference, string CorrelationId, DateTimeOffset OccurredAt,
    string Kind = AlertKinds.Notice, string? InstanceId = null, string? DeadLetterId = null);

/// <summary>
/// The one path of every alert: record it in <see cref="AlertStore"/> (one record per kind and reference, so it stays
/// tracked until a person handles it), then post it to the configured webhook in the configured format. Without a
/// webhook the alert is only logged, at error level, so it is never silently dropped; a record that storage does not
/// take is logged and the alert is still sent.
/// </summary>
public sealed partial class AlertPublisher(HttpClient http, IOptionsMonitor<AlertOptions> options, ILogger<AlertPublisher> log, AlertStore? store = null)
{
    public async Task<AlertRecord?> PublishAsync(Alert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        AlertRecord? record = null;
        if (store is not null)
        {
            try
            {
                record = await store.RaiseAsync(alert.Kind, alert, alert.InstanceId, alert.DeadLetterId, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                LogNotRecorded(ex, alert.Kind, LogText.Safe(alert.Reference));
            }
        }

        await SendAsync(alert, record, reminder: false, cancellationToken).ConfigureAwait(false);
        return record;
    }

    /// <summary>Posts an alert (or a reminder of one still open) without recording it again.</summary>
    public async Task SendAsync(Alert alert, AlertRecord? record, bool reminder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        // Reference and text can carry ids a sender chose: never raw control characters in the log.
        LogAlert(alert.Severity, reminder ? "Still open: " + alert.Title : alert.Title, LogText.Safe(alert.Reference), LogText.Safe(alert.CorrelationId), LogText.Safe(alert.Text, int.MaxValue));
        AlertOptions settings = options.CurrentValue;
        string? url = settings.WebhookUrl;
        if (string.IsNullOrWhiteSpace(url))
        {
            return;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(AlertFormats.Payload(settings.Format, alert, record, reminder)) };
        request.Options.Set(ApiCalls.ApiCallLogHandler.CorrelationIdKey, alert.CorrelationId);
        using HttpResponseMessage response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "ALERT [{Severity}] {Title} - {Reference} ({CorrelationId}): {Text}")]
    private partial void LogAlert(string severity, string title, string reference, string correlationId, string text);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {Kind} {Reference} could not be recorded; it is sent without a record")]
    private partial void LogNotRecorded(Exception ex, string kind, string reference);
}
