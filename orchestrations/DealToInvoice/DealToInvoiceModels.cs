namespace Integration.Orchestrations.DealToInvoice;

/// <summary>Starts one deal-to-invoice workflow; the deal id is the business key.</summary>
public sealed record DealToInvoiceInput(string DealId, string CorrelationId, string SourceEventId);

/// <summary>The workflow's final word: what was created and, when it could not finish, why.</summary>
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
    public const string DeadLettered = "dead-lettered";
    public const string Cancelled = "cancelled";
}

/// <summary>Asks the CRM for a deal with its company and line items.</summary>
public sealed record FetchCrmDealInput(string DealId, string CorrelationId);

/// <summary>A CRM deal as the workflow needs it, independent of the CRM's wire format.</summary>
public sealed record CrmDeal(
    string Id,
    string Name,
    decimal Amount,
    string Stage,
    string? Currency,
    CrmCompany? Company,
    IReadOnlyList<CrmLineItem> LineItems);

/// <summary>The company a deal is associated with.</summary>
public sealed record CrmCompany(string Id, string Name, string? Domain, string? Email);

/// <summary>One product line of a deal.</summary>
public sealed record CrmLineItem(string Id, string Name, string? Sku, decimal Quantity, decimal UnitPrice, decimal Amount);

/// <summary>Finds or creates the ERP customer for a CRM company.</summary>
public sealed record EnsureErpCustomerInput(CrmCompany Company, string CorrelationId);

/// <summary>The ERP customer and the rule by which it was found.</summary>
public sealed record ErpCustomerRef(string Id, string DisplayName, string MatchRule)
{
    public const string ByCrossReference = "cross-reference";
    public const string ByDisplayName = "display-name";
    public const string Created = "created";
    public const string ByOperator = "operator";
}

/// <summary>Creates one invoice; the idempotency key makes a retried or duplicated call return the first invoice.</summary>
public sealed record CreateErpInvoiceInput(
    string DealId,
    string CustomerId,
    IReadOnlyList<CrmLineItem> Lines,
    DateOnly TxnDate,
    DateOnly DueDate,
    string IdempotencyKey,
    string CorrelationId);

/// <summary>The invoice the ERP holds.</summary>
public sealed record ErpInvoiceRef(string Id, string? DocNumber, decimal Total);

/// <summary>Writes properties back to the CRM deal.</summary>
public sealed record PatchCrmDealInput(string DealId, IReadOnlyDictionary<string, string> Properties, string CorrelationId);
