using Integration.Activities.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace Integration.Functions.Http;

/// <summary>
/// The worker's error boundary for HTTP functions: an exception from a function or its bindings is answered
/// through the shared <see cref="FrameworkErrors"/> (500 problem+json with the correlation id, logged) instead of
/// the Functions host's bare 500. Other triggers get the exception back, so queue retries and poison handling see it.
/// </summary>
public sealed class ProblemResponseWorkerMiddleware(ILogger<ProblemResponseWorkerMiddleware> log) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception ex) when (context.GetHttpContext() is { } http)
        {
            if (ex is OperationCanceledException && http.RequestAborted.IsCancellationRequested)
            {
                // The caller went away: there is nobody to answer.
                return;
            }

            if (http.Response.HasStarted)
            {
                FrameworkErrors.LogAfterResponseStarted(http.Request, ex, log);
                throw;
            }

            http.Response.Clear();
            await FrameworkErrors.ForException(http.Request, ex, log).ExecuteAsync(http).ConfigureAwait(false);
        }
    }
}
