using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Integration.Activities.Webhooks.Signatures;
using Integration.Orchestrations.Routing;

namespace Integration.Activities.Webhooks.Normalisers;

/// <summary>
/// Our own systems' events, delivered as Standard Webhooks: one JSON object
/// {"type","timestamp","subject"?, "data"} per request; the webhook-id header is the delivery id.
/// The subject is the top-level "subject", or else data.id.
/// </summary>
public sealed partial class StandardWebhooksEventNormaliser : IWebhookNormaliser
{
    public IReadOnlyList<EventEnvelope> Normalise(string source, WebhookRequest request, string correlationId, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(request);
        using JsonDocument doc = JsonFields.Parse(request.Body);
        JsonElement root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new WebhookPayloadException("The body must be a JSON object with 'type', 'timestamp' and 'data'.");
        }

        const string where = "The event";
        string type = JsonFields.RequiredScalar(root, "type", where);
        if (!EventTypePattern().IsMatch(type))
        {
            throw new WebhookPayloadException($"'type' must look like 'area.entity.fact.v1' (lower case, versioned); got '{type}'.");
        }

        string timestamp = JsonFields.RequiredScalar(root, "timestamp", where);
        if (!DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset occurredAt))
        {
            throw new WebhookPayloadException($"'timestamp' is not an ISO-8601 date and time: '{timestamp}'.");
        }

        if (!root.TryGetProperty("data", out JsonElement data) || data.ValueKind != JsonValueKind.Object)
        {
            throw new WebhookPayloadException("'data' must be a JSON object.");
        }

        string? subject = JsonFields.OptionalString(root, "subject");
        string subjectField = "'subject'";
        if (string.IsNullOrWhiteSpace(subject) && data.TryGetProperty("id", out _))
        {
            subject = JsonFields.RequiredScalar(data, "id", "'data'");
            subjectField = "'data.id'";
        }

        if (string.IsNullOrWhiteSpace(subject))
        {
            throw new WebhookPayloadException("The event needs a 'subject' (or 'data.id') naming what it is about.");
        }

        JsonFields.CheckSubject(subject, $"The event's {subjectField}");
        string deliveryId = request.Headers.TryGetValue("webhook-id", out string? id) && !string.IsNullOrWhiteSpace(id)
            ? JsonFields.CheckDeliveryId(id, "The 'webhook-id' header")
            : throw new WebhookPayloadException("The 'webhook-id' header is missing.");

        return [new EventEnvelope($"{source}-{deliveryId}", source, type, occurredAt, receivedAt, correlationId, subject, data.Clone())];
    }

    [GeneratedRegex(@"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+\.v[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EventTypePattern();
}
