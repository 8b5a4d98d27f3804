namespace Integration.Activities.Configuration;

/// <summary>Which ERP the product books into, and how it takes back an invoice when a deal re-opens (section "Erp").</summary>
public sealed class ErpOptions
{
    public const string Section = "Erp";

    public const string QuickBooks = Connectors.QuickBooks.QuickBooksClient.SystemName;
    public const string Xero = Connectors.Xero.XeroClient.SystemName;
    public const string ReverseByVoid = "void";
    public const string ReverseByCredit = "credit";

    public static IReadOnlyList<string> Systems { get; } = [QuickBooks, Xero];

    public static IReadOnlyList<string> ReversalModes { get; } = [ReverseByVoid, ReverseByCredit];

    /// <summary>"quickbooks" (default) or "xero", ignoring case; chosen once at start-up.</summary>
    public string System { get; set; } = QuickBooks;

    /// <summary>"void" (default) or "credit", ignoring case: what a deal that leaves closed-won does to its invoice.</summary>
    public string ReopenReversal { get; set; } = ReverseByVoid;

    public bool IsXero => string.Equals(System?.Trim(), Xero, StringComparison.OrdinalIgnoreCase);

    /// <summary>The configured reversal in the form <see cref="Orchestrations.DealToInvoice.ReverseErpInvoiceInput"/> uses ("void" or "credit").</summary>
    public string ReopenReversalMode => (ReopenReversal ?? string.Empty).Trim().ToLowerInvariant();
}
