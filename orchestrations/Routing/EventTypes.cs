namespace Integration.Orchestrations.Routing;

/// <summary>The event type names the product understands; one place so normalisers and routes agree.</summary>
public static class EventTypes
{
    public const string CrmDealClosed = "crm.deal.closed.v1";
    public const string CrmDealStageChanged = "crm.deal.stage_changed.v1";
    public const string CrmDealAmountChanged = "crm.deal.amount_changed.v1";
    public const string CrmDealPropertyChanged = "crm.deal.property_changed.v1";
}
