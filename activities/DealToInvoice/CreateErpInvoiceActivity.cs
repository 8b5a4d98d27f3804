using System.Globalization;
using Integration.Activities.Connectors.Erp;
using Integration.Orchestrations.DealToInvoice;
using Microsoft.DurableTask;

namespace Integration.Activities.DealToInvoice;

/// <summary>
/// Creates the invoice in whichever ERP is configured, under the workflow's idempotency key (QBO requestid, Xero
/// Idempotency-Key): however often this runs for one revision, the ERP holds one invoice. The total returned is the
/// ERP's, before tax, which is what the workflow later compares with a re-priced deal.
/// </summary>
public sealed class CreateErpInvoiceActivity(IErpConnector erp) : TaskActivity<CreateErpInvoiceInput, ErpInvoiceRef>
{
    /// <summary>What ties the ERP document to the deal and revision: "CRM deal 1001 r2".</summary>
    public static string Reference(string dealId, int revision) =>
        string.Create(CultureInfo.InvariantCulture, $"CRM deal {dealId} r{revision}");

    public override async Task<ErpInvoiceRef> RunAsync(TaskActivityContext context, CreateErpInvoiceInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var draft = new ErpInvoiceDraft(
            input.CustomerId,
            input.InvoiceDate,
            input.DueDate,
            input.Currency,
            Reference(input.DealId, input.Revision),
            input.Lines);
        ErpInvoice created = await erp.CreateInvoiceAsync(draft, input.IdempotencyKey, input.CorrelationId, CancellationToken.None).ConfigureAwait(false);
        return new ErpInvoiceRef(created.Id, created.Number, created.Total);
    }
}
