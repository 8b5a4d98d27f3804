using Integration.Activities.Invoicing;
using Integration.Orchestrations.DealToInvoice;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace Integration.Activities.DealToInvoice;

/// <summary>
/// Maps the deal's lines through the data dictionary loaded at start-up and prices them; unmapped
/// products come back for manual review, and the draft names the dictionary version used.
/// </summary>
public sealed class BuildInvoiceDraftActivity(DataDictionary dictionary, IOptions<PricingOptions> pricing)
    : TaskActivity<BuildInvoiceDraftInput, InvoiceDraft>
{
    public override Task<InvoiceDraft> RunAsync(TaskActivityContext context, BuildInvoiceDraftInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Task.FromResult(InvoiceDraftBuilder.Build(input, dictionary, pricing.Value));
    }
}
