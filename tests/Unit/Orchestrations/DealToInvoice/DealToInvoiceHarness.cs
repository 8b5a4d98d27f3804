using Integration.Orchestrations.Common;
using Integration.Orchestrations.DealToInvoice;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Moq.Protected;
using Xunit;

namespace Integration.Tests.Unit.Orchestrations.DealToInvoice;

/// <summary>
/// A strict mocked orchestration context for the deal workflow: activities answer from per-name
/// functions (defaults below), reviews are answered from a queue, and a deal change can be delivered
/// at a chosen activity call. Every call, status, timer and ContinueAsNew is recorded.
/// </summary>
internal sealed class DealToInvoiceHarness
{
    public const string DealId = "9001";
    public const string CorrelationId = "corr-42";
    public const string InstanceId = "deal-invoice-9001";
    public const string FailureMessage = "vendor said 503 for too long";

    // 23:30 UTC on the last day of January: dates must come from orchestration time, not from the clock.
    public static readonly DateTime Now = new(2026, 1, 31, 23, 30, 0, DateTimeKind.Utc);

    public static readonly DealToInvoiceInput Input = new(DealId, CorrelationId, "crm-777");

    public static readonly CrmCompany Company = new("c-1", "Acme Ltd", "acme.example", "billing@acme.example", "PARTNER");

    public static readonly CrmLineItem[] Lines =
    [
        new("li-1", "Widget", "W-1", 2m, 10.50m, 21.00m),
        new("li-2", "Gadget", "G-1", 1m, 5m, 5m),
    ];

    public static readonly CrmDeal Deal = new(DealId, "Acme renewal", 26m, "closedwon", "GBP", Company, Lines, PaymentTerms: "Net 45");

    public static readonly InvoiceLine[] DraftLines =
    [
        new("li-1", "ITEM-W", "Widget", 2m, 10.50m, 0m, 21.00m, "TAX"),
        new("li-2", "ITEM-G", "Gadget", 1m, 5m, 0m, 5m, "TAX"),
    ];

    public static readonly InvoiceDraft Draft = new("v1", "GBP", DraftLines, 26m, [], new AmountCheck(26m, 26m, 0m, 0.01m), "7");

    public static readonly ErpCustomerRef Customer = new("qbo-cust-7", "Acme Ltd", ErpCustomerRef.ByCrossReference);

    public static readonly InvoiceSchedule Schedule = new(
        new DateTimeOffset(Now), new DateOnly(2026, 1, 31), new DateOnly(2026, 3, 17), 45, "Europe/London", "Saturday 2026-01-31 23:30 Europe/London");

    public static readonly ErpInvoiceRef Invoice = new("qbo-inv-55", "1055", 26m);

    /// <summary>Pass to <see cref="ChangeDeal"/> to deliver the change when the business-day timer is created.</summary>
    public const string AtBusinessDayTimer = "(business-day timer)";

    private readonly Dictionary<string, Func<object?, object>> answers = new(StringComparer.Ordinal);
    private readonly Queue<ReviewDecision> decisions = new();
    private readonly TaskCompletionSource<DealChanged> changed = new();
    private readonly HashSet<string> failing = new(StringComparer.Ordinal);
    private readonly int escalationsBeforeDecision;
    private TaskCompletionSource<ReviewDecision> pendingDecision = new();
    private string? changeAt;
    private DateTime clock = Now;

