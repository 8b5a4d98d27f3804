using System.Security.Cryptography;
using System.Text;

namespace Integration.Activities.Connectors.Erp;

/// <summary>Fits a workflow's idempotency key into an ERP's limit (QBO requestid 50, Xero Idempotency-Key 128).</summary>
public static class IdempotencyKeys
{
    /// <summary>
    /// The key itself when it fits; otherwise a stable stand-in of exactly <paramref name="maxLength"/> characters:
    /// the key's start and a SHA-256 of the whole key, so distinct keys stay distinct and a retry sends the same value.
    /// </summary>
    public static string Fit(string key, int maxLength)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 40);
        if (key.Length <= maxLength)
        {
            return key;
        }

        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];
        return key[..(maxLength - hash.Length - 1)] + "-" + hash;
    }
}
