using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.Xero;

/// Checks what Xero checks on every call: the bearer token (401) and the xero-tenant-id header (403); stamps the limit headers.
internal sealed class XeroAuthFilter(SandboxOptions options) : IEndpointFilter
{
    public const string TenantHeader = "xero-tenant-id";
    public const string RateLimitProblemHeader = "X-Rate-Limit-Problem";

    /// <summary>Fixed remaining-call counts: the sandbox never throttles on its own, only by fault injection.</summary>
    public const string DayLimitRemaining = "4999";
    public const string MinuteLimitRemaining = "59";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var token = BearerToken.From(request);
        if (!string.Equals(token, options.XeroAccessToken, StringComparison.Ordinal))
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return ValueTask.FromResult<object?>(JsonResponse.Of(
                XeroErrors.Unauthorized("AuthenticationUnsuccessful"), StatusCodes.Status401Unauthorized));
        }

        if (!Guid.TryParse(request.Headers[TenantHeader].ToString(), out var tenant) || tenant != options.XeroTenantId)
        {
            return ValueTask.FromResult<object?>(JsonResponse.Of(XeroErrors.Forbidden(), StatusCodes.Status403Forbidden));
        }

        var headers = context.HttpContext.Response.Headers;
        headers["X-DayLimit-Remaining"] = DayLimitRemaining;
        headers["X-MinLimit-Remaining"] = MinuteLimitRemaining;
        return next(context);
    }
}
