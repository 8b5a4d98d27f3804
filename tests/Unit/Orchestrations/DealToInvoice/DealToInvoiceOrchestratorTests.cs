using Integration.Orchestrations.Common;
using Integration.Orchestrations.DealToInvoice;
using Xunit;
using static Integration.Tests.Unit.Orchestrations.DealToInvoice.DealToInvoiceHarness;

namespace Integration.Tests.Unit.Orchestrations.DealToInvoice;

/// <summary>The first invoice of a closed-won deal: order of steps, what each step is given, and failures.</summary>
public sealed class DealToInvoiceOrchestratorTests
{
    [Fact]
    public async Task A_new_closed_won_deal_is_read_and_prepared_matched_invoiced_and_written_back_in_four_activities()
    {
        var harness = new DealToInvoiceHarness();

        DealToInvoiceResult result = await harness.RunAsync();

        Assert.Equal(
            [ActivityNames.FetchCrmDeal, ActivityNames.EnsureErpCustomer, ActivityNames.CreateErpInvoice, ActivityNames.PatchCrmDeal],
            harness.CalledNames);
        Assert.Equal(DealToInvoiceResult.Invoiced, result.Outcome);
        Assert.Equal((Invoice.Id, 26m, Customer.Id, ErpCustomerRef.ByCrossReference), (result.InvoiceId, result.InvoiceTotal, result.ErpCustomerId, result.CustomerMatchRule));
        Assert.Equal((1, "v1"), (result.Revision, result.MappingVersion));
        Assert.Equal((Schedule.InvoiceDate, Schedule.DueDate), (result.InvoiceDate, result.DueDate));
        Assert.Empty(harness.ContinuedAsNew);
        Assert.Equal("completed", harness.Statuses[^1].Step);
    }

    [Fact]
    public async Task The_invoice_is_created_under_revision_one_key_with_the_drafted_lines_and_scheduled_dates()
    {
        var harness = new DealToInvoiceHarness();

        await harness.RunAsync();

        var create = Assert.IsType<CreateErpInvoiceInput>(harness.InputOf(ActivityNames.CreateErpInvoice));
        Assert.Equal("deal-9001-invoice-r1", create.IdempotencyKey);
        Assert.Equal(1, create.Revision);
        Assert.Equal(Customer.Id, create.CustomerId);
        Assert.Equal(DraftLines, create.Lines);
        Assert.Equal("GBP", create.Currency);
        Assert.Equal((Schedule.InvoiceDate, Schedule.DueDate), (create.InvoiceDate, create.DueDate));
        Assert.Equal(CorrelationId, create.CorrelationId);
    }

    [Fact]
    public async Task The_fetch_is_asked_to_prepare_at_orchestration_time_and_the_customer_step_gets_the_mapped_category()
    {
        var harness = new DealToInvoiceHarness();

        await harness.RunAsync();

        Assert.Equal(new FetchCrmDealInput(DealId, CorrelationId, new DateTimeOffset(Now)), harness.InputOf(ActivityNames.FetchCrmDeal));
        Assert.Equal(new EnsureErpCustomerInput(Company, CorrelationId, "7"), harness.InputOf(ActivityNames.EnsureErpCustomer));
        BuildInvoiceDraftInput draft = Assert.Single(harness.PreparedDrafts);
        Assert.Equal(Deal, draft.Deal);
        Assert.Empty(draft.ItemCodeOverrides);
        Assert.Empty(draft.SkippedLineIds);
    }

    [Fact]
    public async Task The_calendar_is_asked_from_the_close_date_and_orchestration_time_with_the_deal_payment_terms()
    {
        var closed = new DateTimeOffset(2026, 1, 30, 16, 0, 0, TimeSpan.Zero);
        var harness = new DealToInvoiceHarness().Returns(ActivityNames.FetchCrmDeal, Deal with { CloseDate = closed });

        await harness.RunAsync();

        Assert.Equal(new PlanInvoiceDateInput(DealId, closed, new DateTimeOffset(Now), "Net 45"), Assert.Single(harness.PreparedPlans));
    }

