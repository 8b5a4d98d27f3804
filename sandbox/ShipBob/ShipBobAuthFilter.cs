using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.ShipBob;

/// <summary>
/// Answers 404 for an API version the sandbox does not serve, rejects ShipBob calls without the configured bearer token (401) and writes without a numeric
/// shipbob_channel_id header (400), as ShipBob requires the channel on every write.
/// </summary>
internal sealed class ShipBobAuthFilter(SandboxOptions options) : IEndpointFilter
{
    public const string ChannelHeader = "shipbob_channel_id";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        if (context.HttpContext.GetRouteValue("version") is not string version || !ShipBobEndpoints.Versions.Contains(version))
        {
            return ValueTask.FromResult<object?>(JsonResponse.Of(
                ShipBobErrors.Problem(404, "Not Found", $"API version '{context.HttpContext.GetRouteValue("version")}' is not served; use one of {string.Join(", ", ShipBobEndpoints.Versions)}."),
                StatusCodes.Status404NotFound));
        }

        var token = BearerToken.From(request);
        if (!string.Equals(token, options.ShipBob.AccessToken, StringComparison.Ordinal))
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return ValueTask.FromResult<object?>(JsonResponse.Of(
                ShipBobErrors.Problem(401, "Unauthorized", token is null ? "A Bearer token is required." : "The token is not valid."),
                StatusCodes.Status401Unauthorized));
        }

        if (!HttpMethods.IsGet(request.Method) && ChannelId(request) is null)
        {
            return ValueTask.FromResult<object?>(JsonResponse.Of(
                ShipBobErrors.Field(ChannelHeader, "The shipbob_channel_id header is required on writes and must be a channel id (a positive number)."),
                StatusCodes.Status400BadRequest));
        }

        return next(context);
    }

    public static long? ChannelId(HttpRequest request) =>
        long.TryParse(request.Headers[ChannelHeader].ToString(), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;
}
