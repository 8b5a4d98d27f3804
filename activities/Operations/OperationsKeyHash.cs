using System.Security.Cryptography;
using System.Text;

namespace Integration.Activities.Operations;

/// <summary>How an operations key is stored in configuration: only its hash, so settings never hold a usable key.</summary>
public static class OperationsKeyHash
{
    public const string Prefix = "sha256:";

    public static string Of(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }
}