    [Fact]
    public async Task Without_a_close_date_the_calendar_counts_from_orchestration_time()
    {
        var harness = new DealToInvoiceHarness();

        await harness.RunAsync();

        PlanInvoiceDateInput plan = Assert.Single(harness.PreparedPlans);
        Assert.Equal(new DateTimeOffset(Now), plan.ClosedAt);
    }

    [Fact]
    public async Task The_invoice_is_written_back_to_the_deal_with_its_revision_total_status_and_customer()
    {
        var harness = new DealToInvoiceHarness();

        await harness.RunAsync();

        IReadOnlyDictionary<string, string> p = harness.PatchedProperties();
        Assert.Equal(Invoice.Id, p[DealToInvoiceOrchestrator.InvoiceIdProperty]);
        Assert.Equal("1055", p[DealToInvoiceOrchestrator.InvoiceNumberProperty]);
        Assert.Equal("1", p[DealToInvoiceOrchestrator.InvoiceRevisionProperty]);
        Assert.Equal("26", p[DealToInvoiceOrchestrator.InvoiceTotalProperty]);
        Assert.Equal(DealInvoiceState.Issued, p[DealToInvoiceOrchestrator.InvoiceStatusProperty]);
        Assert.Equal(Customer.Id, p[DealToInvoiceOrchestrator.CustomerIdProperty]);
    }

    [Fact]
    public async Task Every_activity_call_uses_the_standard_retry_policy()
    {
        var harness = new DealToInvoiceHarness();

        await harness.RunAsync();

        Assert.All(harness.Calls, c => Assert.Same(WorkflowRetry.Standard, c.Options));
    }

    [Fact]
    public async Task Deal_without_line_items_is_dead_lettered_and_nothing_else_runs()
    {
        var harness = new DealToInvoiceHarness().Returns(ActivityNames.FetchCrmDeal, Deal with { LineItems = [] });

        DealToInvoiceResult result = await harness.RunAsync();

        Assert.Equal([ActivityNames.FetchCrmDeal, ActivityNames.RecordDeadLetter], harness.CalledNames);
        Assert.Equal(DealToInvoiceResult.DeadLettered, result.Outcome);
        var letter = Assert.IsType<DeadLetterInput>(harness.InputOf(ActivityNames.RecordDeadLetter));
        Assert.Contains("line items", letter.Reason, StringComparison.Ordinal);
        Assert.Equal(InstanceId, letter.Reference);
    }

    [Theory]
    [InlineData(ActivityNames.FetchCrmDeal)]
    [InlineData(ActivityNames.EnsureErpCustomer)]
    [InlineData(ActivityNames.CreateErpInvoice)]
    [InlineData(ActivityNames.PatchCrmDeal)]
    public async Task A_failed_activity_is_dead_lettered_naming_it_and_no_later_step_runs(string failing)
    {
        string[] steps = [ActivityNames.FetchCrmDeal, ActivityNames.EnsureErpCustomer, ActivityNames.CreateErpInvoice, ActivityNames.PatchCrmDeal];
        var harness = new DealToInvoiceHarness().Fail(failing);

        DealToInvoiceResult result = await harness.RunAsync();

        Assert.Equal([.. steps.Take(Array.IndexOf(steps, failing) + 1), ActivityNames.RecordDeadLetter], harness.CalledNames);
        Assert.Equal(DealToInvoiceResult.DeadLettered, result.Outcome);
        var letter = Assert.IsType<DeadLetterInput>(harness.InputOf(ActivityNames.RecordDeadLetter));
        Assert.Contains(failing, letter.Reason, StringComparison.Ordinal);
        Assert.Contains(FailureMessage, letter.Reason, StringComparison.Ordinal);
        Assert.Equal(typeof(HttpRequestException).FullName, letter.Detail);
        Assert.Equal((InstanceId, CorrelationId), (letter.Reference, letter.CorrelationId));
        Assert.Equal(DealToInvoiceResult.DeadLettered, harness.Statuses[^1].Step);
    }
}
