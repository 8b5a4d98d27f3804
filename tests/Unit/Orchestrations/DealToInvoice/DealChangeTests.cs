using Integration.Orchestrations.Common;
using Integration.Orchestrations.DealToInvoice;
using Xunit;
using static Integration.Tests.Unit.Orchestrations.DealToInvoice.DealToInvoiceHarness;

namespace Integration.Tests.Unit.Orchestrations.DealToInvoice;

/// <summary>The business-day wait, and deals that change: re-opened before or after invoicing, amounts changed, closed again.</summary>
public sealed class DealChangeTests
{
    private static readonly DealInvoiceState Issued = new("qbo-inv-40", 1, 26m, DealInvoiceState.Issued, "qbo-cust-7");

    [Fact]
    public async Task Outside_business_hours_the_workflow_waits_on_a_durable_timer_and_says_until_when()
    {
        var monday = new DateTimeOffset(2026, 2, 2, 8, 0, 0, TimeSpan.Zero);
        var harness = new DealToInvoiceHarness().Returns(
            ActivityNames.PlanInvoiceDate,
            Schedule with { InvoiceAt = monday, InvoiceDate = new DateOnly(2026, 2, 2), Description = "Monday 2026-02-02 08:00 Europe/London (weekend)" });

        DealToInvoiceResult result = await harness.RunAsync();

        // One second past the slot: a storage-queue timer may fire up to a second early.
        Assert.Equal([monday.UtcDateTime.AddSeconds(1)], harness.Timers);
        WorkflowStatus waiting = Assert.Single(harness.Statuses, s => s.Step == "waiting-for-business-day");
        Assert.Equal("waiting until Monday 2026-02-02 08:00 Europe/London (weekend)", waiting.Detail);
        Assert.Equal(monday, waiting.WaitingUntil);
        Assert.Equal(new DateOnly(2026, 2, 2), Assert.IsType<CreateErpInvoiceInput>(harness.InputOf(ActivityNames.CreateErpInvoice)).InvoiceDate);
        Assert.Equal(DealToInvoiceResult.Invoiced, result.Outcome);
    }

    [Fact]
    public async Task A_deal_change_during_the_business_day_wait_creates_nothing_and_reconciles_again()
    {
        var harness = new DealToInvoiceHarness { HoldTimers = true }
            .Returns(ActivityNames.PlanInvoiceDate, Schedule with { InvoiceAt = new DateTimeOffset(Now).AddDays(2) })
            .ChangeDeal(DealToInvoiceHarness.AtBusinessDayTimer);

        await harness.RunAsync();

        Assert.Single(harness.Timers, t => t == Now.AddDays(2).AddSeconds(1));
        Assert.DoesNotContain(ActivityNames.CreateErpInvoice, harness.CalledNames);
        (DealToInvoiceInput next, bool preserve) = Assert.Single(harness.ContinuedAsNew);
        Assert.Equal(new DealToInvoiceInput(DealId, "corr-change", "crm-888"), next);
        Assert.True(preserve);
    }

    [Fact]
    public async Task A_change_buffered_before_the_wait_wins_even_when_the_slot_is_now()
    {
        var harness = new DealToInvoiceHarness().ChangeDeal(ActivityNames.EnsureErpCustomer);

        await harness.RunAsync();

        Assert.DoesNotContain(ActivityNames.CreateErpInvoice, harness.CalledNames);
        Assert.Single(harness.ContinuedAsNew);
    }

    [Fact]
    public async Task A_change_that_arrives_while_the_invoice_is_written_is_not_dropped()
    {
        var harness = new DealToInvoiceHarness().ChangeDeal(ActivityNames.CreateErpInvoice);

        await harness.RunAsync();

        Assert.Contains(ActivityNames.PatchCrmDeal, harness.CalledNames);
        Assert.Single(harness.ContinuedAsNew);
    }

    [Fact]
    public async Task A_deal_change_interrupts_a_pending_review()
    {
        var harness = new DealToInvoiceHarness()
            .Returns(ActivityNames.FetchCrmDeal, Deal with { Company = null })
            .ChangeDeal(ActivityNames.RaiseReviewAlert);

        await harness.RunAsync();

        Assert.DoesNotContain(ActivityNames.CreateErpInvoice, harness.CalledNames);
        Assert.Single(harness.ContinuedAsNew);
    }

