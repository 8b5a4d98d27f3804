using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Integration.Activities.Http;

/// <summary>
/// The error boundary of an ASP.NET Core pipeline serving the product (the standalone host): an exception no
/// handler caught is answered through <see cref="FrameworkErrors"/>, and an error status the framework set
/// without a body (a route value that does not bind, say) gets the problem+json for that status.
/// </summary>
public sealed class ProblemResponseMiddleware(RequestDelegate next, ILogger<ProblemResponseMiddleware> log)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller went away: there is nobody to answer.
            return;
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            await FrameworkErrors.ForException(context.Request, ex, log).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }
        catch (Exception ex)
        {
            // Too late for a problem document: cut the response short, so the caller sees a failure
            // rather than a response that looks complete.
            FrameworkErrors.LogAfterResponseStarted(context.Request, ex, log);
            context.Abort();
            return;
        }

        HttpResponse response = context.Response;
        if (response.StatusCode >= 400 && !response.HasStarted && response.ContentLength is null or 0 && string.IsNullOrEmpty(response.ContentType))
        {
            await Results.Problem(FrameworkErrors.ForStatus(
                    response.StatusCode,
                    $"The server refused {context.Request.Method} {context.Request.Path.ToUriComponent()} with {response.StatusCode}.",
                    CorrelationIds.FromRequest(context.Request)))
                .ExecuteAsync(context).ConfigureAwait(false);
        }
    }
}
