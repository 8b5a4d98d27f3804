using System.Globalization;
using Integration.Activities.CrossReferences;
using Integration.Orchestrations.Orders;
using Microsoft.DurableTask;

namespace Integration.Activities.Orders;

/// <summary>
/// The CRM calls the order note needs: find the contact by email, add a note to its timeline. An interface here because
/// the HubSpot client gains these methods in the connectors work (FindContactByEmailAsync, CreateNoteAsync); an adapter
/// over it is registered there.
/// </summary>
public interface IOrderCrmTimeline
{
    /// <returns>The contact id, or null when no contact has this email.</returns>
    Task<string?> FindContactByEmailAsync(string email, string correlationId, CancellationToken cancellationToken);

    /// <returns>The note id.</returns>
    Task<string> CreateNoteAsync(string contactId, string body, DateTimeOffset timestamp, string correlationId, CancellationToken cancellationToken);
}

/// <summary>Which CRM note records which order, so the note is written once; an interface so the activity is tested without storage.</summary>
public interface IOrderCrmNoteLinks
{
    Task<string?> FindNoteAsync(string orderKey, CancellationToken cancellationToken);

    Task LinkAsync(string orderKey, string noteId, string contactId, CancellationToken cancellationToken);
}

/// <summary>The links in table CrossReferences, mapping "shop-order:crm-note" (order key → HubSpot note id).</summary>
public sealed class CrossReferenceOrderCrmNoteLinks(CrossReferenceStore store) : IOrderCrmNoteLinks
{
    public const string Mapping = "shop-order:crm-note";

    /// <summary>One CRM (HubSpot) per deployment, so the tenant part of the scope is fixed.</summary>
    private static readonly CrossReferenceScope Scope = new(Mapping, "hubspot", "default");

    public async Task<string?> FindNoteAsync(string orderKey, CancellationToken cancellationToken) =>
        (await store.FindAsync(Scope, orderKey, cancellationToken).ConfigureAwait(false))?.TargetId;

    public Task LinkAsync(string orderKey, string noteId, string contactId, CancellationToken cancellationToken) =>
        store.LinkAsync(Scope, orderKey, noteId, "order-note", $"contact {contactId}", null, cancellationToken);
}

/// <summary>
/// Adds a placed order to the customer's CRM timeline once: a note already linked to the order is not written again;
/// no email or no contact with it writes nothing and says so. A crash between the note and its link can write a second
/// note on the retry (HubSpot notes take no idempotency key); the link is written at once to keep that window small.
/// </summary>
public sealed class AddOrderCrmNoteActivity(IOrderCrmTimeline crm, IOrderCrmNoteLinks links) : TaskActivity<AddOrderCrmNoteInput, OrderCrmNoteResult>
{
    public override async Task<OrderCrmNoteResult> RunAsync(TaskActivityContext context, AddOrderCrmNoteInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ShopOrder order = input.Order;
        string key = order.Key;
        if (await links.FindNoteAsync(key, CancellationToken.None).ConfigureAwait(false) is { } noted)
        {
            return new OrderCrmNoteResult(key, OrderCrmNoteResult.AlreadyNoted, null, noted, $"order {key} is already on the CRM timeline as note {noted}");
        }

        if (string.IsNullOrWhiteSpace(order.Email))
        {
            return new OrderCrmNoteResult(key, OrderCrmNoteResult.NoEmail, null, null, $"order {key} has no customer email: no CRM contact to note it on");
        }

        string? contact = await crm.FindContactByEmailAsync(order.Email, input.CorrelationId, CancellationToken.None).ConfigureAwait(false);
        if (contact is null)
        {
            return new OrderCrmNoteResult(key, OrderCrmNoteResult.NoContact, null, null, $"no CRM contact has the email of order {key}: nothing noted");
        }

        string noteId = await crm.CreateNoteAsync(contact, NoteBody(order), order.CreatedAt, input.CorrelationId, CancellationToken.None).ConfigureAwait(false);
        await links.LinkAsync(key, noteId, contact, CancellationToken.None).ConfigureAwait(false);
        return new OrderCrmNoteResult(key, OrderCrmNoteResult.Noted, contact, noteId, $"order {key} noted on contact {contact} as note {noteId}");
    }

    /// <summary>"Order #1001 placed in store-a: 2 × T-shirt (TEE-BLK-M); total 40.00 USD".</summary>
    public static string NoteBody(ShopOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        string lines = string.Join(", ", order.Lines.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Quantity} × {l.Title}{(l.Sku is null ? string.Empty : $" ({l.Sku})")}")));
        decimal total = order.Lines.Sum(l => l.Quantity * l.Price);
        return string.Create(CultureInfo.InvariantCulture, $"Order {order.Name} placed in {order.Shop}: {lines}; total {total:0.00} {order.Currency}");
    }
}
