using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Integration.SendEvent;
using Integration.SendEvent.Scenarios;
using Integration.Tests.System.Infrastructure;

namespace Integration.Tests.System.EndToEnd;

/// <summary>
/// The deal-to-invoice edge cases end to end, over the standalone host, real HTTP and the sandbox,
/// driven by the same scenario code as "SendEvent scenario". Run once per ERP (QuickBooks Online, Xero).
/// </summary>
public abstract class DealScenarioTests(StandaloneHostFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_new_customer_is_created_and_the_deal_invoiced_once_with_mapped_items_and_the_mapping_version()
    {
        ScenarioRun run = Run();
        await Scenario("new-customer", run);

        JsonObject output = await CompletedOutputAsync(run.DealId);
        Assert.Equal("invoiced", (string?)output["Outcome"]);
        Assert.Equal("created", (string?)output["CustomerMatchRule"]);
        Assert.Equal("v2", (string?)output["MappingVersion"]);
        ErpDocument invoice = Assert.Single(await fixture.Ledger.InvoicesForDealAsync(run.DealId));
        Assert.Equal($"deal-{run.DealId}-invoice-r1", invoice.Key);
        Assert.Equal(SampleDeals.StandardTotal, invoice.Total);
        Assert.Equal(["11", "12"], invoice.ItemCodes);
        Assert.Equal(invoice.Id, await fixture.Crm.DealPropertyAsync(run.DealId, "erp_invoice_id"));
        Assert.Contains(await fixture.Ledger.CustomersAsync(), c => c.Id == invoice.CustomerId && c.Name == $"Northwind Traders {run.DealId}");
    }

    [Fact]
    public async Task One_erp_customer_on_the_company_email_domain_is_linked_not_duplicated()
    {
        ScenarioRun run = Run();
        SeedCompany company = SampleDeals.UniqueCompany(run.DealId, "Fabrikam");
        await fixture.Erp.SeedCustomerAsync($"Fabrikam Holdings {run.DealId}", $"payables@{company.Properties["domain"]}");
        await fixture.Crm.SeedDealAsync(SampleDeals.ClosedWon(run.DealId, company));
        await run.SendStageAsync("closedwon", CancellationToken.None);

        JsonObject output = await CompletedOutputAsync(run.DealId);
        Assert.Equal("email-domain", (string?)output["CustomerMatchRule"]);
        ErpCustomerView linked = Assert.Single(await fixture.Ledger.CustomersAsync(), c => c.Name.Contains(run.DealId, StringComparison.Ordinal));
        Assert.Equal($"Fabrikam Holdings {run.DealId}", linked.Name);
        Assert.Equal(linked.Id, Assert.Single(await fixture.Ledger.InvoicesForDealAsync(run.DealId)).CustomerId);
    }

    [Fact]
    public async Task An_ambiguous_customer_waits_for_an_operator_and_invoices_the_one_chosen()
    {
        ScenarioRun run = Run();
        await Scenario("ambiguous-customer", run);
        JsonObject status = await AwaitingReviewAsync(run.DealId);
        Assert.Contains("matches 2 ERP customers", (string?)status["Detail"], StringComparison.Ordinal);
        Assert.Empty(await fixture.Ledger.InvoicesForDealAsync(run.DealId));

        ErpCustomerView west = Assert.Single(await fixture.Ledger.CustomersAsync(), c => c.Name == $"Contoso West {run.DealId}");
        await DecideAsync(run.DealId, $$"""{"action":"use-customer","value":"{{west.Id}}","reviewedBy":"e2e"}""");

        JsonObject output = await CompletedOutputAsync(run.DealId);
        Assert.Equal("operator", (string?)output["CustomerMatchRule"]);
        Assert.Equal(west.Id, Assert.Single(await fixture.Ledger.InvoicesForDealAsync(run.DealId)).CustomerId);
    }

    [Fact]
    public async Task An_unmapped_product_waits_for_an_item_code_and_the_invoice_uses_it()
    {
        ScenarioRun run = Run();
        await Scenario("unmapped-product", run);
        JsonObject status = await AwaitingReviewAsync(run.DealId);
        Assert.Contains(SampleDeals.UnmappedSku, (string?)status["Detail"], StringComparison.Ordinal);

        await DecideAsync(run.DealId, """{"action":"use-item-code","value":"77"}""");

        await CompletedOutputAsync(run.DealId);
        ErpDocument invoice = Assert.Single(await fixture.Ledger.InvoicesForDealAsync(run.DealId));
        Assert.Equal(["11", "77"], invoice.ItemCodes);
        Assert.Equal(1500.00m, invoice.Total);
    }

    [Fact]
    public async Task An_amount_outside_the_tolerance_is_not_invoiced_until_approved()
    {
        ScenarioRun run = Run();
        await Scenario("amount-mismatch", run);
        JsonObject status = await AwaitingReviewAsync(run.DealId);
        Assert.Contains("differs from the deal amount", (string?)status["Detail"], StringComparison.Ordinal);
        Assert.Empty(await fixture.Ledger.InvoicesForDealAsync(run.DealId));

        await DecideAsync(run.DealId, """{"action":"approve"}""");

        await CompletedOutputAsync(run.DealId);
        Assert.Equal(SampleDeals.StandardTotal, Assert.Single(await fixture.Ledger.InvoicesForDealAsync(run.DealId)).Total);
    }

    [Fact]
    public async Task A_deal_closing_in_the_future_waits_on_a_durable_timer_and_is_invoiced_when_it_fires()
    {
        ScenarioRun run = Run();
        // Whole seconds, as the CRM stores the close date.
        DateTimeOffset closes = DateTimeOffset.UtcNow.AddSeconds(8);
        closes = closes.AddTicks(-(closes.Ticks % TimeSpan.TicksPerSecond));
        await fixture.Crm.SeedDealAsync(SampleDeals.ClosedWon(run.DealId, SampleDeals.UniqueCompany(run.DealId), closedAt: closes));
        await run.SendStageAsync("closedwon", CancellationToken.None);

        JsonObject waiting = await StatusStepAsync(run.DealId, "waiting-for-business-day");
        Assert.StartsWith("waiting until ", (string?)waiting["Detail"], StringComparison.Ordinal);
        Assert.Empty(await fixture.Ledger.InvoicesForDealAsync(run.DealId));

        JsonObject output = await CompletedOutputAsync(run.DealId);
        DateTimeOffset seen = DateTimeOffset.UtcNow;
        Assert.True(seen >= closes, $"the invoice must not exist before the close date {closes:O}; completed by {seen:O}: {output.ToJsonString()} {waiting.ToJsonString()}");
        Assert.Single(await fixture.Ledger.InvoicesForDealAsync(run.DealId));
    }

    [Fact]
    public async Task Reopened_while_waiting_for_the_business_day_ends_cancelled_with_nothing_created()
    {
        ScenarioRun run = Run();
        await fixture.Crm.SeedDealAsync(SampleDeals.ClosedWon(run.DealId, SampleDeals.UniqueCompany(run.DealId), closedAt: SampleDeals.NextSaturday(DateTimeOffset.UtcNow)));
        await run.SendStageAsync("closedwon", CancellationToken.None);
        await StatusStepAsync(run.DealId, "waiting-for-business-day");

        await fixture.Crm.PatchDealAsync(run.DealId, new Dictionary<string, string> { ["dealstage"] = "contractsent" });
        await run.SendStageAsync("contractsent", CancellationToken.None);

        JsonObject output = await CompletedOutputAsync(run.DealId);
        Assert.Equal("cancelled", (string?)output["Outcome"]);
        Assert.Empty(await fixture.Ledger.InvoicesForDealAsync(run.DealId));
        Assert.Null(await fixture.Crm.DealPropertyAsync(run.DealId, "erp_invoice_id"));
    }

    [Fact]
    public async Task Reopened_after_invoicing_voids_the_invoice_and_closing_again_issues_revision_two()
    {
        ScenarioRun run = Run();
        await Scenario("reopen-after-invoice", run);

        await Eventually.Until(() => fixture.Crm.DealPropertyAsync(run.DealId, "erp_invoice_status"), s => s == "voided", Deadline, $"deal {run.DealId} to show a voided invoice");
        ErpDocument first = Assert.Single(await fixture.Ledger.InvoicesForDealAsync(run.DealId));
        Assert.True(first.Void, "the first invoice must be void in the ERP");
        Assert.Null(await fixture.Crm.DealPropertyAsync(run.DealId, "erp_invoice_id"));

        // Finance is alerted after the deal is patched, so the alert may land a moment later.
        await Eventually.Until(
            () => fixture.Sandbox.AlertsAsync(),
            alerts => alerts.Any(a => a!.ToJsonString().Contains($"deal {run.DealId} re-opened", StringComparison.Ordinal)),
            Deadline,
            $"finance's alert that deal {run.DealId} re-opened");

        await fixture.Crm.PatchDealAsync(run.DealId, new Dictionary<string, string> { ["dealstage"] = "closedwon" });
        await run.SendStageAsync("closedwon", CancellationToken.None);

        string second = await run.WaitForInvoiceAsync(CancellationToken.None);
        Assert.NotEqual(first.Id, second);
        Assert.Equal("2", await fixture.Crm.DealPropertyAsync(run.DealId, "erp_invoice_revision"));
        IReadOnlyList<ErpDocument> invoices = await fixture.Ledger.InvoicesForDealAsync(run.DealId);
        Assert.Equal([$"deal-{run.DealId}-invoice-r1", $"deal-{run.DealId}-invoice-r2"], invoices.Select(i => i.Key).Order(StringComparer.Ordinal));
        Assert.Single(invoices, i => !i.Void);
    }

    [Fact]
    public async Task An_amount_change_after_invoicing_credits_the_invoice_and_issues_revision_two()
    {
        ScenarioRun run = Run();
        await Scenario("amount-change", run);

        await Eventually.Until(() => fixture.Crm.DealPropertyAsync(run.DealId, "erp_invoice_revision"), r => r == "2", Deadline, $"deal {run.DealId} revision 2");
        IReadOnlyList<ErpDocument> invoices = await fixture.Ledger.InvoicesForDealAsync(run.DealId);
        Assert.Equal(2, invoices.Count);
        ErpDocument credit = Assert.Single(await fixture.Ledger.CreditNotesForDealAsync(run.DealId));
        Assert.Equal(SampleDeals.StandardTotal, credit.Total);
        ErpDocument reissued = Assert.Single(invoices, i => i.Key == $"deal-{run.DealId}-invoice-r2");
        Assert.Equal(SampleDeals.StandardTotal + 1200.00m, reissued.Total);
        Assert.Equal(reissued.Id, await fixture.Crm.DealPropertyAsync(run.DealId, "erp_invoice_id"));
    }

    private ScenarioRun Run() => new(SampleDeals.NewDealId(), fixture.Crm, fixture.Erp, fixture.Sender, TextWriter.Null);

    private static async Task Scenario(string name, ScenarioRun run)
    {
        using HttpResponseMessage last = await DealScenarios.Find(name)!.RunAsync(run, CancellationToken.None);
        Assert.Equal(HttpStatusCode.Accepted, last.StatusCode);
    }

    private Task<JsonObject?> InstanceAsync(string dealId) => fixture.InstanceAsync($"deal-invoice-{dealId}");

    private async Task<JsonObject> StatusStepAsync(string dealId, string step)
    {
        JsonObject instance = await Eventually.Until(
            async () => await InstanceAsync(dealId) ?? new JsonObject(),
            i => (string?)i["customStatus"]?["Step"] == step,
            Deadline,
            $"deal {dealId} to reach step {step}");
        return (JsonObject)instance["customStatus"]!;
    }

    private Task<JsonObject> AwaitingReviewAsync(string dealId) => StatusStepAsync(dealId, "awaiting-review");

    private async Task<JsonObject> CompletedOutputAsync(string dealId)
    {
        JsonObject instance = await Eventually.Until(
            async () => await InstanceAsync(dealId) ?? new JsonObject(),
            i => (string?)i["runtimeStatus"] == "Completed",
            Deadline,
            $"deal {dealId}'s workflow to complete");
        return (JsonObject)instance["output"]!;
    }

    private async Task DecideAsync(string dealId, string body)
    {
        using HttpResponseMessage response = await fixture.DecideAsync($"deal-invoice-{dealId}", body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }
}

/// <summary>The scenarios with QuickBooks Online as the ERP.</summary>
[Collection(StandaloneHostCollection.Name)]
public sealed class QuickBooksDealScenarioTests(StandaloneHostFixture fixture) : DealScenarioTests(fixture);

/// <summary>The same scenarios with Xero as the ERP.</summary>
[Collection(XeroHostCollection.Name)]
public sealed class XeroDealScenarioTests(XeroHostFixture fixture) : DealScenarioTests(fixture);
