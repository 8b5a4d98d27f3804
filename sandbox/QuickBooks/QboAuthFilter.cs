using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.QuickBooks;

/// Rejects QuickBooks calls without the configured OAuth bearer token, as QuickBooks does (401, code 3200).
internal sealed class QboAuthFilter(SandboxOptions options, TimeProvider time) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var token = BearerToken.From(context.HttpContext.Request);
        if (string.Equals(token, options.QuickBooksAccessToken, StringComparison.Ordinal))
        {
            return next(context);
        }

        context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
        var detail = token is null ? "Authorization header is missing or is not a Bearer token" : "Token invalid";
        return ValueTask.FromResult<object?>(JsonResponse.Of(
            QboErrors.Authentication(detail, time.GetUtcNow()), StatusCodes.Status401Unauthorized));
    }
}