    public DealToInvoiceHarness(int escalationsBeforeDecision = 0)
    {
        this.escalationsBeforeDecision = escalationsBeforeDecision;
        Answer(ActivityNames.FetchCrmDeal, _ => Deal);
        Answer(ActivityNames.BuildInvoiceDraft, _ => Draft);
        Answer(ActivityNames.EnsureErpCustomer, _ => new CustomerMatch(CustomerMatch.Matched, Customer, [], null));
        Answer(ActivityNames.PlanInvoiceDate, _ => Schedule);
        Answer(ActivityNames.CreateErpInvoice, _ => Invoice);
        Answer(ActivityNames.ReverseErpInvoice, input => new ErpReversal(((ReverseErpInvoiceInput)input!).Mode ?? ReverseErpInvoiceInput.Void, ((ReverseErpInvoiceInput)input!).InvoiceId, null, 26m));

        Context.SetupGet(c => c.InstanceId).Returns(InstanceId);
        Context.SetupGet(c => c.CurrentUtcDateTime).Returns(() => clock);
        Context.SetupGet(c => c.IsReplaying).Returns(false);
        Context.Protected().SetupGet<ILoggerFactory>("LoggerFactory").Returns(NullLoggerFactory.Instance);
        Context.Setup(c => c.CreateReplaySafeLogger<DealToInvoiceOrchestrator>()).CallBase();
        Context.Setup(c => c.NewGuid()).Returns(() => Guid.NewGuid()); // review ids: a new one per question
        Context.Setup(c => c.SetCustomStatus(It.IsAny<object?>())).Callback<object?>(s => Statuses.Add(Assert.IsType<WorkflowStatus>(s)));
        Context.Setup(c => c.WaitForExternalEvent<DealChanged>(DealChanged.EventName, It.IsAny<CancellationToken>())).Returns(changed.Task);
        Context.Setup(c => c.WaitForExternalEvent<ReviewDecision>(ManualReview.DecisionEvent, It.IsAny<CancellationToken>())).Returns(() => pendingDecision.Task);
        Context.Setup(c => c.ContinueAsNew(It.IsAny<object?>(), It.IsAny<bool>()))
            .Callback<object?, bool>((input, preserve) => ContinuedAsNew.Add((Assert.IsType<DealToInvoiceInput>(input), preserve)));

        // Escalation timers (now + 4 h) stay pending unless escalations are wanted; every other timer fires
        // unless the test holds it (a business-day wait the test interrupts).
        Context.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()))
            .Returns<DateTime, CancellationToken>((at, _) =>
            {
                Timers.Add(at);
                if (at == Now + ManualReview.EscalateAfter)
                {
                    int escalation = Timers.Count(t => t == Now + ManualReview.EscalateAfter);
                    return escalation <= this.escalationsBeforeDecision ? Task.CompletedTask : new TaskCompletionSource().Task;
                }

                if (changeAt == AtBusinessDayTimer)
                {
                    changed.TrySetResult(new DealChanged("crm-888", "corr-change", "crm.deal.stage_changed.v1"));
                }

                if (HoldTimers)
                {
                    return new TaskCompletionSource().Task;
                }

                // A fired timer moves orchestration time to its deadline.
                clock = at;
                return Task.CompletedTask;
            });

        Context.Setup(c => c.CallActivityAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns<TaskName, object?, TaskOptions?>((n, input, options) =>
            {
                Record(n.Name, input, options);
                if (n.Name == ActivityNames.RaiseReviewAlert && ((ReviewAlertInput)input!).Escalation == 0)
                {
                    pendingDecision = new TaskCompletionSource<ReviewDecision>();
                }

                if (n.Name == ActivityNames.RaiseReviewAlert && ((ReviewAlertInput)input!).Escalation == this.escalationsBeforeDecision && decisions.Count > 0)
                {
                    pendingDecision.TrySetResult(decisions.Dequeue());
                }

                return failing.Contains(n.Name) ? Task.FromException(Failure(n.Name)) : Task.CompletedTask;
            });
        Context.Setup(c => c.CallActivityAsync<PreparedDeal>(It.Is<TaskName>(n => n.Name == ActivityNames.FetchCrmDeal), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns<TaskName, object?, TaskOptions?>((n, input, options) =>
            {
                Record(n.Name, input, options);
                return failing.Contains(n.Name) ? Task.FromException<PreparedDeal>(Failure(n.Name)) : Task.FromResult(Prepare((FetchCrmDealInput)input!));
            });
        SetupTyped<InvoiceDraft>(ActivityNames.BuildInvoiceDraft);
        SetupTyped<CustomerMatch>(ActivityNames.EnsureErpCustomer);
        SetupTyped<InvoiceSchedule>(ActivityNames.PlanInvoiceDate);
        SetupTyped<ErpInvoiceRef>(ActivityNames.CreateErpInvoice);
        SetupTyped<ErpReversal>(ActivityNames.ReverseErpInvoice);
    }

    /// <summary>Strict, so a call to anything not set up here fails the test.</summary>
    public Mock<TaskOrchestrationContext> Context { get; } = new(MockBehavior.Strict);

    public List<(string Name, object? Input, TaskOptions? Options)> Calls { get; } = [];

    public List<WorkflowStatus> Statuses { get; } = [];

    public List<DateTime> Timers { get; } = [];

    public List<(DealToInvoiceInput Input, bool PreserveEvents)> ContinuedAsNew { get; } = [];

    /// <summary>What the fetch activity was asked to draft and plan with (the first draft and date ride along with the read).</summary>
    public List<BuildInvoiceDraftInput> PreparedDrafts { get; } = [];

    public List<PlanInvoiceDateInput> PreparedPlans { get; } = [];

    /// <summary>When true, timers other than escalations never fire (a wait something else must end).</summary>
    public bool HoldTimers { get; set; }

    public IEnumerable<string> CalledNames => Calls.Select(c => c.Name).Where(n => n != ActivityNames.RaiseReviewAlert);

    public DealToInvoiceHarness Answer(string activity, Func<object?, object> answer)
    {
        answers[activity] = answer;
        return this;
    }

    public DealToInvoiceHarness Returns(string activity, params object[] results)
    {
        var queue = new Queue<object>(results);
        return Answer(activity, _ => queue.Count > 1 ? queue.Dequeue() : queue.Peek());
    }

    public DealToInvoiceHarness Decide(params ReviewDecision[] answers)
    {
        foreach (ReviewDecision d in answers)
        {
            decisions.Enqueue(d);
        }

        return this;
    }

    public DealToInvoiceHarness Fail(string activity)
    {
        failing.Add(activity);
        return this;
    }

    /// <summary>Delivers a deal change when <paramref name="activity"/> is called (null: buffered before the run starts).</summary>
    public DealToInvoiceHarness ChangeDeal(string? activity)
    {
        changeAt = activity;
        if (activity is null)
        {
            changed.TrySetResult(new DealChanged("crm-888", "corr-change", "crm.deal.stage_changed.v1"));
        }

        return this;
    }

    public Task<DealToInvoiceResult> RunAsync() => new DealToInvoiceOrchestrator().RunAsync(Context.Object, Input);

    public object? InputOf(string activity) => Assert.Single(Calls, c => c.Name == activity).Input;

    public IEnumerable<object?> InputsOf(string activity) => Calls.Where(c => c.Name == activity).Select(c => c.Input);

    public IReadOnlyDictionary<string, string> PatchedProperties(int index = 0) =>
        Assert.IsType<PatchCrmDealInput>(InputsOf(ActivityNames.PatchCrmDeal).ElementAt(index)).Properties;

    public ReviewRequest ReviewAsked(int index = 0) =>
        Statuses.Where(s => s.Step == ManualReview.AwaitingStep).Select(s => s.Review!).ElementAt(index);

    private static TaskFailedException Failure(string name) =>
        new(name, 7, new TaskFailureDetails(typeof(HttpRequestException).FullName!, FailureMessage, null, null, null));

    /// <summary>As the fetch activity does: the deal, plus the first draft and date when asked and the deal is closed-won with lines.</summary>
    private PreparedDeal Prepare(FetchCrmDealInput input)
    {
        var deal = (CrmDeal)answers[ActivityNames.FetchCrmDeal](input);
        if (input.PrepareAt is not { } now || !deal.IsClosedWon || deal.LineItems.Count == 0)
        {
            return new PreparedDeal(deal, null, null);
        }

        var draftInput = new BuildInvoiceDraftInput(deal, new Dictionary<string, string>(), [], input.CorrelationId);
        var planInput = new PlanInvoiceDateInput(deal.Id, deal.CloseDate ?? now, now, deal.PaymentTerms);
        PreparedDrafts.Add(draftInput);
        PreparedPlans.Add(planInput);
        return new PreparedDeal(deal, (InvoiceDraft)answers[ActivityNames.BuildInvoiceDraft](draftInput), (InvoiceSchedule)answers[ActivityNames.PlanInvoiceDate](planInput));
    }

    private void Record(string name, object? input, TaskOptions? options)
    {
        Calls.Add((name, input, options));
        if (name == changeAt)
        {
            changed.TrySetResult(new DealChanged("crm-888", "corr-change", "crm.deal.stage_changed.v1"));
        }
    }

    private void SetupTyped<T>(string name) =>
        Context.Setup(c => c.CallActivityAsync<T>(It.Is<TaskName>(n => n.Name == name), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns<TaskName, object?, TaskOptions?>((n, input, options) =>
            {
                Record(n.Name, input, options);
                return failing.Contains(name) ? Task.FromException<T>(Failure(name)) : Task.FromResult((T)answers[name](input));
            });
}
