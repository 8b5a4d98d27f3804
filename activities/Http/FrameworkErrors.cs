using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Integration.Activities.Http;

/// <summary>
/// The answers to errors the framework raises rather than a handler: a request the server could not read
/// (the framework's own 400, 408, 413, ...), and an exception no handler caught (500, with the correlation id
/// and no details, logged with both). Both hosts answer them through here, so the types are the same in each.
/// </summary>
public static partial class FrameworkErrors
{
    /// <summary>The stable problem kind and title for a status the framework answers by itself.</summary>
    public static (string Kind, string Title) KindOf(int status) => status switch
    {
        StatusCodes.Status400BadRequest => ("request-malformed", "Malformed request"),
        StatusCodes.Status404NotFound => ("route-not-found", "No such route"),
        StatusCodes.Status405MethodNotAllowed => ("method-not-allowed", "Method not allowed"),
        StatusCodes.Status408RequestTimeout => ("request-timeout", "Request timed out"),
        StatusCodes.Status411LengthRequired => ("length-required", "Length required"),
        StatusCodes.Status413PayloadTooLarge => ("payload-too-large", "Payload too large"),
        StatusCodes.Status414UriTooLong => ("uri-too-long", "Request line too long"),
        StatusCodes.Status431RequestHeaderFieldsTooLarge => ("request-headers-too-large", "Request headers too large"),
        StatusCodes.Status500InternalServerError => ("internal-error", "Unexpected error"),
        >= 500 => ("server-error", "Server error"),
        _ => ("request-rejected", "Request rejected"),
    };

    /// <summary>The problem document for a status the framework answered by itself.</summary>
    public static ProblemDetails ForStatus(int status, string detail, string correlationId)
    {
        (string kind, string title) = KindOf(status);
        return Problems.Document(status, kind, title, detail, correlationId);
    }

    /// <summary>
    /// The answer to an exception that reached the host: the framework's own request error keeps its status
    /// (a body that could not be read, a route value that does not bind); anything else is a 500 that says
    /// nothing about the cause. Both are logged with the correlation id.
    /// </summary>
    public static IResult ForException(HttpRequest request, Exception exception, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(log);
        string correlationId = CorrelationIds.FromRequest(request);
        string path = request.Path.ToUriComponent();
        if (exception is BadHttpRequestException rejected)
        {
            // The framework words these for the caller (e.g. "Bad chunk size data.", "Request body too large.").
            LogRequestRejected(log, rejected.StatusCode, request.Method, path, rejected.Message, correlationId);
            return Results.Problem(ForStatus(rejected.StatusCode, rejected.Message, correlationId));
        }

        LogUnhandled(log, exception, request.Method, path, correlationId);
        return Results.Problem(ForStatus(
            StatusCodes.Status500InternalServerError,
            $"The request failed unexpectedly and nothing was answered for it. The error is logged under correlation id {correlationId}; quote it to support.",
            correlationId));
    }

    /// <summary>Logs an exception that came after the response had started, when no problem can be answered any more.</summary>
    public static void LogAfterResponseStarted(HttpRequest request, Exception exception, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(log);
        LogUnanswerable(log, exception, request.Method, request.Path.ToUriComponent(), CorrelationIds.FromRequest(request));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception answering {Method} {Path} after its response had started; the connection was cut ({CorrelationId})")]
    private static partial void LogUnanswerable(ILogger log, Exception exception, string method, string path, string correlationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception answering {Method} {Path}; answered 500 ({CorrelationId})")]
    private static partial void LogUnhandled(ILogger log, Exception exception, string method, string path, string correlationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected {Method} {Path} with {Status}: {Reason} ({CorrelationId})")]
    private static partial void LogRequestRejected(ILogger log, int status, string method, string path, string reason, string correlationId);
}
