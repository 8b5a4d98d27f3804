using Integration.Orchestrations.Routing;

namespace Integration.Orchestrations.Orders;

/// <summary>Starts one order's fulfilment; the order comes from the webhook that started it.</summary>
public sealed record OrderFulfilmentInput(ShopOrder Order, string CorrelationId, string TriggerEventId) : IReconcileInput;

/// <summary>The fulfilment workflow's final word: what became of the order, where it shipped from, and why.</summary>
/// <param name="Outcome">One of the constants below.</param>
/// <param name="Fulfilments">The Shopify fulfilment ids created, one per shipment.</param>
public sealed record OrderFulfilmentResult(
    string OrderKey,
    string Outcome,
    string? Warehouse,
    string? WarehouseOrderId,
    IReadOnlyList<string> Fulfilments,
    string? Detail)
{
    /// <summary>Every line shipped and fulfilled in the store with its tracking.</summary>
    public const string Fulfilled = "fulfilled";

    /// <summary>Cancelled before anything shipped: the warehouse order was cancelled and the stock released.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>Cancelled after (part of) it shipped: an alert asks a person to arrange the return.</summary>
    public const string CancelledAfterShipping = "cancelled-after-shipping";

    /// <summary>A person answered "cancel" to a review: nothing more is sent; the stock is released.</summary>
    public const string CancelledByReview = "cancelled-by-review";

    /// <summary>A step failed for good (after the retry policy): a dead letter names it, and support staff retry the workflow.</summary>
    public const string DeadLettered = "dead-lettered";
}

/// <summary>Starts the reservation (or release) of one order's stock, the stock subscriber of order events.</summary>
public sealed record StockReservationInput(ShopOrder Order, string CorrelationId, string TriggerEventId) : IReconcileInput;

/// <summary>What the stock subscriber did: reserved where, backordered, released, or nothing (and why).</summary>
public sealed record StockReservationResult(string OrderKey, string Outcome, string? Warehouse, string? Detail);

/// <summary>Starts the CRM timeline note for a placed order.</summary>
public sealed record OrderCrmNoteInput(ShopOrder Order, string CorrelationId, string TriggerEventId) : IReconcileInput;

/// <summary>What the CRM note workflow did: the note id, or why there is none (no contact with that email).</summary>
public sealed record OrderCrmNoteResult(string OrderKey, string Outcome, string? ContactId, string? NoteId, string? Detail)
{
    public const string Noted = "noted";
    public const string AlreadyNoted = "already-noted";
    public const string NoContact = "no-contact";
    public const string NoEmail = "no-email";
}

/// <summary>Starts the read-back of a ShipStation SHIP_NOTIFY pointer: fetch the shipments it names and queue each as a fact.</summary>
public sealed record ShipStationShipmentsInput(string ResourceUrl, string CorrelationId, string TriggerEventId) : IReconcileInput;

/// <summary>The shipments found behind the pointer and the events queued for them.</summary>
public sealed record ShipStationShipmentsResult(int Shipments, int Queued, int Voided, IReadOnlyList<string> EventIds);
