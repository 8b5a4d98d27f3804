using Integration.Activities.Connectors.HubSpot;
using Integration.Orchestrations.DealToInvoice;
using Microsoft.DurableTask;

namespace Integration.Activities.DealToInvoice;

/// <summary>
/// Reads the deal, its line items and its company from the CRM; when the workflow asks, also drafts
/// the invoice and plans its date with the same code as <see cref="BuildInvoiceDraftActivity"/> and
/// <see cref="PlanInvoiceDateActivity"/>, which saves the workflow two storage round trips per deal.
/// </summary>
public sealed class FetchCrmDealActivity(HubSpotCrmClient crm, BuildInvoiceDraftActivity drafting, PlanInvoiceDateActivity planning)
    : TaskActivity<FetchCrmDealInput, PreparedDeal>
{
    public override async Task<PreparedDeal> RunAsync(TaskActivityContext context, FetchCrmDealInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CrmDeal deal = await crm.GetDealAsync(input.DealId, input.CorrelationId, CancellationToken.None).ConfigureAwait(false);
        if (input.PrepareAt is not { } now || !deal.IsClosedWon || deal.LineItems.Count == 0)
        {
            return new PreparedDeal(deal, null, null);
        }

        InvoiceDraft draft = await drafting.RunAsync(
            context, new BuildInvoiceDraftInput(deal, new Dictionary<string, string>(), [], input.CorrelationId)).ConfigureAwait(false);
        InvoiceSchedule schedule = await planning.RunAsync(
            context, new PlanInvoiceDateInput(deal.Id, deal.CloseDate ?? now, now, deal.PaymentTerms)).ConfigureAwait(false);
        return new PreparedDeal(deal, draft, schedule);
    }
}
