using Integration.Orchestrations.Common;
using Integration.Orchestrations.DealToInvoice;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Moq.Protected;
using Xunit;

namespace Integration.Tests.Unit.Orchestrations.DealToInvoice;

/// <summary>Every branch of the deal-to-invoice workflow, driven through a mocked orchestration context.</summary>
public sealed class DealToInvoiceOrchestratorTests
{
    private const string DealId = "9001";
    private const string CorrelationId = "corr-42";
    private const string InstanceId = "deal-invoice-9001";

    // 23:30 UTC on the last day of January: the date must come from orchestration time, not from the clock.
    private static readonly DateTime OrchestrationNow = new(2026, 1, 31, 23, 30, 0, DateTimeKind.Utc);

    private static readonly DealToInvoiceInput Input = new(DealId, CorrelationId, "crm-777");

    private static readonly CrmCompany Company = new("c-1", "Acme Ltd", "acme.example", "billing@acme.example");

    private static readonly CrmLineItem[] Lines =
    [
        new("li-1", "Widget", "W-1", 2m, 10.50m, 21.00m),
        new("li-2", "Gadget", null, 1m, 5m, 5m),
    ];

    private static readonly CrmDeal Deal = new(DealId, "Acme renewal", 26m, "closedwon", "GBP", Company, Lines);

    private static readonly ErpCustomerRef Customer = new("qbo-cust-7", "Acme Ltd", ErpCustomerRef.ByCrossReference);

    private static readonly ErpInvoiceRef Invoice = new("qbo-inv-55", "1055", 26m);

    [Fact]
    public async Task Happy_path_calls_the_four_activities_in_order_and_returns_invoiced()
    {
        var harness = new Harness();

        DealToInvoiceResult result = await new DealToInvoiceOrchestrator().RunAsync(harness.Context.Object, Input);

        Assert.Equal(
            [ActivityNames.FetchCrmDeal, ActivityNames.EnsureErpCustomer, ActivityNames.CreateErpInvoice, ActivityNames.PatchCrmDeal],
            harness.CalledNames);
        Assert.Equal(new DealToInvoiceResult(DealId, "invoiced", Customer.Id, ErpCustomerRef.ByCrossReference, Invoice.Id, 26m, null), result);
    }

    [Fact]
    public async Task Happy_path_passes_the_deal_and_correlation_id_to_fetch_and_customer_steps()
    {
        var harness = new Harness();

        await new DealToInvoiceOrchestrator().RunAsync(harness.Context.Object, Input);

        Assert.Equal(new FetchCrmDealInput(DealId, CorrelationId), harness.InputOf(ActivityNames.FetchCrmDeal));
        Assert.Equal(new EnsureErpCustomerInput(Company, CorrelationId), harness.InputOf(ActivityNames.EnsureErpCustomer));
    }

    [Fact]
    public async Task Happy_path_creates_the_invoice_under_the_deal_idempotency_key_with_orchestration_dates()
    {
        var harness = new Harness();

        await new DealToInvoiceOrchestrator().RunAsync(harness.Context.Object, Input);

        var create = Assert.IsType<CreateErpInvoiceInput>(harness.InputOf(ActivityNames.CreateErpInvoice));
        Assert.Equal("deal-9001-invoice-r1", create.IdempotencyKey);
        Assert.Equal(new DateOnly(2026, 1, 31), create.TxnDate);
        Assert.Equal(new DateOnly(2026, 3, 2), create.DueDate);
        Assert.Equal(DealId, create.DealId);
        Assert.Equal(Customer.Id, create.CustomerId);
        Assert.Equal(Lines, create.Lines);
        Assert.Equal(CorrelationId, create.CorrelationId);
    }

    [Fact]
    public async Task Happy_path_writes_the_invoice_id_back_to_the_deal()
    {
        var harness = new Harness();

        await new DealToInvoiceOrchestrator().RunAsync(harness.Context.Object, Input);

        var patch = Assert.IsType<PatchCrmDealInput>(harness.InputOf(ActivityNames.PatchCrmDeal));
        Assert.Equal(DealId, patch.DealId);
        Assert.Equal(CorrelationId, patch.CorrelationId);
        var property = Assert.Single(patch.Properties);
        Assert.Equal("erp_invoice_id", property.Key);
        Assert.Equal(Invoice.Id, property.Value);
    }

