namespace Integration.Orchestrations.DealToInvoice;

/// <summary>Asks the business calendar when the invoice may be created and when it falls due.</summary>
/// <param name="ClosedAt">When the deal closed (the CRM's close date, or when the workflow saw it).</param>
/// <param name="Now">Orchestration time, passed in so the answer does not depend on when the activity runs.</param>
public sealed record PlanInvoiceDateInput(string DealId, DateTimeOffset ClosedAt, DateTimeOffset Now, string? PaymentTerms);

/// <summary>When the invoice may be created, its date and due date, and a sentence for the custom status.</summary>
/// <param name="InvoiceAt">The first moment inside a business day's invoicing hours at or after max(ClosedAt, Now).</param>
/// <param name="Description">E.g. "Monday 2026-11-30 08:00 Europe/London (Saturday is a weekend day)".</param>
public sealed record InvoiceSchedule(
    DateTimeOffset InvoiceAt,
    DateOnly InvoiceDate,
    DateOnly DueDate,
    int PaymentTermDays,
    string TimeZone,
    string Description);

/// <summary>Creates one invoice; the idempotency key makes a retried or duplicated call return the first invoice.</summary>
public sealed record CreateErpInvoiceInput(
    string DealId,
    int Revision,
    string CustomerId,
    string Currency,
    IReadOnlyList<InvoiceLine> Lines,
    DateOnly InvoiceDate,
    DateOnly DueDate,
    string IdempotencyKey,
    string CorrelationId);

/// <summary>The invoice the ERP holds.</summary>
public sealed record ErpInvoiceRef(string Id, string? DocNumber, decimal Total);

/// <summary>
/// Takes an issued invoice back: void it, or raise a credit note for it. Idempotent under its key:
/// an invoice already voided, or a credit note already raised under the key, counts as done.
/// </summary>
/// <param name="Mode">"void" or "credit"; null means as configured for re-opened deals ("Erp:ReopenReversal").</param>
public sealed record ReverseErpInvoiceInput(
    string DealId,
    int Revision,
    string InvoiceId,
    string? Mode,
    DateOnly CreditDate,
    string IdempotencyKey,
    string CorrelationId)
{
    public const string Void = "void";
    public const string Credit = "credit";
}

/// <summary>What the reversal did.</summary>
public sealed record ErpReversal(string Mode, string InvoiceId, string? CreditNoteId, decimal Amount);
