using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.Identity;

/// Rejects calls that do not carry the sandbox's identity token the way this system expects it, with the vendor's 401.
internal sealed class IdentityAuthFilter(IdentityVendor vendor) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var options = http.RequestServices.GetRequiredService<SandboxOptions>();
        if (string.Equals(vendor.Credential.TokenFrom(http.Request), options.IdentityToken, StringComparison.Ordinal))
        {
            return next(context);
        }

        if (vendor.Credential == IdentityCredential.Bearer)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
        }

        return ValueTask.FromResult<object?>(JsonResponse.Of(vendor.Unauthorized(), StatusCodes.Status401Unauthorized));
    }
}
