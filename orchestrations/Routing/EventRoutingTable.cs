using Integration.Orchestrations.DealToInvoice;

namespace Integration.Orchestrations.Routing;

/// <summary>
/// The routing table: event type to workflow action. Pure and deterministic, so it is unit-tested
/// without a host and both hosts' dispatchers share it.
/// </summary>
public static class EventRoutingTable
{
    public static EventRoute Route(EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (string.IsNullOrWhiteSpace(envelope.Subject))
        {
            return new EventRoute.Ignore($"event {envelope.Id} of type {envelope.Type} has no subject");
        }

        return envelope.Type switch
        {
            EventTypes.CrmDealClosed => new EventRoute.StartOrchestration(
                nameof(DealToInvoiceOrchestrator),
                DealToInvoiceOrchestrator.InstanceIdFor(envelope.Subject),
                new DealToInvoiceInput(envelope.Subject, envelope.CorrelationId, envelope.Id)),
            _ => new EventRoute.Ignore($"no workflow handles {envelope.Type}"),
        };
    }
}
