using System.Text;
using System.Text.RegularExpressions;

namespace Integration.Sandbox.Identity;

/// <summary>
/// The one SCIM filter the connectors send: <c>userName eq "value"</c>. Attribute and operator ignore case, as
/// RFC 7644 says; anything else is refused rather than half-understood.
/// </summary>
internal static partial class ScimFilter
{
    /// <summary>True with the user name when <paramref name="filter"/> is a userName equality.</summary>
    public static bool TryParseUserName(string filter, out string userName)
    {
        var match = UserNameEquals().Match(filter);
        userName = match.Success ? Unescape(match.Groups["value"].Value) : string.Empty;
        return match.Success;
    }

    private static string Unescape(string quoted)
    {
        var text = new StringBuilder(quoted.Length);
        for (var i = 0; i < quoted.Length; i++)
        {
            if (quoted[i] == '\\' && i + 1 < quoted.Length)
            {
                i++;
            }

            text.Append(quoted[i]);
        }

        return text.ToString();
    }

    [GeneratedRegex("""^\s*userName\s+eq\s+"(?<value>(?:[^"\\]|\\.)*)"\s*$""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UserNameEquals();
}
