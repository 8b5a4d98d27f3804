namespace Integration.Sandbox.BambooHr;

/// BambooHR's error answers: the status code with the reason in the X-BambooHR-Error-Message header and an empty body.
internal static class BambooHrErrors
{
    public const string MessageHeader = "X-BambooHR-Error-Message";

    public static IResult Result(HttpContext context, int statusCode, string message)
    {
        context.Response.Headers[MessageHeader] = message;
        return Results.StatusCode(statusCode);
    }
}
