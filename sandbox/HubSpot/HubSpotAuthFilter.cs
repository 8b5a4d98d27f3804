using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.HubSpot;

/// Rejects HubSpot calls without the configured private-app bearer token, as HubSpot does (401).
internal sealed class HubSpotAuthFilter(SandboxOptions options) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var token = BearerToken.From(context.HttpContext.Request);
        if (token is null)
        {
            return ValueTask.FromResult<object?>(JsonResponse.Of(
                HubSpotErrors.InvalidAuthentication("Authentication credentials not found."),
                StatusCodes.Status401Unauthorized));
        }

        if (!string.Equals(token, options.HubSpotAccessToken, StringComparison.Ordinal))
        {
            return ValueTask.FromResult<object?>(JsonResponse.Of(
                HubSpotErrors.InvalidAuthentication("Authentication credentials are invalid."),
                StatusCodes.Status401Unauthorized));
        }

        return next(context);
    }
}
