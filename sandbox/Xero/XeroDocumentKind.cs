namespace Integration.Sandbox.Xero;

/// How invoices and credit notes differ on the wire; everything else about creating them is shared.
internal sealed record XeroDocumentKind(
    XeroEntity Entity,
    string Plural,
    string IdField,
    string NumberField,
    string BalanceField,
    IReadOnlyList<string> Types)
{
    public static readonly XeroDocumentKind Invoice =
        new(XeroEntity.Invoice, "Invoices", "InvoiceID", "InvoiceNumber", "AmountDue", ["ACCREC", "ACCPAY"]);

    public static readonly XeroDocumentKind CreditNote =
        new(XeroEntity.CreditNote, "CreditNotes", "CreditNoteID", "CreditNoteNumber", "RemainingCredit", ["ACCRECCREDIT", "ACCPAYCREDIT"]);
}
