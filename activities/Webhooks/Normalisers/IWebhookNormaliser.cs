using Integration.Activities.Webhooks.Signatures;
using Integration.Orchestrations.Routing;

namespace Integration.Activities.Webhooks.Normalisers;

/// <summary>Turns one verified request into the product's event envelopes (a request may carry several events).</summary>
public interface IWebhookNormaliser
{
    /// <exception cref="WebhookPayloadException">The body is not what this source sends.</exception>
    IReadOnlyList<EventEnvelope> Normalise(string source, WebhookRequest request, string correlationId, DateTimeOffset receivedAt);
}
