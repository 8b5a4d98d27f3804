namespace Integration.SendEvent;

/// <summary>One event in a HubSpot Webhooks API delivery (HubSpot posts a JSON array of these), with HubSpot's field names.</summary>
/// <param name="EventId">HubSpot's delivery-unique id; receivers dedupe on it.</param>
/// <param name="SubscriptionId">The app's webhook subscription that fired.</param>
/// <param name="PortalId">The HubSpot account (portal) the change happened in.</param>
/// <param name="AppId">The HubSpot app the subscription belongs to.</param>
/// <param name="OccurredAt">When the change happened, Unix epoch milliseconds.</param>
/// <param name="SubscriptionType">E.g. "deal.propertyChange" or "deal.creation".</param>
/// <param name="AttemptNumber">0 on the first delivery, growing on each HubSpot retry.</param>
/// <param name="ObjectId">The CRM object's id, e.g. the deal id.</param>
/// <param name="PropertyName">The changed property, for property-change subscriptions.</param>
/// <param name="PropertyValue">The property's new value.</param>
/// <param name="ChangeSource">What made the change, e.g. "CRM_UI".</param>
/// <param name="ChangeFlag">E.g. "NEW" on creation events; omitted from the JSON when null.</param>
public sealed record HubSpotWebhookEvent(
    long EventId,
    long SubscriptionId,
    long PortalId,
    long AppId,
    long OccurredAt,
    string SubscriptionType,
    int AttemptNumber,
    long ObjectId,
    string? PropertyName,
    string? PropertyValue,
    string ChangeSource,
    string? ChangeFlag = null);
