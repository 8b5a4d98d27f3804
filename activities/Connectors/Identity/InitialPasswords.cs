using System.Security.Cryptography;

namespace Integration.Activities.Connectors.Identity;

/// <summary>
/// First passwords for systems that require one at creation (Graph, Google): random from the OS CSPRNG, never
/// stored, logged or returned. Every account is created to change it at first sign-in; IT hands access over by its
/// own reset or temporary-pass process.
/// </summary>
internal static class InitialPasswords
{
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Digits = "23456789";
    private const string Symbols = "!#$%*+-=?@^_";
    private const int Length = 24;

    /// <summary>24 characters with at least one of each class, which satisfies Entra's and Google's complexity rules.</summary>
    public static string New()
    {
        char[] chars = new char[Length];
        chars[0] = RandomNumberGenerator.GetItems<char>(Upper, 1)[0];
        chars[1] = RandomNumberGenerator.GetItems<char>(Lower, 1)[0];
        chars[2] = RandomNumberGenerator.GetItems<char>(Digits, 1)[0];
        chars[3] = RandomNumberGenerator.GetItems<char>(Symbols, 1)[0];
        RandomNumberGenerator.GetItems<char>(Upper + Lower + Digits + Symbols, Length - 4).CopyTo(chars, 4);
        RandomNumberGenerator.Shuffle<char>(chars);
        return new string(chars);
    }
}
