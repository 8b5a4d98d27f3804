using System.Security.Cryptography;
using System.Text;
using Integration.Activities.Configuration;
using Integration.Activities.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Integration.Activities.Operations;

/// <summary>
/// Who may call the operations API: a key in X-Api-Key (compared by hash, in constant time) names a caller and
/// a role; behind App Service authentication (and only when the settings say so) the signed-in Entra ID user's
/// X-MS-CLIENT-PRINCIPAL does too. An unknown caller is 401, a known one without the role needed 403, and in
/// read-only mode every action 403.
/// </summary>
public sealed class OperationsAccess(IOptionsMonitor<OperationsOptions> options)
{
    public const string HeaderName = "X-Api-Key";

    /// <summary>Null when the caller may do what <paramref name="needed"/> allows (and <paramref name="caller"/> says who); otherwise the 401 or 403 to answer.</summary>
    public IResult? Refuse(HttpRequest request, OperationsRole needed, string correlationId, out OperationsCaller caller)
    {
        ArgumentNullException.ThrowIfNull(request);
        OperationsOptions settings = options.CurrentValue;
        caller = OperationsCaller.Unknown;
        OperationsCaller? known = Identify(request, settings);
        if (known is null && settings.TrustAppServiceAuthentication && request.Headers[AppServicePrincipal.HeaderName].ToString() is { Length: > 0 } header)
        {
            if (AppServicePrincipal.Read(header) is not { } principal)
            {
                return Problems.Create(StatusCodes.Status401Unauthorized, "operations-principal-invalid", "Sign-in not readable",
                    $"The {AppServicePrincipal.HeaderName} header is not a principal App Service authentication would send (base64 JSON with claims and a name).", correlationId);
            }

            if (principal.Role is not { } role)
            {
                caller = new OperationsCaller(principal.Name, OperationsRole.Reader);
                return Problems.Create(StatusCodes.Status403Forbidden, "operations-role-missing", "No operations role",
                    $"'{principal.Name}' is signed in but has neither app role {AppServicePrincipal.ReaderAppRole} nor {AppServicePrincipal.OperatorAppRole}; ask an administrator to assign one.", correlationId);
            }

            known = new OperationsCaller(principal.Name, role);
        }

        if (known is null)
        {
            return Problems.Create(StatusCodes.Status401Unauthorized, "operations-key-invalid", "Operations key required",
                $"Send an operations key in the {HeaderName} header (settings {OperationsOptions.Section}:Keys).", correlationId);
        }

        caller = known;
        if (needed == OperationsRole.Operator && caller.Role != OperationsRole.Operator)
        {
            return Problems.Create(StatusCodes.Status403Forbidden, "operations-role-insufficient", "Operator role required",
                $"This request changes something, so it needs the operator role; '{caller.Name}' is a {caller.RoleName}.", correlationId);
        }

        if (needed == OperationsRole.Operator && settings.ReadOnly)
        {
            return Problems.Create(StatusCodes.Status403Forbidden, "operations-read-only", "Read-only deployment",
                $"This deployment is read-only ({OperationsOptions.Section}:ReadOnly): it can be looked at but not changed.", correlationId);
        }

        return null;
    }

    /// <summary>Null when the request carries no key the settings know.</summary>
    private static OperationsCaller? Identify(HttpRequest request, OperationsOptions settings)
    {
        string? offered = request.Headers[HeaderName];
        if (string.IsNullOrEmpty(offered))
        {
            return null;
        }

        byte[] offeredHash = Encoding.ASCII.GetBytes(OperationsKeyHash.Of(offered));
        OperationsCaller? found = null;

        // Every configured key is compared, matched or not, so the time taken says nothing about which one matched.
        foreach (OperationsKeySetting key in settings.Keys)
        {
            if (key.Hash is { } hash && ParseRole(key.Role) is { } role &&
                CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hash.Trim().ToLowerInvariant()), offeredHash))
            {
                found ??= new OperationsCaller(string.IsNullOrWhiteSpace(key.Name) ? $"key {hash.Trim()[..Math.Min(hash.Trim().Length, 19)]}" : key.Name.Trim(), role);
            }
        }

        if (!string.IsNullOrEmpty(settings.ApiKey) &&
            CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(OperationsKeyHash.Of(settings.ApiKey)), offeredHash))
        {
            found ??= new OperationsCaller($"{OperationsOptions.Section}:ApiKey", OperationsRole.Operator);
        }

        return found;
    }

    /// <summary>The role a key setting names ("reader" or "operator", any case), or null.</summary>
    internal static OperationsRole? ParseRole(string? role) => role?.Trim().ToLowerInvariant() switch
    {
        "reader" => OperationsRole.Reader,
        "operator" => OperationsRole.Operator,
        _ => null,
    };
}
