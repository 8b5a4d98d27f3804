using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Integration.Sandbox.ShipBob;

/// <summary>Signs a ShipBob webhook as ShipBob does: Standard Webhooks v1 (HMAC-SHA256 over "{id}.{timestamp}.{body}") plus x-webhook-topic.</summary>
internal static class ShipBobWebhookSigner
{
    public static Dictionary<string, string> Headers(byte[] key, string topic, byte[] body, DateTimeOffset now)
    {
        // Ids and timestamps never contain '.', which the signed content uses as its separator.
        var id = "msg_" + Guid.NewGuid().ToString("N");
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["webhook-id"] = id,
            ["webhook-timestamp"] = timestamp,
            ["webhook-signature"] = "v1," + Sign(key, id, timestamp, body),
            ["x-webhook-topic"] = topic,
        };
    }

    public static string Sign(byte[] key, string id, string timestamp, byte[] body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp}.");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content, prefix.Length);
        return Convert.ToBase64String(HMACSHA256.HashData(key, content));
    }
}
