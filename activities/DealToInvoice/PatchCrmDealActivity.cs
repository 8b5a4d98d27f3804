using Integration.Activities.Connectors.HubSpot;
using Integration.Orchestrations.DealToInvoice;
using Microsoft.DurableTask;

namespace Integration.Activities.DealToInvoice;

/// <summary>Writes properties back to the CRM deal; repeating it with the same values changes nothing.</summary>
public sealed class PatchCrmDealActivity(HubSpotCrmClient crm) : TaskActivity<PatchCrmDealInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, PatchCrmDealInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await crm.PatchDealAsync(input.DealId, input.Properties, input.CorrelationId, CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
