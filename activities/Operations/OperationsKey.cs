using System.Security.Cryptography;
using System.Text;
using Integration.Activities.Configuration;
using Integration.Activities.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Integration.Activities.Operations;

/// <summary>The key every operations and review request must carry in X-Api-Key; compared in constant time.</summary>
public sealed class OperationsKey(IOptionsMonitor<OperationsOptions> options)
{
    public const string HeaderName = "X-Api-Key";

    /// <summary>Null when the request carries the key; otherwise the 401 problem to answer with.</summary>
    public IResult? Refuse(HttpRequest request, string correlationId)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? expected = options.CurrentValue.ApiKey;
        string? offered = request.Headers[HeaderName];
        bool ok = !string.IsNullOrEmpty(expected) && !string.IsNullOrEmpty(offered) &&
            CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(offered)));
        return ok
            ? null
            : Problems.Create(StatusCodes.Status401Unauthorized, "operations-key-invalid", "Operations key required",
                $"Send the operations key in the {HeaderName} header (setting {OperationsOptions.Section}:ApiKey).", correlationId);
    }
}