    [Fact]
    public async Task Happy_path_publishes_each_step_as_custom_status_and_ends_completed()
    {
        var harness = new Harness();

        await new DealToInvoiceOrchestrator().RunAsync(harness.Context.Object, Input);

        Assert.Equal(
            ["fetching-deal", "matching-customer", "creating-invoice", "patching-deal", "completed"],
            harness.Statuses.Select(s => s.Step));
        Assert.All(harness.Statuses, s => Assert.Equal(OrchestrationNow, s.UpdatedAt));
        Assert.Contains(Invoice.Id, harness.Statuses[^1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_activity_call_uses_the_standard_retry_policy()
    {
        var harness = new Harness();

        await new DealToInvoiceOrchestrator().RunAsync(harness.Context.Object, Input);

        Assert.Equal(4, harness.Calls.Count);
        Assert.All(harness.Calls, call => Assert.Same(WorkflowRetry.Standard, call.Options));
    }

    [Fact]
    public async Task Deal_without_a_company_asks_for_review_and_invoices_the_customer_the_operator_names()
    {
        var harness = new Harness(deal: Deal with { Company = null }, decision: new ReviewDecision("use-customer", "qbo-cust-77", "ana", null));

        DealToInvoiceResult result = await new DealToInvoiceOrchestrator().RunAsync(harness.Context.Object, Input);

        Assert.Equal([ActivityNames.FetchCrmDeal, ActivityNames.RaiseReviewAlert, ActivityNames.CreateErpInvoice, ActivityNames.PatchCrmDeal], harness.CalledNames);
        var create = Assert.IsType<CreateErpInvoiceInput>(harness.InputOf(ActivityNames.CreateErpInvoice));
        Assert.Equal("qbo-cust-77", create.CustomerId);
        Assert.Equal(DealToInvoiceResult.Invoiced, result.Outcome);
        Assert.Equal(ErpCustomerRef.ByOperator, result.CustomerMatchRule);
        WorkflowStatus asked = Assert.Single(harness.Statuses, s => s.Step == ManualReview.AwaitingStep);
        Assert.Contains("no associated company", asked.Detail, StringComparison.Ordinal);
        Assert.Equal(["use-customer", "cancel"], asked.Review!.Actions.Select(a => a.Name));
        Assert.True(asked.Review.Actions[0].RequiresValue);
    }

    [Fact]
    public async Task Deal_without_a_company_cancelled_by_the_operator_creates_nothing()
    {
        var harness = new Harness(deal: Deal with { Company = null }, decision: new ReviewDecision("cancel", null, "ana", "duplicate deal"));

        DealToInvoiceResult result = await new DealToInvoiceOrchestrator().RunAsync(harness.Context.Object, Input);

        Assert.Equal([ActivityNames.FetchCrmDeal, ActivityNames.RaiseReviewAlert], harness.CalledNames);
        Assert.Equal(DealToInvoiceResult.Cancelled, result.Outcome);
        Assert.Null(result.InvoiceId);
        Assert.Contains("ana", result.Failure, StringComparison.Ordinal);
        Assert.Contains("duplicate deal", result.Failure, StringComparison.Ordinal);
        Assert.Equal(DealToInvoiceResult.Cancelled, harness.Statuses[^1].Step);
    }

    [Fact]
    public async Task An_unanswered_review_escalates_each_interval_until_the_decision_arrives()
    {
        var harness = new Harness(deal: Deal with { Company = null }, decision: new ReviewDecision("cancel", null, null, null), escalationsBeforeDecision: 2);

        await new DealToInvoiceOrchestrator().RunAsync(harness.Context.Object, Input);

        Assert.Equal([0, 1, 2], harness.Calls.Where(c => c.Name == ActivityNames.RaiseReviewAlert).Select(c => ((ReviewAlertInput)c.Input!).Escalation));
        Assert.Equal(3, harness.TimerDeadlines.Count);
        Assert.All(harness.TimerDeadlines, at => Assert.Equal(OrchestrationNow + ManualReview.EscalateAfter, at));
    }

    [Fact]
    public async Task Escalation_stops_after_the_last_reminder_and_the_review_keeps_waiting()
    {
        var harness = new Harness(
            deal: Deal with { Company = null }, decision: new ReviewDecision("cancel", null, null, null), escalationsBeforeDecision: ManualReview.MaxEscalations);

        DealToInvoiceResult result = await new DealToInvoiceOrchestrator().RunAsync(harness.Context.Object, Input);

        Assert.Equal(ManualReview.MaxEscalations, harness.TimerDeadlines.Count);
        Assert.Equal(ManualReview.MaxEscalations + 1, harness.Calls.Count(c => c.Name == ActivityNames.RaiseReviewAlert));
        Assert.Equal(DealToInvoiceResult.Cancelled, result.Outcome);
    }

    [Fact]
    public async Task Deal_without_line_items_is_dead_lettered_and_nothing_else_runs()
    {
        var harness = new Harness(deal: Deal with { LineItems = [] });

        DealToInvoiceResult result = await new DealToInvoiceOrchestrator().RunAsync(harness.Context.Object, Input);

        Assert.Equal([ActivityNames.FetchCrmDeal, ActivityNames.RecordDeadLetter], harness.CalledNames);
        Assert.Equal("dead-lettered", result.Outcome);
        Assert.Null(result.InvoiceId);
        var letter = Assert.IsType<DeadLetterInput>(harness.InputOf(ActivityNames.RecordDeadLetter));
        Assert.Contains("line items", letter.Reason, StringComparison.Ordinal);
        Assert.Equal(InstanceId, letter.Reference);
        Assert.Equal("dead-lettered", harness.Statuses[^1].Step);
    }

    [Theory]
    [InlineData(ActivityNames.FetchCrmDeal)]
    [InlineData(ActivityNames.EnsureErpCustomer)]
    [InlineData(ActivityNames.CreateErpInvoice)]
    [InlineData(ActivityNames.PatchCrmDeal)]
    public async Task A_failed_activity_is_dead_lettered_naming_it_and_no_later_step_runs(string failing)
    {
        string[] steps = [ActivityNames.FetchCrmDeal, ActivityNames.EnsureErpCustomer, ActivityNames.CreateErpInvoice, ActivityNames.PatchCrmDeal];
        var harness = new Harness(failingActivity: failing);

        DealToInvoiceResult result = await new DealToInvoiceOrchestrator().RunAsync(harness.Context.Object, Input);

        string[] expected = [.. steps.Take(Array.IndexOf(steps, failing) + 1), ActivityNames.RecordDeadLetter];
        Assert.Equal(expected, harness.CalledNames);
        Assert.Equal("dead-lettered", result.Outcome);
        Assert.Null(result.InvoiceId);
        var letter = Assert.IsType<DeadLetterInput>(harness.InputOf(ActivityNames.RecordDeadLetter));
        Assert.Contains(failing, letter.Reason, StringComparison.Ordinal);
        Assert.Contains(Harness.FailureMessage, letter.Reason, StringComparison.Ordinal);
        Assert.Equal(typeof(HttpRequestException).FullName, letter.Detail);
        Assert.Equal(InstanceId, letter.Reference);
        Assert.Equal(CorrelationId, letter.CorrelationId);
        Assert.Equal(letter.Reason, result.Failure);
        Assert.Equal("dead-lettered", harness.Statuses[^1].Step);
    }

    /// <summary>A mocked context whose activities answer with the canned deal, customer and invoice, recording every call.</summary>
    private sealed class Harness
    {
        public const string FailureMessage = "vendor said 503 for too long";

        private readonly string? failingActivity;

        /// <param name="decision">The operator's answer to a review, delivered after <paramref name="escalationsBeforeDecision"/> overdue reminders.</param>
        public Harness(CrmDeal? deal = null, string? failingActivity = null, ReviewDecision? decision = null, int escalationsBeforeDecision = 0)
        {
            this.failingActivity = failingActivity;
            var pendingDecision = new TaskCompletionSource<ReviewDecision>();
            Context.Setup(c => c.WaitForExternalEvent<ReviewDecision>(ManualReview.DecisionEvent, It.IsAny<CancellationToken>())).Returns(pendingDecision.Task);
            Context.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()))
                .Returns<DateTime, CancellationToken>((at, _) =>
                {
                    TimerDeadlines.Add(at);
                    return TimerDeadlines.Count <= escalationsBeforeDecision ? Task.CompletedTask : new TaskCompletionSource().Task;
                });
            Context.Setup(c => c.CallActivityAsync(It.Is<TaskName>(n => n.Name == ActivityNames.RaiseReviewAlert), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
                .Returns<TaskName, object?, TaskOptions?>((n, input, options) =>
                {
                    Calls.Add((n.Name, input, options));
                    if (decision is not null && ((ReviewAlertInput)input!).Escalation == escalationsBeforeDecision)
                    {
                        pendingDecision.TrySetResult(decision);
                    }

                    return Task.CompletedTask;
                });
            Context.SetupGet(c => c.InstanceId).Returns(InstanceId);
            Context.SetupGet(c => c.CurrentUtcDateTime).Returns(OrchestrationNow);
            Context.SetupGet(c => c.IsReplaying).Returns(false);
            Context.Protected().SetupGet<ILoggerFactory>("LoggerFactory").Returns(NullLoggerFactory.Instance);

            // The real replay-safe logger, built by the base class over the LoggerFactory above.
            Context.Setup(c => c.CreateReplaySafeLogger<DealToInvoiceOrchestrator>()).CallBase();
            Context.Setup(c => c.SetCustomStatus(It.IsAny<object?>()))
                .Callback<object?>(status => Statuses.Add(Assert.IsType<WorkflowStatus>(status)));
            Setup(ActivityNames.FetchCrmDeal, deal ?? Deal);
            Setup(ActivityNames.EnsureErpCustomer, Customer);
            Setup(ActivityNames.CreateErpInvoice, Invoice);
            SetupWithoutResult(ActivityNames.PatchCrmDeal);
            SetupWithoutResult(ActivityNames.RecordDeadLetter);
        }

        /// <summary>Strict, so a call to anything not set up here (another activity, a timer) fails the test.</summary>
        public Mock<TaskOrchestrationContext> Context { get; } = new(MockBehavior.Strict);

        public List<(string Name, object? Input, TaskOptions? Options)> Calls { get; } = [];

        public List<WorkflowStatus> Statuses { get; } = [];

        public List<DateTime> TimerDeadlines { get; } = [];

        public IEnumerable<string> CalledNames => Calls.Select(c => c.Name);

        public object? InputOf(string activity) => Assert.Single(Calls, c => c.Name == activity).Input;

        private static TaskFailedException Failure(string name) =>
            new(name, 7, new TaskFailureDetails(typeof(HttpRequestException).FullName!, FailureMessage, null, null, null));

        private void Setup<T>(string name, T result) =>
            Context.Setup(c => c.CallActivityAsync<T>(It.Is<TaskName>(n => n.Name == name), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
                .Returns<TaskName, object?, TaskOptions?>((n, input, options) =>
                {
                    Calls.Add((n.Name, input, options));
                    return name == failingActivity ? Task.FromException<T>(Failure(name)) : Task.FromResult(result);
                });

        // PatchCrmDeal and RecordDeadLetter are awaited without a result, through the non-generic overload.
        private void SetupWithoutResult(string name) =>
            Context.Setup(c => c.CallActivityAsync(It.Is<TaskName>(n => n.Name == name), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
                .Returns<TaskName, object?, TaskOptions?>((n, input, options) =>
                {
                    Calls.Add((n.Name, input, options));
                    return name == failingActivity ? Task.FromException(Failure(name)) : Task.CompletedTask;
                });
    }
}
