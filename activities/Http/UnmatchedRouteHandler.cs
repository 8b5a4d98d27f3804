using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Integration.Activities.Http;

/// <summary>
/// Answers a request that no product route takes: 405 with an Allow header when the path is a product route
/// served under another method, else 404. Both hosts bind their catch-all to it.
/// </summary>
public static class UnmatchedRouteHandler
{
    public static IResult Handle(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string correlationId = CorrelationIds.FromRequest(request);
        string target = $"{request.Method} {request.PathBase.ToUriComponent()}{request.Path.ToUriComponent()}";
        IReadOnlyList<string> allowed = ProductRoutes.MethodsFor(request.Path);
        if (allowed.Count == 0)
        {
            return Results.Problem(FrameworkErrors.ForStatus(StatusCodes.Status404NotFound,
                $"No route of this API matches {target}. The routes are listed in the README's HTTP API section.", correlationId));
        }

        string allow = string.Join(", ", allowed);
        return new WithAllowHeader(
            Results.Problem(FrameworkErrors.ForStatus(StatusCodes.Status405MethodNotAllowed,
                $"{target} is not served; this route accepts: {allow}.", correlationId)),
            allow);
    }

    /// <summary>A 405 must say which methods the route takes (RFC 9110, 15.5.6).</summary>
    private sealed class WithAllowHeader(IResult inner, string allow) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            httpContext.Response.Headers[HeaderNames.Allow] = allow;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
