namespace Integration.Orchestrations.DealToInvoice;

/// <summary>
/// Tells a running deal workflow that the CRM deal changed (stage or amount). The payload is only a
/// nudge: the workflow re-reads the deal, so a missed or out-of-order change cannot leave it wrong.
/// </summary>
public sealed record DealChanged(string EventId, string CorrelationId, string EventType)
{
    public const string EventName = "deal-changed";
}
