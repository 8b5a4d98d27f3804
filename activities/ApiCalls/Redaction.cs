using System.Text.Json;
using System.Text.Json.Nodes;

namespace Integration.Activities.ApiCalls;

/// <summary>
/// Removes secrets and personal data before anything is logged: credential-like query parameters,
/// and JSON properties whose names say they hold credentials or personal data.
/// </summary>
public static class Redaction
{
    public const string Mask = "***";
    public const int MaxBodyChars = 8_000;

    private static readonly string[] SensitiveNameParts =
    [
        "token", "secret", "password", "apikey", "api_key", "authorization", "signature", "credential",
        "email", "phone", "address", "firstname", "lastname", "birth", "ssn", "taxid", "iban",
        "givenname", "familyname", "username", "userprincipalname", "mailnickname", "login",
        // Whole objects of a person's name and address (ShipBob recipient, ShipStation shipTo/billTo) and a CRM
        // search's filters (their values are the email searched for).
        "recipient", "shipto", "billto", "filtergroups",
    ];

    public static bool IsSensitiveName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string n = name.Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        return SensitiveNameParts.Any(part => n.Contains(part, StringComparison.Ordinal)) || n is "key" or "sig";
    }

    public static string RedactUrl(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (string.IsNullOrEmpty(url.Query))
        {
            return url.ToString();
        }

        IEnumerable<string> pairs = url.Query.TrimStart('?').Split('&').Select(pair =>
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            string name = eq < 0 ? pair : pair[..eq];
            return eq >= 0 && IsSensitiveName(Uri.UnescapeDataString(name)) ? $"{name}={Mask}" : pair;
        });
        return url.GetLeftPart(UriPartial.Path) + "?" + string.Join('&', pairs);
    }

    /// <summary>Masks sensitive JSON properties; a body that is not JSON is kept only as its length.</summary>
    public static string? RedactBody(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return body;
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return $"[{body.Length} characters, not JSON, not logged]";
        }

        MaskNode(node);
        string text = node?.ToJsonString() ?? "null";
        return text.Length > MaxBodyChars ? text[..MaxBodyChars] + "…[truncated]" : text;
    }

    private static void MaskNode(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (string name in obj.Select(p => p.Key).ToList())
                {
                    if (IsSensitiveName(name))
                    {
                        obj[name] = Mask;
                    }
                    else
                    {
                        MaskNode(obj[name]);
                    }
                }

                break;
            case JsonArray array:
                foreach (JsonNode? item in array)
                {
                    MaskNode(item);
                }

                break;
        }
    }
}
