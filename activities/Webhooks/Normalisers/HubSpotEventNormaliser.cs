using System.Text.Json;
using Integration.Activities.Webhooks.Signatures;
using Integration.Orchestrations.Routing;

namespace Integration.Activities.Webhooks.Normalisers;

/// <summary>
/// HubSpot Webhooks API deliveries: a JSON array of events, each with eventId, subscriptionType,
/// objectId and occurredAt (epoch ms). A deal moving to "closedwon" is the fact "crm.deal.closed.v1".
/// </summary>
public sealed class HubSpotEventNormaliser : IWebhookNormaliser
{
    public const string ClosedWonStage = "closedwon";

    /// <summary>HubSpot sends at most 100 events per request; more is not HubSpot.</summary>
    public const int MaxEventsPerRequest = 100;

    public IReadOnlyList<EventEnvelope> Normalise(string source, WebhookRequest request, string correlationId, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(request);
        using JsonDocument doc = JsonFields.Parse(request.Body);
        if (doc.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new WebhookPayloadException("A HubSpot delivery is a JSON array of events.");
        }

        int count = doc.RootElement.GetArrayLength();
        if (count == 0 || count > MaxEventsPerRequest)
        {
            throw new WebhookPayloadException($"A HubSpot delivery carries 1 to {MaxEventsPerRequest} events; this one has {count}.");
        }

        var envelopes = new List<EventEnvelope>(count);
        int index = 0;
        foreach (JsonElement e in doc.RootElement.EnumerateArray())
        {
            string where = $"Event [{index++}]";
            if (e.ValueKind != JsonValueKind.Object)
            {
                throw new WebhookPayloadException($"{where} is not a JSON object.");
            }

            string eventId = JsonFields.RequiredDeliveryId(e, "eventId", where);
            string subscriptionType = JsonFields.RequiredScalar(e, "subscriptionType", where);
            string objectId = JsonFields.RequiredSubject(e, "objectId", where);
            long occurredAtMs = JsonFields.RequiredInt64(e, "occurredAt", where);
            DateTimeOffset occurredAt;
            try
            {
                occurredAt = DateTimeOffset.FromUnixTimeMilliseconds(occurredAtMs);
            }
            catch (ArgumentOutOfRangeException ex)
            {
                throw new WebhookPayloadException($"{where} has an out-of-range 'occurredAt': {occurredAtMs}.", ex);
            }

            envelopes.Add(new EventEnvelope(
                $"{source}-{eventId}",
                source,
                EventTypeOf(subscriptionType, JsonFields.OptionalString(e, "propertyName"), JsonFields.OptionalString(e, "propertyValue")),
                occurredAt,
                receivedAt,
                correlationId,
                objectId,
                e.Clone()));
        }

        return envelopes;
    }

    /// <summary>Maps "deal.propertyChange" + dealstage=closedwon to "crm.deal.closed.v1", and so on.</summary>
    public static string EventTypeOf(string subscriptionType, string? propertyName, string? propertyValue)
    {
        ArgumentNullException.ThrowIfNull(subscriptionType);
        if (subscriptionType == "deal.propertyChange" && propertyName == "dealstage")
        {
            return propertyValue == ClosedWonStage ? EventTypes.CrmDealClosed : EventTypes.CrmDealStageChanged;
        }

        if (subscriptionType == "deal.propertyChange")
        {
            return propertyName == "amount" ? EventTypes.CrmDealAmountChanged : EventTypes.CrmDealPropertyChanged;
        }

        // Other subscriptions keep HubSpot's object and action: "contact.creation" -> "crm.contact.creation.v1".
        string safe = new(subscriptionType.ToLowerInvariant().Where(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_').ToArray());
        return $"crm.{safe}.v1";
    }
}
