namespace Integration.Activities.Connectors.Xero;

// Xero's JSON names are PascalCase; these records use the wire names as they are (see XeroJson).

/// <summary>A Xero contact (the fields the product reads and writes).</summary>
/// <param name="ContactStatus">ACTIVE, ARCHIVED or GDPRREQUEST; only ACTIVE contacts can be invoiced and hold a unique name.</param>
public sealed record XeroContact(string? ContactID, string Name, string? EmailAddress, string? ContactStatus = null);

/// <summary>{"Contacts":[..]}: request and response wrapper.</summary>
public sealed record XeroContacts(List<XeroContact> Contacts);

/// <summary>The contact an invoice or credit note is for.</summary>
public sealed record XeroContactRef(string ContactID, string? Name = null);

/// <summary>A line of an invoice or credit note; LineAmount = Quantity × UnitAmount − DiscountAmount, computed by Xero.</summary>
public sealed record XeroLineItem(
    string? Description,
    decimal Quantity,
    decimal UnitAmount,
    string? ItemCode,
    string? AccountCode,
    string? TaxType,
    decimal? DiscountAmount,
    decimal? LineAmount = null,
    string? LineItemID = null);

/// <summary>An ACCREC invoice. Dates are sent as "yyyy-MM-dd"; Xero answers "/Date(..)/" with a DateString twin.</summary>
public sealed record XeroInvoice(
    string? InvoiceID,
    string? InvoiceNumber,
    string Type,
    XeroContactRef Contact,
    string? Date,
    string? DueDate,
    string? LineAmountTypes,
    string? Reference,
    string? Status,
    string? CurrencyCode,
    List<XeroLineItem> LineItems,
    decimal? SubTotal = null,
    decimal? Total = null,
    decimal? AmountPaid = null,
    decimal? AmountCredited = null,
    string? DateString = null);

/// <summary>{"Invoices":[..]}.</summary>
public sealed record XeroInvoices(List<XeroInvoice> Invoices);

/// <summary>An ACCRECCREDIT credit note.</summary>
public sealed record XeroCreditNote(
    string? CreditNoteID,
    string? CreditNoteNumber,
    string Type,
    XeroContactRef Contact,
    string? Date,
    string? LineAmountTypes,
    string? Reference,
    string? Status,
    string? CurrencyCode,
    List<XeroLineItem> LineItems,
    decimal? SubTotal = null,
    decimal? Total = null);

/// <summary>{"CreditNotes":[..]}.</summary>
public sealed record XeroCreditNotes(List<XeroCreditNote> CreditNotes);

/// <summary>The body of POST /Invoices/{id} that voids or deletes an invoice.</summary>
public sealed record XeroStatusChange(string InvoiceID, string Status);

/// <summary>Xero's 400 body: {"ErrorNumber":10,"Type":"ValidationException","Message","Elements":[{"ValidationErrors":[{"Message"}]}]}.</summary>
public sealed record XeroApiException(int ErrorNumber, string? Type, string? Message, List<XeroValidationElement>? Elements);

/// <summary>One element of a refused write, with what was wrong with it.</summary>
public sealed record XeroValidationElement(List<XeroValidationError>? ValidationErrors);

/// <summary>One validation message.</summary>
public sealed record XeroValidationError(string? Message);
