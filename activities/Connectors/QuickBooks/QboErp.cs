using System.Globalization;
using Integration.Activities.Connectors.Erp;
using Integration.Orchestrations.DealToInvoice;

namespace Integration.Activities.Connectors.QuickBooks;

/// <summary>QBO records in the ERP-neutral shapes of <see cref="IErpConnector"/>.</summary>
internal static class QboErp
{
    /// <summary>QBO's mark on a voided transaction: there is no status field, the PrivateNote starts with it and the amounts are zero.</summary>
    public const string VoidedNote = "Voided";

    public static ErpCustomer Customer(QboCustomer c) =>
        new(c.Id ?? throw new HttpRequestException("QuickBooks returned a customer without an Id."), c.DisplayName, c.PrimaryEmailAddr?.Address, c.Active ?? true);

    public static bool IsVoid(QboInvoice i) =>
        i.TotalAmt is 0 && i.PrivateNote?.StartsWith(VoidedNote, StringComparison.Ordinal) == true;

    /// <summary>Part or all of it is paid: the balance is below the total.</summary>
    public static bool HasPayment(QboInvoice i) => i.TotalAmt is > 0 && i.Balance is { } balance && balance < i.TotalAmt;

    /// <summary>Total is the sum of the sales lines, before tax, so it compares with the draft's total whatever tax QBO adds.</summary>
    public static ErpInvoice Invoice(QboInvoice i)
    {
        List<InvoiceLine> lines = [.. i.Line.Select(QboLines.FromQbo).OfType<InvoiceLine>()];
        string status = IsVoid(i) ? ErpInvoice.Void : i.Balance is 0 && i.TotalAmt is > 0 ? ErpInvoice.Paid : ErpInvoice.Open;
        return new ErpInvoice(
            i.Id ?? throw new HttpRequestException("QuickBooks returned an invoice without an Id."),
            i.DocNumber,
            i.CustomerRef.Value,
            lines.Sum(l => l.NetAmount),
            status,
            DateOnly.TryParseExact(i.TxnDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date) ? date : null,
            i.CurrencyRef?.Value ?? string.Empty,
            lines);
    }

    /// <summary>The request body for an invoice, or a credit memo (which has no due date), mirroring the draft.</summary>
    public static QboInvoice Document(ErpInvoiceDraft draft, string defaultItemId, bool withDueDate) => new(
        null,
        null,
        new QboRef(draft.CustomerId),
        draft.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        withDueDate ? draft.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
        draft.Reference,
        [.. draft.Lines.Select(l => QboLines.ToQbo(l, defaultItemId))],
        null,
        string.IsNullOrWhiteSpace(draft.Currency) ? null : new QboRef(draft.Currency));
}
