namespace Integration.Activities.Configuration;

/// <summary>Xero Accounting connector settings (section "Connectors:Xero"); used when "Erp:System" is "xero".</summary>
public sealed class XeroOptions
{
    public const string Section = "Connectors:Xero";

    /// <summary>The API root without "/api.xro/2.0", e.g. "https://api.xero.com".</summary>
    public string BaseUrl { get; set; } = string.Empty;

    /// <summary>The organisation (GUID) every call names in the xero-tenant-id header.</summary>
    public string TenantId { get; set; } = string.Empty;

    public string AccessToken { get; set; } = string.Empty;

    /// <summary>
    /// The revenue account invoice and credit-note lines are booked to. Xero wants an AccountCode on an
    /// AUTHORISED line unless its item carries one, and the data dictionary maps items, not accounts.
    /// Blank sends no AccountCode, for an organisation whose items all carry their sales account.
    /// </summary>
    public string SalesAccountCode { get; set; } = "200";
}
