using System.Globalization;
using Integration.Activities.Configuration;
using Integration.Activities.Connectors.QuickBooks;
using Integration.Orchestrations.DealToInvoice;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace Integration.Activities.DealToInvoice;

/// <summary>
/// Creates the invoice under the workflow's idempotency key (QBO "requestid"): however often this
/// runs for one deal, the ERP holds one invoice. Line amounts are quantity × unit price rounded to
/// cents, half away from zero.
/// </summary>
public sealed class CreateErpInvoiceActivity(QuickBooksClient erp, IOptionsMonitor<QuickBooksOptions> options)
    : TaskActivity<CreateErpInvoiceInput, ErpInvoiceRef>
{
    public override async Task<ErpInvoiceRef> RunAsync(TaskActivityContext context, CreateErpInvoiceInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        string itemId = options.CurrentValue.DefaultItemId;
        var invoice = new QboInvoice(
            null,
            null,
            new QboRef(input.CustomerId),
            input.InvoiceDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            input.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            $"CRM deal {input.DealId}",
            input.Lines.Select(line => new QboLine(
                "SalesItemLineDetail",
                line.NetAmount,
                line.Description,
                new QboSalesItemLineDetail(new QboRef(line.ItemCode ?? itemId), line.Quantity, line.UnitPrice))).ToList(),
            null);
        QboInvoice created = await erp.CreateInvoiceAsync(invoice, input.IdempotencyKey, input.CorrelationId, CancellationToken.None).ConfigureAwait(false);
        return new ErpInvoiceRef(
            created.Id ?? throw new HttpRequestException("The ERP created an invoice without an Id."),
            created.DocNumber,
            created.TotalAmt ?? invoice.Line.Sum(l => l.Amount));
    }
}
