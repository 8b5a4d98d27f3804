using System.Text.Json.Serialization;

namespace Integration.Activities.Connectors.QuickBooks;

/// <summary>QuickBooks Online Customer (the fields the product reads and writes).</summary>
public sealed record QboCustomer(
    [property: JsonPropertyName("Id")] string? Id,
    [property: JsonPropertyName("DisplayName")] string DisplayName,
    [property: JsonPropertyName("CompanyName")] string? CompanyName,
    [property: JsonPropertyName("PrimaryEmailAddr")] QboEmail? PrimaryEmailAddr,
    [property: JsonPropertyName("Notes")] string? Notes,
    [property: JsonPropertyName("Active")] bool? Active = null);

/// <summary>An e-mail address wrapper as QBO writes it.</summary>
public sealed record QboEmail([property: JsonPropertyName("Address")] string Address);

/// <summary>QBO Invoice (create request and response share the shape).</summary>
public sealed record QboInvoice(
    [property: JsonPropertyName("Id")] string? Id,
    [property: JsonPropertyName("DocNumber")] string? DocNumber,
    [property: JsonPropertyName("CustomerRef")] QboRef CustomerRef,
    [property: JsonPropertyName("TxnDate")] string? TxnDate,
    [property: JsonPropertyName("DueDate")] string? DueDate,
    [property: JsonPropertyName("PrivateNote")] string? PrivateNote,
    [property: JsonPropertyName("Line")] List<QboLine> Line,
    [property: JsonPropertyName("TotalAmt")] decimal? TotalAmt);

/// <summary>A reference to another QBO entity.</summary>
public sealed record QboRef([property: JsonPropertyName("value")] string Value, [property: JsonPropertyName("name")] string? Name = null);

/// <summary>An invoice line; Amount must equal Qty × UnitPrice.</summary>
public sealed record QboLine(
    [property: JsonPropertyName("DetailType")] string DetailType,
    [property: JsonPropertyName("Amount")] decimal Amount,
    [property: JsonPropertyName("Description")] string? Description,
    [property: JsonPropertyName("SalesItemLineDetail")] QboSalesItemLineDetail SalesItemLineDetail);

/// <summary>Item, quantity and unit price of a sales line.</summary>
public sealed record QboSalesItemLineDetail(
    [property: JsonPropertyName("ItemRef")] QboRef ItemRef,
    [property: JsonPropertyName("Qty")] decimal Qty,
    [property: JsonPropertyName("UnitPrice")] decimal UnitPrice);

/// <summary>{"Customer": {...}} / {"Invoice": {...}} wrappers.</summary>
public sealed record QboCustomerResponse([property: JsonPropertyName("Customer")] QboCustomer Customer);

/// <summary>Invoice wrapper.</summary>
public sealed record QboInvoiceResponse([property: JsonPropertyName("Invoice")] QboInvoice Invoice);

/// <summary>Query response; the entity list is absent when nothing matched.</summary>
public sealed record QboQueryResponse([property: JsonPropertyName("QueryResponse")] QboQueryResult QueryResponse);

/// <summary>The customers a query found.</summary>
public sealed record QboQueryResult([property: JsonPropertyName("Customer")] List<QboCustomer>? Customer);
