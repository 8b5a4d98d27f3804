using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Integration.Activities.Http;

/// <summary>
/// RFC 7807 problem+json responses with a stable type per kind of error and the correlation id,
/// so callers can tell errors apart by type and support staff can find the request.
/// </summary>
public static class Problems
{
    public const string TypePrefix = "urn:integration:problem:";

    public const string ContentType = "application/problem+json";

    public static IResult Create(int status, string kind, string title, string detail, string correlationId) =>
        Results.Problem(Document(status, kind, title, detail, correlationId));

    /// <summary>The problem document itself, for writers that cannot return an <see cref="IResult"/> (the standalone host's answer to requests its server rejects).</summary>
    public static ProblemDetails Document(int status, string kind, string title, string detail, string correlationId) => new()
    {
        Type = TypePrefix + kind,
        Title = title,
        Status = status,
        Detail = detail,
        Extensions = { ["correlationId"] = correlationId },
    };

    /// <summary>The 404 for a workflow instance id nobody knows; the operations and review routes both answer it.</summary>
    public static IResult InstanceNotFound(string instanceId, string correlationId) =>
        Create(StatusCodes.Status404NotFound, "instance-not-found", "No such workflow instance",
            $"No workflow instance has the id '{instanceId}'.", correlationId);

    /// <summary>How long a sender is asked to wait before retrying while storage is unavailable.</summary>
    public static readonly TimeSpan StorageRetryAfter = TimeSpan.FromSeconds(10);

    /// <summary>The 503 every route answers while storage (or the engine on it) does not answer: senders retry, nothing is half-accepted.</summary>
    public static IResult StorageUnavailable(string correlationId) =>
        new RetryAfterResult(
            Create(StatusCodes.Status503ServiceUnavailable, "storage-unavailable", "Storage unavailable",
                "Storage did not answer in time. Retry after the seconds in Retry-After; repeating the request is safe (an event already queued is recognised as a repeat).", correlationId),
            StorageRetryAfter);
}

/// <summary>Adds a Retry-After header (whole seconds) to another result, for 503 and 429 answers.</summary>
public sealed class RetryAfterResult(IResult inner, TimeSpan retryAfter) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.Headers.RetryAfter = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return inner.ExecuteAsync(httpContext);
    }
}
