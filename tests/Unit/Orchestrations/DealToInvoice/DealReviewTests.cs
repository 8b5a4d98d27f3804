using Integration.Orchestrations.Common;
using Integration.Orchestrations.DealToInvoice;
using Xunit;
using static Integration.Tests.Unit.Orchestrations.DealToInvoice.DealToInvoiceHarness;

namespace Integration.Tests.Unit.Orchestrations.DealToInvoice;

/// <summary>Every question the deal workflow asks a person, and what each answer does.</summary>
public sealed class DealReviewTests
{
    private static readonly InvoiceDraft UnmappedDraft = Draft with
    {
        Lines = [DraftLines[1]],
        Unmapped = [new UnmappedProduct("li-1", "W-1", "Widget")],
    };

    private static readonly ErpCustomerCandidate[] Candidates =
    [
        new("11", "Acme Ltd", "ap@acme.example", ErpCustomerRef.ByEmailDomain),
        new("12", "Acme Holdings", "finance@acme.example", ErpCustomerRef.ByEmailDomain),
    ];

    private static ReviewDecision Decision(string action, string? value = null) => new(action, value, "ops@example.test", "checked");

    [Fact]
    public async Task An_unmapped_product_asks_for_an_item_code_naming_the_key_and_the_answer_is_used()
    {
        var harness = new DealToInvoiceHarness()
            .Returns(ActivityNames.BuildInvoiceDraft, UnmappedDraft, Draft)
            .Decide(Decision(DealReviews.UseItemCode, "ITEM-W"));

        DealToInvoiceResult result = await harness.RunAsync();

        ReviewRequest asked = harness.ReviewAsked();
        Assert.Contains("'W-1'", asked.Reason, StringComparison.Ordinal);
        Assert.Contains("v1", asked.Reason, StringComparison.Ordinal);
        Assert.Equal([DealReviews.UseItemCode, DealReviews.SkipLine, DealReviews.Cancel], asked.Actions.Select(a => a.Name));
        var second = Assert.IsType<BuildInvoiceDraftInput>(Assert.Single(harness.InputsOf(ActivityNames.BuildInvoiceDraft)));
        Assert.Equal("ITEM-W", second.ItemCodeOverrides["W-1"]);
        Assert.Equal(DealToInvoiceResult.Invoiced, result.Outcome);
    }

    [Fact]
    public async Task Skip_line_drafts_again_without_the_line()
    {
        var harness = new DealToInvoiceHarness()
            .Returns(ActivityNames.BuildInvoiceDraft, UnmappedDraft, Draft with { Lines = [DraftLines[1]], Total = 5m, AmountCheck = new AmountCheck(5m, 5m, 0m, 0.01m) })
            .Decide(Decision(DealReviews.SkipLine));

        await harness.RunAsync();

        var second = Assert.IsType<BuildInvoiceDraftInput>(Assert.Single(harness.InputsOf(ActivityNames.BuildInvoiceDraft)));
        Assert.Equal(["li-1"], second.SkippedLineIds);
        Assert.Equal([DraftLines[1]], Assert.IsType<CreateErpInvoiceInput>(harness.InputOf(ActivityNames.CreateErpInvoice)).Lines);
    }

