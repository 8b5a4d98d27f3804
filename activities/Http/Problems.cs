using Microsoft.AspNetCore.Http;

namespace Integration.Activities.Http;

/// <summary>
/// RFC 7807 problem+json responses with a stable type per kind of error and the correlation id,
/// so callers can tell errors apart by type and support staff can find the request.
/// </summary>
public static class Problems
{
    public const string TypePrefix = "urn:integration:problem:";

    public static IResult Create(int status, string kind, string title, string detail, string correlationId) =>
        Results.Problem(
            detail: detail,
            statusCode: status,
            title: title,
            type: TypePrefix + kind,
            extensions: new Dictionary<string, object?> { ["correlationId"] = correlationId });
}
