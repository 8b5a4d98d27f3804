using Integration.Activities.Configuration;
using Integration.Activities.Webhooks.Signatures;
using Integration.Orchestrations.Routing;

namespace Integration.Activities.Webhooks.Normalisers;

/// <summary>Turns one verified request into the product's event envelopes (a request may carry several events).</summary>
public interface IWebhookNormaliser
{
    /// <exception cref="WebhookPayloadException">The body is not what this source sends.</exception>
    IReadOnlyList<EventEnvelope> Normalise(string source, WebhookRequest request, string correlationId, DateTimeOffset receivedAt);

    /// <summary>What the ingress calls: a normaliser that needs the source's settings (ShipStation's API origin) overrides it.</summary>
    /// <exception cref="WebhookPayloadException">The body is not what this source sends.</exception>
    IReadOnlyList<EventEnvelope> Normalise(string source, WebhookSourceOptions options, WebhookRequest request, string correlationId, DateTimeOffset receivedAt) =>
        Normalise(source, request, correlationId, receivedAt);
}
