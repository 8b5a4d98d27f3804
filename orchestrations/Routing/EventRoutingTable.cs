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
            EventTypes.CrmDealClosed => DealChange(envelope, startIfAbsent: true),

            // Only a deal that already has a workflow can have an invoice to take back or correct.
            EventTypes.CrmDealStageChanged or EventTypes.CrmDealAmountChanged => DealChange(envelope, startIfAbsent: false),
            _ => new EventRoute.Ignore($"no workflow handles {envelope.Type}"),
        };
    }

    /// <summary>Every deal change goes to the deal's one workflow, which re-reads the deal and reconciles.</summary>
    private static EventRoute.Reconcile DealChange(EventEnvelope envelope, bool startIfAbsent) => new(
        nameof(DealToInvoiceOrchestrator),
        DealToInvoiceOrchestrator.InstanceIdFor(envelope.Subject),
        new DealToInvoiceInput(envelope.Subject, envelope.CorrelationId, envelope.Id),
        DealChanged.EventName,
        new DealChanged(envelope.Id, envelope.CorrelationId, envelope.Type),
        startIfAbsent);
}
