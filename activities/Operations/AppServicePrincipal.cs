using System.Text;
using System.Text.Json;

namespace Integration.Activities.Operations;

/// <summary>
/// Reads the X-MS-CLIENT-PRINCIPAL header App Service authentication (Easy Auth) sets for a signed-in caller:
/// base64 JSON <c>{auth_typ, claims:[{typ, val}], name_typ, role_typ}</c>. The caller's name is the name claim;
/// the role comes from the Entra ID app roles <see cref="ReaderAppRole"/> and <see cref="OperatorAppRole"/>.
/// Only <see cref="OperationsAccess"/> calls it, and only when the settings say App Service authentication is in front.
/// </summary>
public static class AppServicePrincipal
{
    public const string HeaderName = "X-MS-CLIENT-PRINCIPAL";

    /// <summary>The app role (value) that grants the reader role; assign it in the app registration.</summary>
    public const string ReaderAppRole = "Operations.Reader";

    /// <summary>The app role (value) that grants the operator role.</summary>
    public const string OperatorAppRole = "Operations.Operator";

    /// <summary>The claim type Entra ID puts app roles in when role_typ names another one.</summary>
    private const string RolesClaim = "roles";

    private static readonly string[] FallbackNameClaims =
        ["name", "preferred_username", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"];

    /// <summary>A readable principal: the caller's name and the operations role its app roles grant (null: none).</summary>
    public sealed record Principal(string Name, OperationsRole? Role);

    /// <summary>The principal in the header value, or null when it is not base64 JSON of the documented shape.</summary>
    public static Principal? Read(string headerValue)
    {
        ArgumentNullException.ThrowIfNull(headerValue);
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(headerValue.Trim());
        }
        catch (FormatException)
        {
            return null;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(bytes);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object ||
                !root.TryGetProperty("claims", out JsonElement claims) || claims.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            string? nameType = StringProperty(root, "name_typ");
            string? roleType = StringProperty(root, "role_typ");
            var pairs = new List<(string Type, string Value)>();
            foreach (JsonElement claim in claims.EnumerateArray())
            {
                if (claim.ValueKind != JsonValueKind.Object || StringProperty(claim, "typ") is not { } type || StringProperty(claim, "val") is not { } value)
                {
                    return null;
                }

                pairs.Add((type, value));
            }

            string? name = (nameType is null ? null : Find(pairs, nameType)) ?? FallbackNameClaims.Select(t => Find(pairs, t)).FirstOrDefault(v => v is not null);
            if (string.IsNullOrWhiteSpace(name))
            {
                return null;
            }

            var roles = pairs.Where(p => p.Type == RolesClaim || (roleType is not null && p.Type == roleType)).Select(p => p.Value.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
            OperationsRole? role = roles.Contains(OperatorAppRole) ? OperationsRole.Operator
                : roles.Contains(ReaderAppRole) ? OperationsRole.Reader
                : null;
            return new Principal(name.Trim(), role);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>The header value App Service would send for these claims; for tests and tools.</summary>
    public static string Encode(string name, params string[] appRoles)
    {
        var principal = new
        {
            auth_typ = "aad",
            name_typ = "name",
            role_typ = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
            claims = new[] { new { typ = "name", val = name } }.Concat(appRoles.Select(r => new { typ = RolesClaim, val = r })).ToArray(),
        };
        return Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(principal));
    }

    private static string? Find(List<(string Type, string Value)> claims, string type) =>
        claims.FirstOrDefault(c => string.Equals(c.Type, type, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(c.Value)).Value;

    private static string? StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
