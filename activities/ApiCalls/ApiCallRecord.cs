namespace Integration.Activities.ApiCalls;

/// <summary>One outbound request/response pair, already redacted.</summary>
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
    DateTimeOffset StartedAt);
