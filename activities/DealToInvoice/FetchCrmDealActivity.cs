using Integration.Activities.Connectors.HubSpot;
using Integration.Orchestrations.DealToInvoice;
using Microsoft.DurableTask;

namespace Integration.Activities.DealToInvoice;

/// <summary>Reads the deal, its line items and its company from the CRM.</summary>
public sealed class FetchCrmDealActivity(HubSpotCrmClient crm) : TaskActivity<FetchCrmDealInput, CrmDeal>
{
    public override Task<CrmDeal> RunAsync(TaskActivityContext context, FetchCrmDealInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return crm.GetDealAsync(input.DealId, input.CorrelationId, CancellationToken.None);
    }
}
