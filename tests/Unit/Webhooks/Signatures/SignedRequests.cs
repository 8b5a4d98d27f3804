using System.Text;
using Integration.Activities.Webhooks.Signatures;

namespace Integration.Tests.Unit.Webhooks.Signatures;

/// <summary>Builds WebhookRequest values for the signature tests, with the case-insensitive headers the ingress handler passes.</summary>
internal static class SignedRequests
{
    public static WebhookRequest Post(string url, string body, params (string Name, string Value)[] headers) =>
        Create("POST", url, Encoding.UTF8.GetBytes(body), headers);

    public static WebhookRequest Create(string method, string url, byte[] body, params (string Name, string Value)[] headers)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            map[name] = value;
        }

        return new WebhookRequest(method, new Uri(url, UriKind.Absolute), map, body);
    }

    public static WebhookRequest WithoutHeader(this WebhookRequest request, string name)
    {
        var map = new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase);
        map.Remove(name);
        return request with { Headers = map };
    }

    public static WebhookRequest WithHeader(this WebhookRequest request, string name, string value)
    {
        var map = new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase) { [name] = value };
        return request with { Headers = map };
    }

    /// <summary>The same request with one body byte changed.</summary>
    public static WebhookRequest WithBodyByteFlipped(this WebhookRequest request, int index)
    {
        var body = (byte[])request.Body.Clone();
        body[index] ^= 0x01;
        return request with { Body = body };
    }
}
