using System.Diagnostics;

namespace Integration.Activities.ApiCalls;

/// <summary>
/// Innermost handler of every connector: logs each attempt as a redacted request/response pair under
/// the correlation id the caller put in the request options; and tells <see cref="Alerts.ConnectorHealth"/> how each attempt ended.
/// </summary>
public sealed class ApiCallLogHandler(ApiCallLog log, TimeProvider time, string system, Alerts.ConnectorHealth? health = null) : DelegatingHandler
{
    public static readonly HttpRequestOptionsKey<string> CorrelationIdKey = new("Integration.CorrelationId");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string correlationId = request.Options.TryGetValue(CorrelationIdKey, out string? id) ? id : "none";
        string? requestBody = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        DateTimeOffset started = time.GetUtcNow();

        // The activity's span (its trace began at the webhook); the HTTP client's own span starts below this handler.
        string? traceId = Activity.Current is { } current ? current.TraceId.ToHexString() : null;
        long t0 = Stopwatch.GetTimestamp();
        try
        {
            HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            string responseBody = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            log.Record(new ApiCallRecord(correlationId, system, request.Method.Method, Redaction.RedactUrl(request.RequestUri!),
                (int)response.StatusCode, Stopwatch.GetElapsedTime(t0).TotalMilliseconds,
                Redaction.RedactBody(requestBody), Redaction.RedactBody(responseBody), null, started, traceId));
            _ = health?.Record(system, (int)response.StatusCode, correlationId);
            return response;
        }
        catch (Exception ex)
        {
            log.Record(new ApiCallRecord(correlationId, system, request.Method.Method, Redaction.RedactUrl(request.RequestUri!),
                null, Stopwatch.GetElapsedTime(t0).TotalMilliseconds, Redaction.RedactBody(requestBody), null,
                $"{ex.GetType().Name}: {ex.Message}", started, traceId));
            if (!cancellationToken.IsCancellationRequested)
            {
                _ = health?.Record(system, null, correlationId);
            }

            throw;
        }
    }
}
