using Integration.Activities.Connectors.ShipStation;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Integration.Activities.Configuration;
using Integration.Activities.Webhooks.Signatures;
using Integration.Orchestrations.Routing;

namespace Integration.Activities.Webhooks.Normalisers;

/// <summary>
/// ShipStation v1's SHIP_NOTIFY: only a pointer <c>{"resource_url","resource_type"}</c> to shipments a workflow reads back.
/// The resource_url must be on the configured ShipStation API's origin (else 400: the product never fetches from a host the
/// sender chose). The id and subject are the first 32 hex digits of SHA-256(resource_url), so a redelivery is a duplicate.
/// Other resource types become <c>wms.shipstation.{type}.v1</c>, which no one subscribes to.
/// </summary>
public sealed class ShipStationNotifyNormaliser : IWebhookNormaliser
{
    public const string ShipNotify = "SHIP_NOTIFY";

    public IReadOnlyList<EventEnvelope> Normalise(string source, WebhookRequest request, string correlationId, DateTimeOffset receivedAt) =>
        throw new InvalidOperationException("The ShipStation normaliser needs the source's settings (its API origin).");

    public IReadOnlyList<EventEnvelope> Normalise(string source, WebhookSourceOptions options, WebhookRequest request, string correlationId, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(request);
        using JsonDocument doc = JsonFields.Parse(request.Body);
        JsonElement root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new WebhookPayloadException("A ShipStation webhook body is a JSON object with 'resource_url' and 'resource_type'.");
        }

        const string where = "The ShipStation webhook";
        string resourceUrl = JsonFields.RequiredScalar(root, "resource_url", where);
        string resourceType = JsonFields.RequiredScalar(root, "resource_type", where);
        if (!PointsAt(resourceUrl, options.ResourceBaseUrl))
        {
            throw new WebhookPayloadException("resource_url does not point at ShipStation.");
        }

        string hash = NotifyKey(resourceUrl);
        string type = resourceType == ShipNotify ? EventTypes.WmsShipmentsNotified : OtherType(resourceType);
        return [new EventEnvelope($"{source}-{hash}", source, type, receivedAt, receivedAt, correlationId, hash, root.Clone())];
    }

    /// <summary>The first 32 hex digits of SHA-256 over the URL as sent: the pointer's id and subject.</summary>
    public static string NotifyKey(string resourceUrl) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(resourceUrl ?? throw new ArgumentNullException(nameof(resourceUrl)))).AsSpan(0, 16));

    /// <summary>Whether <paramref name="url"/> is ShipStation's (<see cref="ShipStationUrls.PointsAt"/>).</summary>
    public static bool PointsAt(string url, string? baseUrl) => ShipStationUrls.PointsAt(url, baseUrl);

    private static string OtherType(string resourceType)
    {
        string name = new([.. resourceType.ToLowerInvariant().Where(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_')]);
        return name.Length is > 0 and <= 64 && char.IsAsciiLetterLower(name[0])
            ? $"wms.shipstation.{name}.v1"
            : throw new WebhookPayloadException("'resource_type' is not a ShipStation resource type such as 'SHIP_NOTIFY'.");
    }
}
