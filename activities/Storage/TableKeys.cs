using System.Security.Cryptography;
using System.Text;
using Integration.Orchestrations.Common;

namespace Integration.Activities.Storage;

/// <summary>
/// Table keys from arbitrary ids, injectively, so two different ids never share a row: '^' (the escape
/// character itself) and every character Table Storage refuses in a key ('/', '\', '#', '?', U+0000-U+001F,
/// U+007F-U+009F), and any unpaired surrogate, become '^' and four hex digits ("msg/X" is "msg^002FX",
/// "msg_X" stays "msg_X"). Ids without those characters keep their own text. An encoding longer than a key
/// may be (512 characters) becomes "^~", the SHA-256 of the encoding and its start: no plain encoding begins
/// with "^~", and a store that must show such an id keeps it in a column.
/// </summary>
public static class TableKeys
{
    /// <summary>Table Storage keys hold 1 KiB of UTF-16; Azurite refuses more than 512 characters.</summary>
    public const int MaxLength = 512;

    private const char EscapeChar = '^';
    private const string EscapePrefix = "^";
    private const string HashedPrefix = "^~";

    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        int first = TextScan.IndexOf(value, MustEscape);
        if (first < 0 && value.Length <= MaxLength)
        {
            return value;
        }

        string encoded = first < 0
            ? value
            : TextScan.AppendEscaped(new StringBuilder(value.Length + 16).Append(value, 0, first), value, first, value.Length, MustEscape, EscapePrefix).ToString();
        return encoded.Length <= MaxLength ? encoded : Hashed(encoded);
    }

    /// <summary>The encoding is free of unpaired surrogates, so its UTF-8 bytes (and their hash) are faithful.</summary>
    private static string Hashed(string encoded)
    {
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(encoded)));
        string key = HashedPrefix + hash + "-" + encoded;
        return key[..MaxLength];
    }

    /// <summary>A surrogate reaching here is unpaired (TextScan skips pairs).</summary>
    private static bool MustEscape(char c) =>
        c is EscapeChar or '/' or '\\' or '#' or '?' || c <= '\u001F' || c is >= '\u007F' and <= '\u009F' || char.IsSurrogate(c);
}
