using Integration.Activities.Connectors.Erp;

namespace Integration.Activities.Connectors.Xero;

/// <summary>Xero's invoice statuses and how they read as <see cref="ErpInvoice.Status"/>.</summary>
public static class XeroStatuses
{
    public const string Draft = "DRAFT";
    public const string Submitted = "SUBMITTED";
    public const string Authorised = "AUTHORISED";
    public const string Paid = "PAID";
    public const string Voided = "VOIDED";
    public const string Deleted = "DELETED";

    /// <summary>DRAFT, SUBMITTED and AUTHORISED are all still "open": none has been settled or taken back.</summary>
    public static string Normalise(string? status) => status?.ToUpperInvariant() switch
    {
        Paid => ErpInvoice.Paid,
        Voided => ErpInvoice.Void,
        Deleted => ErpInvoice.Deleted,
        _ => ErpInvoice.Open,
    };
}
