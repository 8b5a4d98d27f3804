using Integration.Activities.Connectors.HubSpot;

namespace Integration.Activities.Orders;

/// <summary>The CRM timeline the order note goes on, over the HubSpot client (contacts/search by email, notes associated to the contact).</summary>
public sealed class HubSpotOrderCrmTimeline(HubSpotCrmClient crm) : IOrderCrmTimeline
{
    public async Task<string?> FindContactByEmailAsync(string email, string correlationId, CancellationToken cancellationToken) =>
        (await crm.FindContactByEmailAsync(email, correlationId, cancellationToken).ConfigureAwait(false))?.Id;

    public Task<string> CreateNoteAsync(string contactId, string body, DateTimeOffset timestamp, string correlationId, CancellationToken cancellationToken) =>
        crm.CreateNoteAsync(contactId, body, timestamp, correlationId, cancellationToken);
}
