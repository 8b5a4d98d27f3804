using System.Text;

namespace Integration.Activities.Webhooks.Signatures;

/// <summary>HubSpot v3's partial URI decoding: only twelve reserved-character escapes are decoded before signing.</summary>
internal static class HubSpotUriDecoder
{
    /// <summary>Decodes %3A %2F %3F %40 %21 %24 %27 %28 %29 %2A %2C %3B (either hex case) and leaves every other escape as it is.</summary>
    public static string Decode(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var first = uri.IndexOf('%');
        if (first < 0)
        {
            return uri;
        }

        var result = new StringBuilder(uri.Length);
        result.Append(uri, 0, first);
        for (var i = first; i < uri.Length; i++)
        {
            if (uri[i] == '%' && i + 2 < uri.Length && TryDecode(uri[i + 1], uri[i + 2], out var decoded))
            {
                result.Append(decoded);
                i += 2;
            }
            else
            {
                result.Append(uri[i]);
            }
        }

        return result.ToString();
    }

    // One pass, so "%253A" stays "%253A": %25 is not in the list, and the "3A" after it is plain text.
    private static bool TryDecode(char high, char low, out char decoded)
    {
        decoded = (char.ToUpperInvariant(high), char.ToUpperInvariant(low)) switch
        {
            ('3', 'A') => ':',
            ('2', 'F') => '/',
            ('3', 'F') => '?',
            ('4', '0') => '@',
            ('2', '1') => '!',
            ('2', '4') => '$',
            ('2', '7') => '\'',
            ('2', '8') => '(',
            ('2', '9') => ')',
            ('2', 'A') => '*',
            ('2', 'C') => ',',
            ('3', 'B') => ';',
            _ => '\0',
        };
        return decoded != '\0';
    }
}
