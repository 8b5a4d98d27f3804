using System.Text;

namespace Integration.Sandbox.BambooHr;

/// Rejects BambooHR calls whose Basic auth user name is not the configured API key (the password is ignored, as BambooHR does).
internal sealed class BambooHrAuthFilter(SandboxOptions options) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var user = BasicUser(context.HttpContext.Request);
        if (!string.Equals(user, options.BambooHrApiKey, StringComparison.Ordinal))
        {
            return ValueTask.FromResult<object?>(BambooHrErrors.Result(
                context.HttpContext, StatusCodes.Status401Unauthorized, user is null ? "Missing API key." : "Invalid API key."));
        }

        return next(context);
    }

    /// <summary>The user name of an "Authorization: Basic base64(user:password)" header, or null.</summary>
    private static string? BasicUser(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Basic ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        Span<byte> buffer = stackalloc byte[512];
        var encoded = header[scheme.Length..].Trim();
        if (!Convert.TryFromBase64String(encoded, buffer, out var length))
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(buffer[..length]);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var user = colon < 0 ? text : text[..colon];
        return user.Length == 0 ? null : user;
    }
}