    [Fact]
    public async Task Cancel_on_an_unmapped_product_creates_nothing_and_says_who_cancelled()
    {
        var harness = new DealToInvoiceHarness().Returns(ActivityNames.BuildInvoiceDraft, UnmappedDraft).Decide(Decision(DealReviews.Cancel));

        DealToInvoiceResult result = await harness.RunAsync();

        Assert.DoesNotContain(ActivityNames.EnsureErpCustomer, harness.CalledNames);
        Assert.DoesNotContain(ActivityNames.CreateErpInvoice, harness.CalledNames);
        Assert.Equal(DealToInvoiceResult.Cancelled, result.Outcome);
        Assert.Contains("ops@example.test", result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_total_outside_the_tolerance_asks_before_invoicing_and_approve_invoices_the_priced_lines()
    {
        InvoiceDraft off = Draft with { AmountCheck = new AmountCheck(30m, 26m, -4m, 0.01m) };
        var harness = new DealToInvoiceHarness().Returns(ActivityNames.BuildInvoiceDraft, off).Decide(Decision(DealReviews.Approve));

        DealToInvoiceResult result = await harness.RunAsync();

        ReviewRequest asked = harness.ReviewAsked();
        Assert.Contains("26.00", asked.Reason, StringComparison.Ordinal);
        Assert.Contains("30.00", asked.Reason, StringComparison.Ordinal);
        Assert.Equal([DealReviews.Approve, DealReviews.Refetch, DealReviews.Cancel], asked.Actions.Select(a => a.Name));
        Assert.Equal(DealToInvoiceResult.Invoiced, result.Outcome);
    }

    [Fact]
    public async Task Refetch_starts_the_reconciliation_again_from_the_corrected_deal()
    {
        InvoiceDraft off = Draft with { AmountCheck = new AmountCheck(30m, 26m, -4m, 0.01m) };
        var harness = new DealToInvoiceHarness().Returns(ActivityNames.BuildInvoiceDraft, off).Decide(Decision(DealReviews.Refetch));

        await harness.RunAsync();

        Assert.DoesNotContain(ActivityNames.CreateErpInvoice, harness.CalledNames);
        (DealToInvoiceInput next, bool preserve) = Assert.Single(harness.ContinuedAsNew);
        Assert.Equal(Input, next);
        Assert.True(preserve);
    }

    [Fact]
    public async Task After_a_review_the_invoice_date_is_planned_again_from_the_time_of_the_answer()
    {
        var harness = new DealToInvoiceHarness().Returns(ActivityNames.BuildInvoiceDraft, UnmappedDraft, Draft).Decide(Decision(DealReviews.UseItemCode, "ITEM-W"));

        await harness.RunAsync();

        Assert.Single(harness.PreparedPlans);
        Assert.Single(harness.InputsOf(ActivityNames.PlanInvoiceDate));
    }

    [Fact]
    public async Task Every_customer_step_carries_the_category_the_draft_mapped()
    {
        var harness = new DealToInvoiceHarness()
            .Returns(
                ActivityNames.EnsureErpCustomer,
                new CustomerMatch(CustomerMatch.Ambiguous, null, Candidates, null),
                new CustomerMatch(CustomerMatch.Matched, new ErpCustomerRef("13", "Acme", ErpCustomerRef.Created), [], null))
            .Decide(Decision(DealReviews.CreateCustomer));

        await harness.RunAsync();

        Assert.Equal("7", Assert.IsType<EnsureErpCustomerInput>(harness.InputsOf(ActivityNames.EnsureErpCustomer).ElementAt(1)).CustomerCategory);
    }

    [Fact]
    public async Task Cancel_on_an_amount_mismatch_creates_nothing()
    {
        InvoiceDraft off = Draft with { AmountCheck = new AmountCheck(30m, 26m, -4m, 0.01m) };
        var harness = new DealToInvoiceHarness().Returns(ActivityNames.BuildInvoiceDraft, off).Decide(Decision(DealReviews.Cancel));

        DealToInvoiceResult result = await harness.RunAsync();

        Assert.DoesNotContain(ActivityNames.CreateErpInvoice, harness.CalledNames);
        Assert.Equal(DealToInvoiceResult.Cancelled, result.Outcome);
    }

    [Fact]
    public async Task An_ambiguous_customer_lists_the_candidates_and_the_operator_choice_is_linked()
    {
        var harness = new DealToInvoiceHarness()
            .Returns(
                ActivityNames.EnsureErpCustomer,
                new CustomerMatch(CustomerMatch.Ambiguous, null, Candidates, null),
                new CustomerMatch(CustomerMatch.Matched, new ErpCustomerRef("12", "Acme Holdings", ErpCustomerRef.ByOperator), [], null))
            .Decide(Decision(DealReviews.UseCustomer, "12"));

        DealToInvoiceResult result = await harness.RunAsync();

        ReviewRequest asked = harness.ReviewAsked();
        Assert.Contains("11 'Acme Ltd'", asked.Reason, StringComparison.Ordinal);
        Assert.Contains("12 'Acme Holdings'", asked.Reason, StringComparison.Ordinal);
        var second = Assert.IsType<EnsureErpCustomerInput>(harness.InputsOf(ActivityNames.EnsureErpCustomer).ElementAt(1));
        Assert.Equal("12", second.OperatorCustomerId);
        Assert.Equal(("12", ErpCustomerRef.ByOperator), (result.ErpCustomerId, result.CustomerMatchRule));
    }

    [Fact]
    public async Task Create_customer_asks_the_customer_step_to_create_without_matching()
    {
        var harness = new DealToInvoiceHarness()
            .Returns(
                ActivityNames.EnsureErpCustomer,
                new CustomerMatch(CustomerMatch.Ambiguous, null, Candidates, null),
                new CustomerMatch(CustomerMatch.Matched, new ErpCustomerRef("13", "Acme Ltd (CRM c-1)", ErpCustomerRef.Created), [], null))
            .Decide(Decision(DealReviews.CreateCustomer));

        DealToInvoiceResult result = await harness.RunAsync();

        Assert.True(Assert.IsType<EnsureErpCustomerInput>(harness.InputsOf(ActivityNames.EnsureErpCustomer).ElementAt(1)).CreateNew);
        Assert.Equal("13", result.ErpCustomerId);
    }

    [Fact]
    public async Task An_operator_customer_the_erp_does_not_have_is_asked_about_again()
    {
        var harness = new DealToInvoiceHarness()
            .Returns(
                ActivityNames.EnsureErpCustomer,
                new CustomerMatch(CustomerMatch.Ambiguous, null, Candidates, null),
                new CustomerMatch(CustomerMatch.NotFound, null, [], "the ERP has no active customer 99"),
                new CustomerMatch(CustomerMatch.Matched, new ErpCustomerRef("11", "Acme Ltd", ErpCustomerRef.ByOperator), [], null))
            .Decide(Decision(DealReviews.UseCustomer, "99"), Decision(DealReviews.UseCustomer, "11"));

        DealToInvoiceResult result = await harness.RunAsync();

        Assert.Contains("no active customer 99", harness.ReviewAsked(1).Reason, StringComparison.Ordinal);
        Assert.Equal("11", result.ErpCustomerId);
    }

    [Fact]
    public async Task Cancel_on_an_ambiguous_customer_creates_nothing()
    {
        var harness = new DealToInvoiceHarness()
            .Returns(ActivityNames.EnsureErpCustomer, new CustomerMatch(CustomerMatch.Ambiguous, null, Candidates, null))
            .Decide(Decision(DealReviews.Cancel));

        DealToInvoiceResult result = await harness.RunAsync();

        Assert.DoesNotContain(ActivityNames.CreateErpInvoice, harness.CalledNames);
        Assert.Equal(DealToInvoiceResult.Cancelled, result.Outcome);
    }

    [Fact]
    public async Task A_linked_customer_that_no_longer_matches_the_company_is_asked_about_showing_both_sides_and_use_linked_keeps_it()
    {
        var linked = new ErpCustomerCandidate("58", "Globex Corporation", "billing@globex.test", ErpCustomerRef.ByCrossReference);
        const string Sides = "CRM company c-1 'Acme Ltd' <billing@acme.example> is linked to ERP customer 58, which is now 'Globex Corporation' <billing@globex.test>";
        var harness = new DealToInvoiceHarness()
            .Returns(
                ActivityNames.EnsureErpCustomer,
                new CustomerMatch(CustomerMatch.LinkMismatch, null, [linked], Sides),
                new CustomerMatch(CustomerMatch.Matched, new ErpCustomerRef("58", "Globex Corporation", ErpCustomerRef.ByOperator), [], null))
            .Decide(Decision(DealReviews.UseLinked));

        DealToInvoiceResult result = await harness.RunAsync();

        ReviewRequest asked = harness.ReviewAsked();
        Assert.Contains(Sides, asked.Reason, StringComparison.Ordinal);
        Assert.Equal([DealReviews.UseLinked, DealReviews.UseCustomer, DealReviews.CreateCustomer, DealReviews.Cancel], asked.Actions.Select(a => a.Name));
        Assert.Equal("58", Assert.IsType<EnsureErpCustomerInput>(harness.InputsOf(ActivityNames.EnsureErpCustomer).ElementAt(1)).OperatorCustomerId);
        Assert.Equal("58", Assert.IsType<CreateErpInvoiceInput>(harness.InputOf(ActivityNames.CreateErpInvoice)).CustomerId);
        Assert.Equal(ErpCustomerRef.ByOperator, result.CustomerMatchRule);
    }

    [Fact]
    public async Task A_linked_customer_that_no_longer_matches_is_not_invoiced_when_the_operator_cancels()
    {
        var linked = new ErpCustomerCandidate("58", "Globex Corporation", null, ErpCustomerRef.ByCrossReference);
        var harness = new DealToInvoiceHarness()
            .Returns(ActivityNames.EnsureErpCustomer, new CustomerMatch(CustomerMatch.LinkMismatch, null, [linked], "linked to someone else"))
            .Decide(Decision(DealReviews.Cancel));

        DealToInvoiceResult result = await harness.RunAsync();

        Assert.DoesNotContain(ActivityNames.CreateErpInvoice, harness.CalledNames);
        Assert.Equal(DealToInvoiceResult.Cancelled, result.Outcome);
    }

    [Fact]
    public async Task A_deal_without_a_company_invoices_the_customer_the_operator_names()
    {
        var harness = new DealToInvoiceHarness()
            .Returns(ActivityNames.FetchCrmDeal, Deal with { Company = null })
            .Decide(Decision(DealReviews.UseCustomer, "qbo-cust-99"));

        DealToInvoiceResult result = await harness.RunAsync();

        Assert.DoesNotContain(ActivityNames.EnsureErpCustomer, harness.CalledNames);
        Assert.Equal("qbo-cust-99", Assert.IsType<CreateErpInvoiceInput>(harness.InputOf(ActivityNames.CreateErpInvoice)).CustomerId);
        Assert.Equal(ErpCustomerRef.ByOperator, result.CustomerMatchRule);
    }

    [Fact]
    public async Task An_unanswered_review_escalates_each_interval_until_the_decision_arrives()
    {
        var harness = new DealToInvoiceHarness(escalationsBeforeDecision: 2)
            .Returns(ActivityNames.FetchCrmDeal, Deal with { Company = null })
            .Decide(Decision(DealReviews.Cancel));

        await harness.RunAsync();

        Assert.Equal([0, 1, 2], harness.Calls.Where(c => c.Name == ActivityNames.RaiseReviewAlert).Select(c => ((ReviewAlertInput)c.Input!).Escalation));
    }

    [Fact]
    public async Task Escalation_stops_after_the_last_reminder_and_the_review_keeps_waiting()
    {
        var harness = new DealToInvoiceHarness(escalationsBeforeDecision: ManualReview.MaxEscalations)
            .Returns(ActivityNames.FetchCrmDeal, Deal with { Company = null })
            .Decide(Decision(DealReviews.Cancel));

        DealToInvoiceResult result = await harness.RunAsync();

        Assert.Equal(ManualReview.MaxEscalations, harness.Timers.Count(t => t == Now + ManualReview.EscalateAfter));
        Assert.Equal(ManualReview.MaxEscalations + 1, harness.Calls.Count(c => c.Name == ActivityNames.RaiseReviewAlert));
        Assert.Equal(DealToInvoiceResult.Cancelled, result.Outcome);
    }
}
