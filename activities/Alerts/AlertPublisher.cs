using System.Net.Http.Json;
using Integration.Activities.Configuration;
using Integration.Orchestrations.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integration.Activities.Alerts;

/// <summary>An alert as posted to the alert webhook.</summary>
public sealed record Alert(string Severity, string Title, string Text, string Reference, string CorrelationId, DateTimeOffset OccurredAt);

/// <summary>
/// Posts alerts to the configured webhook (chat, paging, ticketing). Without one configured the
/// alert is only logged, at error level, so it is never silently dropped.
/// </summary>
public sealed partial class AlertPublisher(HttpClient http, IOptionsMonitor<AlertOptions> options, ILogger<AlertPublisher> log)
{
    public async Task PublishAsync(Alert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        // Reference and text can carry ids a sender chose: never raw control characters in the log.
        LogAlert(alert.Severity, alert.Title, LogText.Safe(alert.Reference), LogText.Safe(alert.CorrelationId), LogText.Safe(alert.Text, int.MaxValue));
        string? url = options.CurrentValue.WebhookUrl;
        if (string.IsNullOrWhiteSpace(url))
        {
            return;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(alert) };
        request.Options.Set(ApiCalls.ApiCallLogHandler.CorrelationIdKey, alert.CorrelationId);
        using HttpResponseMessage response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "ALERT [{Severity}] {Title} - {Reference} ({CorrelationId}): {Text}")]
    private partial void LogAlert(string severity, string title, string reference, string correlationId, string text);
}
