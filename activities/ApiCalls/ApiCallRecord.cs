namespace Integration.Activities.ApiCalls;

/// <summary>One outbound request/response pair, already redacted.</summary>
/// <param name="TraceId">The W3C trace id the call was made in (the webhook's trace, when it came from one); null before tracing or outside any trace.</param>
public sealed record ApiCallRecord(
    string CorrelationId,
    string System,
    string Method,
    string Url,
    int? Status,
    double DurationMs,
    string? RequestBody,
    string? ResponseBody,
    string? Error,
    DateTimeOffset StartedAt,
    string? TraceId = null);
