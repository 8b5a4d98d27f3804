using Integration.Orchestrations.Common;
using Integration.Orchestrations.Routing;

namespace Integration.Orchestrations.DealToInvoice;

/// <summary>Starts (or restarts) one deal's workflow; the deal id is the business key.</summary>
public sealed record DealToInvoiceInput(string DealId, string CorrelationId, string SourceEventId) : IReconcileInput
{
    string IReconcileInput.TriggerEventId => SourceEventId;
}

/// <summary>The workflow's final word: what it did to bring the ERP in line with the CRM deal, and why.</summary>
public sealed record DealToInvoiceResult(
    string DealId,
    string Outcome,
    string? ErpCustomerId,
    string? CustomerMatchRule,
    string? InvoiceId,
    decimal? InvoiceTotal,
    string? Failure)
{
    public const string Invoiced = "invoiced";
    public const string DeadLettered = WorkflowDeadLetter.Step;
    public const string Cancelled = "cancelled";

    /// <summary>The deal left closed-won after it was invoiced: the invoice was voided or credited.</summary>
    public const string Reversed = "reversed";

    /// <summary>The ERP already matches the deal; nothing was written.</summary>
    public const string InSync = "in-sync";

    /// <summary>The invoice revision this result is about (1 for the first invoice of a deal).</summary>
    public int Revision { get; init; }

    /// <summary>The data-dictionary version the invoice lines were mapped with.</summary>
    public string? MappingVersion { get; init; }

    /// <summary>The invoice date and when it was created (after the business-day wait).</summary>
    public DateOnly? InvoiceDate { get; init; }

    public DateOnly? DueDate { get; init; }

    /// <summary>The invoice this run voided or credited, and the credit note when it credited.</summary>
    public string? ReversedInvoiceId { get; init; }

    public string? CreditNoteId { get; init; }
}

/// <summary>
/// Asks the CRM for a deal with its company and line items. With <paramref name="PrepareAt"/> (orchestration
/// time), the same activity also drafts the invoice and plans its date when the deal is closed-won:
/// each activity is a round trip through task-hub storage, so pure computations ride along with the read.
/// </summary>
public sealed record FetchCrmDealInput(string DealId, string CorrelationId, DateTimeOffset? PrepareAt = null);

/// <summary>The deal, and (when asked and the deal is closed-won with lines) its first draft and invoice date.</summary>
public sealed record PreparedDeal(CrmDeal Deal, InvoiceDraft? Draft, InvoiceSchedule? Schedule);

/// <summary>A CRM deal as the workflow needs it, independent of the CRM's wire format.</summary>
/// <param name="CloseDate">When the CRM says the deal closed; invoicing waits for the first business slot after it.</param>
/// <param name="PaymentTerms">The deal's payment terms as the CRM holds them ("Net 45", "45"); null means the default.</param>
/// <param name="Invoice">What this product last wrote to the deal about its invoice; null when never invoiced.</param>
public sealed record CrmDeal(
    string Id,
    string Name,
    decimal Amount,
    string Stage,
    string? Currency,
    CrmCompany? Company,
    IReadOnlyList<CrmLineItem> LineItems,
    DateTimeOffset? CloseDate = null,
    string? PaymentTerms = null,
    DealInvoiceState? Invoice = null)
{
    public const string ClosedWonStage = "closedwon";

    public bool IsClosedWon => string.Equals(Stage, ClosedWonStage, StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// The invoice state this product keeps on the CRM deal (properties erp_invoice_*), so a restarted
/// workflow knows the current revision without the previous run's history.
/// </summary>
/// <param name="InvoiceId">The live invoice; null once it was voided or credited.</param>
/// <param name="Revision">The last revision issued (0 when none).</param>
/// <param name="Total">The live invoice's total as created.</param>
/// <param name="Status">"issued", "voided" or "credited".</param>
public sealed record DealInvoiceState(string? InvoiceId, int Revision, decimal? Total, string? Status, string? CustomerId)
{
    public const string Issued = "issued";
    public const string Voided = "voided";
    public const string Credited = "credited";

    public bool HasLiveInvoice => InvoiceId is { Length: > 0 } && Status == Issued;
}

/// <summary>The company a deal is associated with.</summary>
/// <param name="AccountType">The CRM's account type ("PARTNER", "CUSTOMER"...), mapped to an ERP customer category by the data dictionary.</param>
public sealed record CrmCompany(string Id, string Name, string? Domain, string? Email, string? AccountType = null);

/// <summary>One product line of a deal, with the CRM's pricing fields as they are.</summary>
/// <param name="Sku">The CRM product's SKU; the data dictionary's first key.</param>
/// <param name="ProductId">The CRM product id; the dictionary's key when the line has no SKU.</param>
/// <param name="DiscountPercentage">Percentage off the line (0-100), or null.</param>
/// <param name="UnitDiscount">Amount off each unit, in the deal currency, or null.</param>
/// <param name="TaxCode">The CRM's tax code for the line, mapped to the ERP's by the dictionary.</param>
public sealed record CrmLineItem(
    string Id,
    string Name,
    string? Sku,
    decimal Quantity,
    decimal UnitPrice,
    decimal Amount,
    string? ProductId = null,
    decimal? DiscountPercentage = null,
    decimal? UnitDiscount = null,
    string? TaxCode = null);

/// <summary>Patches the CRM deal's properties.</summary>
public sealed record PatchCrmDealInput(string DealId, IReadOnlyDictionary<string, string> Properties, string CorrelationId);
