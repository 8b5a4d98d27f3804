using System.Globalization;
using System.Security.Cryptography;
using System.Text;

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
    private const string HashedPrefix = "^~";

    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        int first = FirstToEscape(value);
        if (first < 0 && value.Length <= MaxLength)
        {
            return value;
        }

        string encoded = first < 0 ? value : Encode(value, first);
        return encoded.Length <= MaxLength ? encoded : Hashed(encoded);
    }

    private static string Encode(string value, int first)
    {
        var b = new StringBuilder(value.Length + 16);
        b.Append(value, 0, first);
        for (int i = first; i < value.Length; i++)
        {
            char c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                b.Append(c).Append(value[++i]);
            }
            else if (MustEscape(c))
            {
                b.Append(EscapeChar).Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                b.Append(c);
            }
        }

        return b.ToString();
    }

    /// <summary>The encoding is free of unpaired surrogates, so its UTF-8 bytes (and their hash) are faithful.</summary>
    private static string Hashed(string encoded)
    {
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(encoded)));
        string key = HashedPrefix + hash + "-" + encoded;
        return key[..MaxLength];
    }

    private static int FirstToEscape(string value)
    {
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (MustEscape(c))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A surrogate reaching here is unpaired (pairs are skipped by the callers).</summary>
    private static bool MustEscape(char c) =>
        c is EscapeChar or '/' or '\\' or '#' or '?' || c <= '\u001F' || c is >= '\u007F' and <= '\u009F' || char.IsSurrogate(c);
}
