using System.Globalization;
using Integration.Activities.Configuration;
using Integration.Activities.Connectors.Erp;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.DealToInvoice;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace Integration.Activities.DealToInvoice;

/// <summary>
/// Takes an issued invoice back, idempotently under the input's key:
/// <list type="bullet">
/// <item>"void": voids it; an invoice already void (or deleted) counts as done and nothing is written;</item>
/// <item>"credit": reads it and raises a credit note for its customer, lines and currency; a retry gets the same
/// credit note back from the ERP. An invoice already void or deleted has nothing left to credit: that is reported
/// as done by void, with no credit note.</item>
/// </list>
/// No mode means "Erp:ReopenReversal". An invoice the ERP does not have cannot be taken back by retrying:
/// <see cref="PermanentActivityFailureException"/>, as is a paid invoice asked to be voided.
/// </summary>
public sealed class ReverseErpInvoiceActivity(IErpConnector erp, IOptions<ErpOptions> options) : TaskActivity<ReverseErpInvoiceInput, ErpReversal>
{
    /// <summary>The credit note's reference: "Credit for invoice 1037: CRM deal 1001 r1".</summary>
    public static string CreditReference(string invoiceNumber, string dealId, int revision) =>
        string.Create(CultureInfo.InvariantCulture, $"Credit for invoice {invoiceNumber}: {CreateErpInvoiceActivity.Reference(dealId, revision)}");

    public override async Task<ErpReversal> RunAsync(TaskActivityContext context, ReverseErpInvoiceInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        string mode = (input.Mode ?? options.Value.ReopenReversalMode).Trim().ToLowerInvariant();
        if (mode is not (ReverseErpInvoiceInput.Void or ReverseErpInvoiceInput.Credit))
        {
            throw new PermanentActivityFailureException(
                $"Reversal mode '{mode}' for invoice {input.InvoiceId} is neither '{ReverseErpInvoiceInput.Void}' nor '{ReverseErpInvoiceInput.Credit}'.");
        }

        CancellationToken ct = CancellationToken.None;
        ErpInvoice invoice = await erp.GetInvoiceAsync(input.InvoiceId, input.CorrelationId, ct).ConfigureAwait(false)
            ?? throw new PermanentActivityFailureException(
                $"{erp.SystemName} has no invoice {input.InvoiceId} (deal {input.DealId} r{input.Revision}): it cannot be {(mode == ReverseErpInvoiceInput.Void ? "voided" : "credited")}.");

        if (invoice.Status is ErpInvoice.Void or ErpInvoice.Deleted)
        {
            return new ErpReversal(ReverseErpInvoiceInput.Void, invoice.Id, null, invoice.Total);
        }

        if (mode == ReverseErpInvoiceInput.Void)
        {
            if (invoice.Status == ErpInvoice.Paid)
            {
                throw new PermanentActivityFailureException(
                    $"{erp.SystemName} invoice {invoice.Id} (deal {input.DealId} r{input.Revision}) is paid and cannot be voided; credit it instead.");
            }

            ErpInvoice voided = await erp.VoidInvoiceAsync(invoice.Id, input.IdempotencyKey, input.CorrelationId, ct).ConfigureAwait(false);
            return new ErpReversal(ReverseErpInvoiceInput.Void, voided.Id, null, invoice.Total);
        }

        var credit = new ErpInvoiceDraft(
            invoice.CustomerId,
            input.CreditDate,
            input.CreditDate,
            invoice.Currency,
            CreditReference(invoice.Number ?? invoice.Id, input.DealId, input.Revision),
            invoice.Lines);
        ErpCreditNote note = await erp.CreateCreditNoteAsync(credit, input.IdempotencyKey, input.CorrelationId, ct).ConfigureAwait(false);
        return new ErpReversal(ReverseErpInvoiceInput.Credit, invoice.Id, note.Id, note.Total);
    }
}
