using System.Security.Cryptography;

namespace Integration.Activities.Webhooks.Signatures;

/// <summary>Constant-time comparison of decoded signature bytes, so timing does not leak how much of a guess was right.</summary>
internal static class FixedTime
{
    /// <summary>True when both spans have the same length and content; the content comparison takes the same time wherever they differ.</summary>
    public static bool Equal(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> provided) =>
        expected.Length == provided.Length && CryptographicOperations.FixedTimeEquals(expected, provided);
}
