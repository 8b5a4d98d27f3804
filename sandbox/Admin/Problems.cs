namespace Integration.Sandbox.Admin;

/// RFC 7807 problem+json answers for the admin API.
internal static class Problems
{
    public static IResult BadRequest(string title, string detail, IReadOnlyList<string>? errors = null) =>
        Results.Problem(
            title: title,
            detail: detail,
            statusCode: StatusCodes.Status400BadRequest,
            extensions: errors is null ? null : new Dictionary<string, object?> { ["errors"] = errors });

    public static IResult NotFound(string title, string detail) =>
        Results.Problem(title: title, detail: detail, statusCode: StatusCodes.Status404NotFound);
}
