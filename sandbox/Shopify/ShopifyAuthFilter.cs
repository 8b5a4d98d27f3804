using System.Text.Json.Nodes;
using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.Shopify;

/// <summary>
/// Answers as Shopify does for a shop it does not host (404) and for a missing or wrong X-Shopify-Access-Token (401,
/// "[API] Invalid API key or access token").
/// </summary>
internal sealed class ShopifyAuthFilter(SandboxOptions options, ShopifyStore store) : IEndpointFilter
{
    public const string TokenHeader = "X-Shopify-Access-Token";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        if (store.Find(request.RouteValues["shop"] as string) is null)
        {
            return ValueTask.FromResult<object?>(JsonResponse.Of(new JsonObject { ["errors"] = "Not Found" }, StatusCodes.Status404NotFound));
        }

        if (!string.Equals(request.Headers[TokenHeader].ToString(), options.Shopify.AccessToken, StringComparison.Ordinal))
        {
            return ValueTask.FromResult<object?>(JsonResponse.Of(
                new JsonObject { ["errors"] = "[API] Invalid API key or access token (unrecognized login or wrong password)" },
                StatusCodes.Status401Unauthorized));
        }

        return next(context);
    }
}
