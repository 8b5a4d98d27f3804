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

    /// <summary>The 404 for a workflow instance id nobody knows; the operations and review routes both answer it.</summary>
    public static IResult InstanceNotFound(string instanceId, string correlationId) =>
        Create(StatusCodes.Status404NotFound, "instance-not-found", "No such workflow instance",
            $"No workflow instance has the id '{instanceId}'.", correlationId);
}
