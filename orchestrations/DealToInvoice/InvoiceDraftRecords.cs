namespace Integration.Orchestrations.DealToInvoice;

/// <summary>
/// Maps a deal's lines through the data dictionary and prices them. Operators' answers to earlier
/// reviews come back in: item codes for unmapped products (by dictionary key) and lines to leave out.
/// </summary>
public sealed record BuildInvoiceDraftInput(
    CrmDeal Deal,
    IReadOnlyDictionary<string, string> ItemCodeOverrides,
    IReadOnlyList<string> SkippedLineIds,
    string CorrelationId);

/// <summary>
/// The invoice as the ERP should receive it, before the customer and dates are known, plus what
/// stops it being created without a person: unmapped products, or a total outside the tolerance.
/// </summary>
/// <param name="MappingVersion">The data-dictionary version used; recorded in the workflow result.</param>
/// <param name="CustomerCategory">The ERP customer category for the deal's company, or null when the dictionary maps none.</param>
public sealed record InvoiceDraft(
    string MappingVersion,
    string Currency,
    IReadOnlyList<InvoiceLine> Lines,
    decimal Total,
    IReadOnlyList<UnmappedProduct> Unmapped,
    AmountCheck AmountCheck,
    string? CustomerCategory);

/// <summary>One ERP invoice line: amounts in the deal currency, net of discount, before tax (the ERP computes tax from the code).</summary>
/// <param name="UnitPrice">The list unit price from the CRM.</param>
/// <param name="DiscountAmount">The whole line's discount, already rounded to the currency's minor unit.</param>
/// <param name="NetAmount">Quantity × unit price − discount, rounded half away from zero to the minor unit.</param>
public sealed record InvoiceLine(
    string CrmLineId,
    string ItemCode,
    string Description,
    decimal Quantity,
    decimal UnitPrice,
    decimal DiscountAmount,
    decimal NetAmount,
    string? TaxCode);

/// <summary>A deal line whose product the data dictionary does not map; the key is what the operator's item code answers.</summary>
public sealed record UnmappedProduct(string CrmLineId, string Key, string Name);

/// <summary>The invoice total against the deal amount; outside the tolerance a person decides.</summary>
public sealed record AmountCheck(decimal DealAmount, decimal InvoiceTotal, decimal Difference, decimal Tolerance)
{
    public bool WithinTolerance => Math.Abs(Difference) <= Tolerance;
}