    [Fact]
    public async Task Not_closed_won_and_never_invoiced_ends_cancelled_with_nothing_written()
    {
        var harness = new DealToInvoiceHarness().Returns(ActivityNames.FetchCrmDeal, Deal with { Stage = "contractsent" });

        DealToInvoiceResult result = await harness.RunAsync();

        Assert.Equal([ActivityNames.FetchCrmDeal], harness.CalledNames);
        Assert.Equal(DealToInvoiceResult.Cancelled, result.Outcome);
        Assert.Contains("contractsent", result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reopened_after_invoicing_reverses_as_configured_patches_the_deal_and_alerts_finance()
    {
        var harness = new DealToInvoiceHarness().Returns(ActivityNames.FetchCrmDeal, Deal with { Stage = "contractsent", Invoice = Issued });

        DealToInvoiceResult result = await harness.RunAsync();

        Assert.Equal([ActivityNames.FetchCrmDeal, ActivityNames.ReverseErpInvoice, ActivityNames.PatchCrmDeal, ActivityNames.RaiseAlert], harness.CalledNames);
        Assert.Empty(harness.PreparedDrafts);
        var reverse = Assert.IsType<ReverseErpInvoiceInput>(harness.InputOf(ActivityNames.ReverseErpInvoice));
        Assert.Equal(("qbo-inv-40", 1, null, "deal-9001-reverse-r1"), (reverse.InvoiceId, reverse.Revision, reverse.Mode, reverse.IdempotencyKey));
        IReadOnlyDictionary<string, string> p = harness.PatchedProperties();
        Assert.Equal(string.Empty, p[DealToInvoiceOrchestrator.InvoiceIdProperty]);
        Assert.Equal(DealInvoiceState.Voided, p[DealToInvoiceOrchestrator.InvoiceStatusProperty]);
        Assert.Equal("qbo-inv-40", p[DealToInvoiceOrchestrator.ReversedInvoiceProperty]);
        var alert = Assert.IsType<AlertInput>(harness.InputOf(ActivityNames.RaiseAlert));
        Assert.Contains("qbo-inv-40", alert.Text, StringComparison.Ordinal);
        Assert.Equal(InstanceId, alert.Reference);
        Assert.Equal((DealToInvoiceResult.Reversed, "qbo-inv-40", 1), (result.Outcome, result.ReversedInvoiceId, result.Revision));
    }

    [Fact]
    public async Task Reopened_after_invoicing_with_credit_configured_records_the_credit_note()
    {
        var harness = new DealToInvoiceHarness()
            .Returns(ActivityNames.FetchCrmDeal, Deal with { Stage = "closedlost", Invoice = Issued })
            .Returns(ActivityNames.ReverseErpInvoice, new ErpReversal(ReverseErpInvoiceInput.Credit, "qbo-inv-40", "cm-3", 26m));

        DealToInvoiceResult result = await harness.RunAsync();

        IReadOnlyDictionary<string, string> p = harness.PatchedProperties();
        Assert.Equal(DealInvoiceState.Credited, p[DealToInvoiceOrchestrator.InvoiceStatusProperty]);
        Assert.Equal("cm-3", p[DealToInvoiceOrchestrator.CreditNoteProperty]);
        Assert.Equal("cm-3", result.CreditNoteId);
    }

    [Fact]
    public async Task Closed_won_with_an_invoice_for_the_same_total_is_in_sync_and_writes_nothing()
    {
        var harness = new DealToInvoiceHarness().Returns(ActivityNames.FetchCrmDeal, Deal with { Invoice = Issued });

        DealToInvoiceResult result = await harness.RunAsync();

        Assert.DoesNotContain(ActivityNames.CreateErpInvoice, harness.CalledNames);
        Assert.DoesNotContain(ActivityNames.ReverseErpInvoice, harness.CalledNames);
        Assert.DoesNotContain(ActivityNames.PatchCrmDeal, harness.CalledNames);
        Assert.Equal((DealToInvoiceResult.InSync, "qbo-inv-40", 1), (result.Outcome, result.InvoiceId, result.Revision));
    }

    [Fact]
    public async Task An_amount_change_after_invoicing_credits_the_old_invoice_and_issues_revision_two()
    {
        var harness = new DealToInvoiceHarness()
            .Returns(ActivityNames.FetchCrmDeal, Deal with { Invoice = Issued with { Total = 20m } })
            .Returns(ActivityNames.ReverseErpInvoice, new ErpReversal(ReverseErpInvoiceInput.Credit, "qbo-inv-40", "cm-9", 20m));

        DealToInvoiceResult result = await harness.RunAsync();

        var reverse = Assert.IsType<ReverseErpInvoiceInput>(harness.InputOf(ActivityNames.ReverseErpInvoice));
        Assert.Equal(ReverseErpInvoiceInput.Credit, reverse.Mode);
        var create = Assert.IsType<CreateErpInvoiceInput>(harness.InputOf(ActivityNames.CreateErpInvoice));
        Assert.Equal(("deal-9001-invoice-r2", 2), (create.IdempotencyKey, create.Revision));
        Assert.Equal(DealInvoiceState.Credited, harness.PatchedProperties(0)[DealToInvoiceOrchestrator.InvoiceStatusProperty]);
        Assert.Equal("2", harness.PatchedProperties(1)[DealToInvoiceOrchestrator.InvoiceRevisionProperty]);
        Assert.Contains(ActivityNames.RaiseAlert, harness.CalledNames);
        Assert.Equal((DealToInvoiceResult.Invoiced, 2, "qbo-inv-40", "cm-9"), (result.Outcome, result.Revision, result.ReversedInvoiceId, result.CreditNoteId));
    }

    [Fact]
    public async Task Closed_again_after_a_void_issues_the_next_revision_never_the_old_key()
    {
        var voided = new DealInvoiceState(null, 1, 26m, DealInvoiceState.Voided, "qbo-cust-7");
        var harness = new DealToInvoiceHarness().Returns(ActivityNames.FetchCrmDeal, Deal with { Invoice = voided });

        DealToInvoiceResult result = await harness.RunAsync();

        Assert.DoesNotContain(ActivityNames.ReverseErpInvoice, harness.CalledNames);
        Assert.Equal("deal-9001-invoice-r2", Assert.IsType<CreateErpInvoiceInput>(harness.InputOf(ActivityNames.CreateErpInvoice)).IdempotencyKey);
        Assert.Equal(2, result.Revision);
    }

    [Theory]
    [InlineData("9001", 1, "deal-9001-invoice-r1")]
    [InlineData("9001", 12, "deal-9001-invoice-r12")]
    public void Invoice_keys_are_stable_per_deal_and_revision(string deal, int revision, string expected) =>
        Assert.Equal(expected, DealToInvoiceOrchestrator.InvoiceIdempotencyKey(deal, revision));
}
