using System.Globalization;

namespace Integration.Sandbox.Faults;

/// Counts vendor requests and injects latency, 429s, 500s, timeouts, 403s and lost responses; admin routes pass untouched.
internal sealed class FaultInjectionMiddleware(
    RequestDelegate next,
    FaultRegistry faults,
    RequestCounters counters,
    TimeProvider time,
    IHostApplicationLifetime lifetime)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!SandboxSystems.TryFromPath(context.Request.Path, out var system))
        {
            await next(context);
            return;
        }

        counters.CountRequest(system);
        var decision = faults.Draw(system, IsWrite(context.Request.Method));
        if (decision.Kind != FaultKind.None)
        {
            counters.CountFault(system);
        }

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(
            context.RequestAborted, lifetime.ApplicationStopping);
        try
        {
            if (decision.Settings.LatencyMs > 0)
            {
                await Task.Delay(decision.Settings.LatencyMs, cancel.Token);
            }

            switch (decision.Kind)
            {
                case FaultKind.RateLimited when system == SandboxSystem.Shopify:
                    // Shopify throttles GraphQL with HTTP 200 and a THROTTLED error whose cost says how long to wait.
                    await Infrastructure.JsonResponse.WriteAsync(
                        context, Shopify.ShopifyGraphQlCost.Throttled(decision.Settings.RetryAfterSeconds), StatusCodes.Status200OK);
                    return;
                case FaultKind.RateLimited:
                    context.Response.Headers.RetryAfter =
                        decision.Settings.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                    FaultResponses.AddRateLimitHeaders(system, context.Response.Headers);
                    await Infrastructure.JsonResponse.WriteAsync(
                        context, FaultResponses.RateLimited(system), StatusCodes.Status429TooManyRequests);
                    return;
                case FaultKind.ServerError:
                    await WriteServerErrorAsync(context, system);
                    return;
                case FaultKind.Timeout:
                    await Task.Delay(decision.Settings.TimeoutMs, cancel.Token);
                    await Infrastructure.JsonResponse.WriteAsync(
                        context, FaultResponses.Timeout(system, time.GetUtcNow()), StatusCodes.Status504GatewayTimeout);
                    return;
                case FaultKind.Forbidden:
                    await Infrastructure.JsonResponse.WriteAsync(
                        context, FaultResponses.Forbidden(system), StatusCodes.Status403Forbidden);
                    return;
                case FaultKind.ServerErrorAfterProcessing:
                    await RunThenLoseResponseAsync(context, system);
                    return;
                default:
                    await next(context);
                    return;
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // The client gave up or the sandbox is stopping while we were delaying on purpose.
            if (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            }
        }
    }

    private static bool IsWrite(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPatch(method) || HttpMethods.IsPut(method);

    private Task WriteServerErrorAsync(HttpContext context, SandboxSystem system) =>
        Infrastructure.JsonResponse.WriteAsync(
            context, FaultResponses.ServerError(system, time.GetUtcNow()), StatusCodes.Status500InternalServerError);

    // The request is fully processed (state changes stick), but the client only sees a 500.
    private async Task RunThenLoseResponseAsync(HttpContext context, SandboxSystem system)
    {
        var original = context.Response.Body;
        await using var discarded = new MemoryStream();
        context.Response.Body = discarded;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        context.Response.Clear();
        await WriteServerErrorAsync(context, system);
    }
}
