namespace Integration.Bench.Scenarios;

/// <summary>What the sandbox vendors hold after the end-to-end run: the proof that every workflow did its job once.</summary>
/// <param name="Expected">Deals the run closed.</param>
/// <param name="TotalInvoices">Invoices in the sandbox QuickBooks (all deals).</param>
/// <param name="DealsWithOneInvoice">Closed deals with exactly one invoice under the deal's idempotency key.</param>
/// <param name="DealsWithDuplicates">Closed deals with more than one invoice.</param>
/// <param name="DealsPatched">Closed deals whose erp_invoice_id names their invoice.</param>
public sealed record SandboxCheckResult(int Expected, int TotalInvoices, int DealsWithOneInvoice, int DealsWithDuplicates, int DealsPatched)
{
    public bool Passed =>
        TotalInvoices == Expected && DealsWithOneInvoice == Expected && DealsWithDuplicates == 0 && DealsPatched == Expected;
}
