using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.ShipStation;

/// <summary>Rejects v1 calls whose Basic credentials are not the configured API key and secret (401), and counts the rest in the rate window.</summary>
internal sealed class ShipStationAuthFilter(SandboxOptions options, ShipStationStore store) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!Authorised(http.Request, options.ShipStation))
        {
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"ShipStation\"";
            return JsonResponse.Of(ShipStationErrors.Unauthorized(), StatusCodes.Status401Unauthorized);
        }

        var (remaining, reset) = store.RateWindow.Count();
        ShipStationRateWindow.AddHeaders(http.Response.Headers, remaining, reset.ToString(CultureInfo.InvariantCulture));
        return await next(context);
    }

    private static bool Authorised(HttpRequest request, ShipStationSandboxOptions settings)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Basic ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        byte[] decoded;
        try
        {
            decoded = Convert.FromBase64String(header[scheme.Length..].Trim());
        }
        catch (FormatException)
        {
            return false;
        }

        var expected = Encoding.UTF8.GetBytes($"{settings.ApiKey}:{settings.ApiSecret}");
        return CryptographicOperations.FixedTimeEquals(decoded, expected);
    }
}

/// <summary>Rejects v2 inventory calls without the configured API-Key header, in the v2 error shape.</summary>
internal sealed class ShipStationInventoryAuthFilter(SandboxOptions options) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var key = context.HttpContext.Request.Headers["API-Key"].ToString();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(options.ShipStation.InventoryApiKey)))
        {
            return ValueTask.FromResult<object?>(JsonResponse.Of(ShipStationErrors.V2Unauthorized(), StatusCodes.Status401Unauthorized));
        }

        return next(context);
    }
}
