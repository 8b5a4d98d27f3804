namespace Integration.Activities.Connectors.Erp;

/// <summary>
/// What the workflows need from an ERP, whichever one the company runs (QuickBooks Online or Xero,
/// chosen by "Erp:System"). Every write takes an idempotency key the ERP itself honours
/// (QBO requestid, Xero Idempotency-Key), so a retry after a lost response never writes twice.
/// A key longer than the ERP allows is replaced by a stable stand-in (<see cref="IdempotencyKeys.Fit"/>).
/// A vendor's refusal surfaces as <see cref="Orchestrations.Common.PermanentActivityFailureException"/>
/// and a transient failure as <see cref="HttpRequestException"/> (see <see cref="ConnectorResponses"/>).
/// </summary>
public interface IErpConnector
{
    /// <summary>"quickbooks" or "xero": the name in logs, problems and the ApiCallLog.</summary>
    string SystemName { get; }

    /// <summary>
    /// The ERP company this connector books into: the QBO realm id or the Xero tenant id. Ids are only unique within
    /// one, so cross-references to ERP records are keyed by <see cref="SystemName"/> and this.
    /// </summary>
    string Tenant { get; }

    /// <summary>The customer with this id, or null when the ERP no longer has it.</summary>
    Task<ErpCustomer?> GetCustomerAsync(string id, string correlationId, CancellationToken cancellationToken);

    /// <summary>
    /// Customers that might be the company: those whose email ends with "@" + <see cref="ErpCustomerQuery.EmailDomain"/>
    /// and those whose name starts with <see cref="ErpCustomerQuery.NamePrefix"/> (case-insensitive), at most 100 of
    /// each, merged by id with e-mail matches first. Each carries
    /// <see cref="ErpCustomer.Active"/>, so the caller can pass over inactive ones.
    /// A superset is fine: the caller applies the exact, normalised rules.
    /// </summary>
    Task<IReadOnlyList<ErpCustomer>> FindCustomersAsync(ErpCustomerQuery query, string correlationId, CancellationToken cancellationToken);

    /// <summary>Creates a customer; null when the ERP says the name is taken (QBO 6240, Xero duplicate name).</summary>
    Task<ErpCustomer?> CreateCustomerAsync(ErpCustomerDraft draft, string idempotencyKey, string correlationId, CancellationToken cancellationToken);

    /// <summary>Creates the invoice, issued (not a draft); the ERP numbers it and the draft's reference goes on it.</summary>
    Task<ErpInvoice> CreateInvoiceAsync(ErpInvoiceDraft draft, string idempotencyKey, string correlationId, CancellationToken cancellationToken);

    /// <summary>The invoice with its lines, or null when the ERP does not have it.</summary>
    Task<ErpInvoice?> GetInvoiceAsync(string id, string correlationId, CancellationToken cancellationToken);

    /// <summary>
    /// Voids the invoice (Xero deletes one that was never authorised: status "deleted"); an invoice already void or
    /// deleted is returned as it is, not an error. One the ERP does not have, or will not void because it is paid
    /// or part-paid, is a <see cref="Orchestrations.Common.PermanentActivityFailureException"/>.
    /// </summary>
    Task<ErpInvoice> VoidInvoiceAsync(string id, string idempotencyKey, string correlationId, CancellationToken cancellationToken);

    /// <summary>Raises a credit note (QBO CreditMemo, Xero ACCRECCREDIT) mirroring the draft.</summary>
    Task<ErpCreditNote> CreateCreditNoteAsync(ErpInvoiceDraft draft, string idempotencyKey, string correlationId, CancellationToken cancellationToken);
}

/// <summary>An ERP customer as the workflows see it; <paramref name="Active"/> is false for an inactive (QBO) or archived (Xero) one.</summary>
public sealed record ErpCustomer(string Id, string Name, string? Email, bool Active);

/// <summary>A customer to create. QBO keeps the category (CustomerTypeRef) and the note (Notes); Xero keeps neither (see XeroClient).</summary>
/// <param name="Category">ERP customer category from the data dictionary (QBO CustomerTypeRef value), or null.</param>
/// <param name="Note">Free text kept on the customer where the ERP has a field for it, e.g. "CRM company 123".</param>
public sealed record ErpCustomerDraft(string Name, string? Email, string? Category, string? Note);

/// <summary>Narrows the candidates for matching; either part may be null. The domain is without "@" (a leading one is ignored).</summary>
public sealed record ErpCustomerQuery(string? EmailDomain, string? NamePrefix);

/// <summary>An invoice or credit note to create. Amounts are per <see cref="Orchestrations.DealToInvoice.InvoiceLine"/>.</summary>
/// <param name="Reference">Free text that ties the document to the deal, e.g. "CRM deal 1001 r2".</param>
public sealed record ErpInvoiceDraft(
    string CustomerId,
    DateOnly Date,
    DateOnly DueDate,
    string Currency,
    string Reference,
    IReadOnlyList<Orchestrations.DealToInvoice.InvoiceLine> Lines);

/// <summary>An invoice the ERP holds.</summary>
/// <param name="Total">The sum of the lines before tax, so it compares with the draft's total whatever tax the ERP adds (QBO zeroes a voided invoice's lines).</param>
/// <param name="Status">Normalised: "open", "paid", "void" or "deleted".</param>
/// <param name="Currency">The ERP's currency code; empty when the ERP does not say (a single-currency QBO company).</param>
/// <param name="Lines">As the ERP holds them: line ids are the ERP's, and QBO has folded any discount into the unit price.</param>
public sealed record ErpInvoice(
    string Id,
    string? Number,
    string CustomerId,
    decimal Total,
    string Status,
    DateOnly? Date,
    string Currency,
    IReadOnlyList<Orchestrations.DealToInvoice.InvoiceLine> Lines)
{
    public const string Open = "open";
    public const string Paid = "paid";
    public const string Void = "void";
    public const string Deleted = "deleted";
}

/// <summary>A credit note the ERP holds; <paramref name="Total"/> is before tax, like <see cref="ErpInvoice.Total"/>.</summary>
public sealed record ErpCreditNote(string Id, string? Number, decimal Total);
