using System.Text.Json.Serialization;

namespace Integration.Activities.Connectors.QuickBooks;

/// <summary>QuickBooks Online Customer (the fields the product reads and writes).</summary>
/// <param name="CustomerTypeRef">The customer type (the ERP customer category); null leaves it unset.</param>
public sealed record QboCustomer(
    [property: JsonPropertyName("Id")] string? Id,
    [property: JsonPropertyName("DisplayName")] string DisplayName,
    [property: JsonPropertyName("CompanyName")] string? CompanyName,
    [property: JsonPropertyName("PrimaryEmailAddr")] QboEmail? PrimaryEmailAddr,
    [property: JsonPropertyName("Notes")] string? Notes,
    [property: JsonPropertyName("Active")] bool? Active = null,
    [property: JsonPropertyName("CustomerTypeRef")] QboRef? CustomerTypeRef = null);

/// <summary>An e-mail address wrapper as QBO writes it.</summary>
public sealed record QboEmail([property: JsonPropertyName("Address")] string Address);

/// <summary>QBO Invoice, also the CreditMemo shape (create request and response share it).</summary>
/// <param name="Balance">What is still owed (invoice); a payment lowers it.</param>
/// <param name="SyncToken">The version an update or void must name.</param>
public sealed record QboInvoice(
    [property: JsonPropertyName("Id")] string? Id,
    [property: JsonPropertyName("DocNumber")] string? DocNumber,
    [property: JsonPropertyName("CustomerRef")] QboRef CustomerRef,
    [property: JsonPropertyName("TxnDate")] string? TxnDate,
    [property: JsonPropertyName("DueDate")] string? DueDate,
    [property: JsonPropertyName("PrivateNote")] string? PrivateNote,
    [property: JsonPropertyName("Line")] List<QboLine> Line,
    [property: JsonPropertyName("TotalAmt")] decimal? TotalAmt,
    [property: JsonPropertyName("CurrencyRef")] QboRef? CurrencyRef = null,
    [property: JsonPropertyName("Balance")] decimal? Balance = null,
    [property: JsonPropertyName("SyncToken")] string? SyncToken = null);

/// <summary>A reference to another QBO entity.</summary>
public sealed record QboRef([property: JsonPropertyName("value")] string Value, [property: JsonPropertyName("name")] string? Name = null);

/// <summary>An invoice line; Amount must equal Qty × UnitPrice. QBO answers also hold a SubTotalLineDetail line, without a SalesItemLineDetail.</summary>
public sealed record QboLine(
    [property: JsonPropertyName("DetailType")] string DetailType,
    [property: JsonPropertyName("Amount")] decimal Amount,
    [property: JsonPropertyName("Description")] string? Description,
    [property: JsonPropertyName("SalesItemLineDetail")] QboSalesItemLineDetail? SalesItemLineDetail,
    [property: JsonPropertyName("Id")] string? Id = null);

/// <summary>Item, quantity, unit price and tax code of a sales line.</summary>
public sealed record QboSalesItemLineDetail(
    [property: JsonPropertyName("ItemRef")] QboRef? ItemRef,
    [property: JsonPropertyName("Qty")] decimal Qty,
    [property: JsonPropertyName("UnitPrice")] decimal UnitPrice,
    [property: JsonPropertyName("TaxCodeRef")] QboRef? TaxCodeRef = null);

/// <summary>{"Customer": {...}} / {"Invoice": {...}} wrappers.</summary>
public sealed record QboCustomerResponse([property: JsonPropertyName("Customer")] QboCustomer Customer);

/// <summary>Invoice wrapper.</summary>
public sealed record QboInvoiceResponse([property: JsonPropertyName("Invoice")] QboInvoice Invoice);

/// <summary>Credit memo wrapper; a credit memo has the invoice's shape.</summary>
public sealed record QboCreditMemoResponse([property: JsonPropertyName("CreditMemo")] QboInvoice CreditMemo);

/// <summary>The body of POST invoice?operation=void.</summary>
public sealed record QboVoidRequest([property: JsonPropertyName("Id")] string Id, [property: JsonPropertyName("SyncToken")] string SyncToken);

/// <summary>Query response; the entity list is absent when nothing matched.</summary>
public sealed record QboQueryResponse([property: JsonPropertyName("QueryResponse")] QboQueryResult QueryResponse);

/// <summary>The customers a query found.</summary>
public sealed record QboQueryResult([property: JsonPropertyName("Customer")] List<QboCustomer>? Customer);
