using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Integration.Activities.Http;

/// <summary>
/// Continuation tokens of the paged lists: the storage service's own token, wrapped with the list it belongs to,
/// so a caller sees one opaque URL-safe string and a token from another list (or none of ours) is a 400, not a query.
/// </summary>
public static class PageTokens
{
    public static string Encode(string scope, string raw)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(raw);
        return WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(scope + "\n" + raw));
    }

    /// <exception cref="ArgumentException">The token was not made by <see cref="Encode"/> for this scope.</exception>
    public static string Decode(string scope, string token)
    {
        ArgumentNullException.ThrowIfNull(scope);
        try
        {
            string text = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(token ?? string.Empty));
            if (text.StartsWith(scope + "\n", StringComparison.Ordinal) && text.Length > scope.Length + 1)
            {
                return text[(scope.Length + 1)..];
            }
        }
        catch (FormatException)
        {
            // Not base64url: answered below.
        }

        throw new ArgumentException("The continuation token is not one this list issued; send the one the previous page returned, or none.", nameof(token));
    }
}
