using Integration.Orchestrations.Common;
using Integration.Orchestrations.Orders;
using Integration.Orchestrations.Routing;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Moq.Protected;
using Xunit;

namespace Integration.Tests.Unit.Orchestrations.Orders;

/// <summary>
/// A strict mocked orchestration context for the order workflows: activities answer from per-name functions (defaults
/// below: a US order of two lines that plans, reserves at ShipBob and is created there), reviews are answered from a
/// queue, and order events are delivered when a chosen activity is called (or at once). SLA timers are held unless the
/// test fires some; review escalation timers never fire. Every call, status and timer is recorded.
/// </summary>
internal sealed class OrderHarness
{
    public const string CorrelationId = "corr-12";
    public const string InstanceId = "order-store-a-1001";
    public const string FailureMessage = "warehouse said 503 for too long";
    public const string WarehouseOrderId = "sb-500";

    public static readonly DateTime Now = new(2026, 12, 7, 10, 0, 0, DateTimeKind.Utc);

    public static readonly ShippingAddress Address = new("Ada Lovelace", "1 Main St", null, "Springfield", "CA", "US", "90001", null);

    public static readonly ShopOrder Order = new(
        "store-a",
        1001,
        "#1001",
        "ada@example.com",
        "USD",
        Address,
        [new ShopOrderLine(11, "TEE-BLK-M", "T-shirt", 2, 20m), new ShopOrderLine(12, "MUG-CLASSIC", "Mug", 1, 9.5m)],
        new DateTimeOffset(Now).AddMinutes(-1),
        null,
        null,
        null);

    public static readonly FulfilmentPlan Plan = new(
        "store-a-1001",
        "v2",
        [new PlannedLine(11, "TEE-BLK-M", "WH-TEE-BLK-M", "T-shirt", 2, 20m), new PlannedLine(12, "MUG-CLASSIC", "WH-MUG-CLASSIC", "Mug", 1, 9.5m)],
        ["shipbob", "shipstation"],
        TimeSpan.FromDays(2),
        []);

    public static readonly FulfilmentPlan Unmapped = Plan with
    {
        Lines = [Plan.Lines[0], Plan.Lines[1] with { Sku = "SKU-UNMAPPED-2", WarehouseSku = null }],
        Problems = ["data dictionary v2 has no warehouse SKU for 'SKU-UNMAPPED-2'"],
    };

    private readonly Dictionary<string, Func<object?, object>> answers = new(StringComparer.Ordinal);
    private readonly Queue<ReviewDecision> decisions = new();
    private readonly HashSet<string> failing = new(StringComparer.Ordinal);
    private readonly List<(string Activity, int Occurrence, OrderEvent Event)> scheduled = [];
    private readonly Queue<OrderEvent> available = new();
    private TaskCompletionSource<OrderEvent>? waiter;
    private TaskCompletionSource<ReviewDecision> pendingDecision = new();
    private DateTime clock = Now;

    public OrderHarness()
    {
        Answer(ActivityNames.PlanOrderFulfilment, _ => Plan);
        Answer(ActivityNames.ReserveOrderStock, i => new StockReservation("store-a-1001", StockReservation.Reserved, ((ReserveStockInput)i!).PinnedWarehouse ?? "shipbob", []));
        Answer(ActivityNames.ReleaseOrderStock, _ => new StockReservation("store-a-1001", StockReservation.Reserved, "shipbob", []));
        Answer(ActivityNames.CommitShippedStock, _ => new StockReservation("store-a-1001", StockReservation.Shipped, "shipbob", []));
        Answer(ActivityNames.SyncStoreStock, _ => new SyncStoreStockResult(3, 3, []));
        Answer(ActivityNames.CreateWarehouseOrder, i => new WarehouseOrderResult(((WarehouseOrderRequest)i!).Warehouse, "store-a-1001", WarehouseOrderResult.Created, WarehouseOrderId, null));
        Answer(ActivityNames.CancelWarehouseOrder, _ => new WarehouseCancelResult(WarehouseCancelResult.Cancelled, null));
        Answer(ActivityNames.CreateShopFulfilment, i => new ShopFulfilmentResult(ShopFulfilmentResult.Created, "gid://shopify/Fulfillment/" + ((CreateShopFulfilmentInput)i!).ShipmentId, null));
        Answer(ActivityNames.AddOrderCrmNote, _ => new OrderCrmNoteResult("store-a-1001", OrderCrmNoteResult.Noted, "c-1", "n-1", "noted"));
        Answer(ActivityNames.FetchShipStationShipments, _ => new ShipStationShipmentsResult(2, 1, 1, ["shipstation-shipment-7"]));

        Context.SetupGet(c => c.InstanceId).Returns(InstanceId);
        Context.SetupGet(c => c.CurrentUtcDateTime).Returns(() => clock);
        Context.SetupGet(c => c.IsReplaying).Returns(false);
        Context.Protected().SetupGet<ILoggerFactory>("LoggerFactory").Returns(NullLoggerFactory.Instance);
        Context.Setup(c => c.CreateReplaySafeLogger<OrderFulfilmentOrchestrator>()).CallBase();
        Context.Setup(c => c.CreateReplaySafeLogger<StockReservationOrchestrator>()).CallBase();
        Context.Setup(c => c.NewGuid()).Returns(() => Guid.NewGuid());
        Context.Setup(c => c.SetCustomStatus(It.IsAny<object?>())).Callback<object?>(s => Statuses.Add(Assert.IsType<WorkflowStatus>(s)));
        Context.Setup(c => c.WaitForExternalEvent<ReviewDecision>(ManualReview.DecisionEvent, It.IsAny<CancellationToken>())).Returns(() => pendingDecision.Task);
        Context.Setup(c => c.WaitForExternalEvent<OrderEvent>(OrderEvent.EventName, It.IsAny<CancellationToken>())).Returns(() =>
        {
            EventWaits++;
            if (available.Count > 0)
            {
                return Task.FromResult(available.Dequeue());
            }

            waiter = new TaskCompletionSource<OrderEvent>();
            return waiter.Task;
        });

        Context.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()))
            .Returns<DateTime, CancellationToken>((at, _) =>
            {
                Timers.Add(at);
                if (at == clock + ManualReview.EscalateAfter || SlaTimersToFire <= 0)
                {
                    return new TaskCompletionSource().Task;
                }

                SlaTimersToFire--;
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
                    if (decisions.Count > 0)
                    {
                        pendingDecision.TrySetResult(decisions.Dequeue());
                    }
                }

                return failing.Contains(n.Name) ? Task.FromException(Failure(n.Name)) : Task.CompletedTask;
            });
        SetupTyped<FulfilmentPlan>(ActivityNames.PlanOrderFulfilment);
        SetupTyped<StockReservation>(ActivityNames.ReserveOrderStock);
        SetupTyped<StockReservation>(ActivityNames.ReleaseOrderStock);
        SetupTyped<StockReservation>(ActivityNames.CommitShippedStock);
        SetupTyped<SyncStoreStockResult>(ActivityNames.SyncStoreStock);
        SetupTyped<WarehouseOrderResult>(ActivityNames.CreateWarehouseOrder);
        SetupTyped<WarehouseCancelResult>(ActivityNames.CancelWarehouseOrder);
        SetupTyped<ShopFulfilmentResult>(ActivityNames.CreateShopFulfilment);
        SetupTyped<OrderCrmNoteResult>(ActivityNames.AddOrderCrmNote);
        SetupTyped<ShipStationShipmentsResult>(ActivityNames.FetchShipStationShipments);
    }

    /// <summary>Strict, so a call to anything not set up here fails the test.</summary>
    public Mock<TaskOrchestrationContext> Context { get; } = new(MockBehavior.Strict);

    public List<(string Name, object? Input, TaskOptions? Options)> Calls { get; } = [];

    public List<WorkflowStatus> Statuses { get; } = [];

    public List<DateTime> Timers { get; } = [];

    /// <summary>How many SLA (non-escalation) timers fire, each moving orchestration time to its deadline; the rest are held.</summary>
    public int SlaTimersToFire { get; set; }

    /// <summary>How many times the workflow registered an order-event waiter.</summary>
    public int EventWaits { get; private set; }

    /// <summary>Activity names called, without the review alerts (they come with every question).</summary>
    public IEnumerable<string> CalledNames => Calls.Select(c => c.Name).Where(n => n != ActivityNames.RaiseReviewAlert);

    public OrderHarness Answer(string activity, Func<object?, object> answer)
    {
        answers[activity] = answer;
        return this;
    }

    public OrderHarness Returns(string activity, params object[] results)
    {
        var queue = new Queue<object>(results);
        return Answer(activity, _ => queue.Count > 1 ? queue.Dequeue() : queue.Peek());
    }

    public OrderHarness Decide(params ReviewDecision[] answered)
    {
        foreach (ReviewDecision d in answered)
        {
            decisions.Enqueue(d);
        }

        return this;
    }

    public OrderHarness Fail(string activity)
    {
        failing.Add(activity);
        return this;
    }

    /// <summary>Delivers the event when <paramref name="activity"/> is called for the <paramref name="occurrence"/>th time (null: before the run starts).</summary>
    public OrderHarness Deliver(OrderEvent e, string? activity, int occurrence = 1)
    {
        if (activity is null)
        {
            available.Enqueue(e);
        }
        else
        {
            scheduled.Add((activity, occurrence, e));
        }

        return this;
    }

    /// <summary>Runs the workflow; one that would wait for ever (an event the test did not deliver) fails after <see cref="HangGuard"/> instead of hanging the run.</summary>
    public Task<OrderFulfilmentResult> RunAsync(ShopOrder? order = null) =>
        new OrderFulfilmentOrchestrator().RunAsync(Context.Object, new OrderFulfilmentInput(order ?? Order, CorrelationId, "shopify-1")).WaitAsync(HangGuard);

    /// <summary>Far above the milliseconds a run takes here; only a workflow stuck waiting reaches it.</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    public T InputOf<T>(string activity) => Assert.IsType<T>(Assert.Single(Calls, c => c.Name == activity).Input);

    public IEnumerable<T> InputsOf<T>(string activity) => Calls.Where(c => c.Name == activity).Select(c => Assert.IsType<T>(c.Input));

    public IEnumerable<AlertInput> Alerts => InputsOf<AlertInput>(ActivityNames.RaiseAlert);

    public ReviewRequest ReviewAsked(int index = 0) =>
        Statuses.Where(s => s.Step == ManualReview.AwaitingStep).Select(s => s.Review!).ElementAt(index);

    public int ReviewsAsked => Statuses.Count(s => s.Step == ManualReview.AwaitingStep);

    public static ReviewDecision Answered(string action, string? value = null) => new(action, value, "ops@example.com", "checked");

    public static OrderEvent Shipped(string shipmentId, params (string Sku, int Quantity)[] lines) => new(
        "shipbob-" + shipmentId,
        "corr-ship",
        EventTypes.WmsOrderShipped,
        null,
        new WarehouseShipment("shipbob", "store-a-1001", WarehouseOrderId, shipmentId, WarehouseShipment.Shipped, "USPS", "TRK-" + shipmentId, "https://track.example/" + shipmentId, lines.Select(l => new ShipmentLine(l.Sku, l.Quantity)).ToArray(), null));

    public static OrderEvent AllShipped(string shipmentId = "s1") => Shipped(shipmentId, ("WH-TEE-BLK-M", 2), ("WH-MUG-CLASSIC", 1));

    public static OrderEvent ShipmentProblem(string status, string detail) => new(
        "shipbob-x", "corr-x", EventTypes.WmsShipmentException, null,
        new WarehouseShipment("shipbob", "store-a-1001", WarehouseOrderId, "s9", status, null, null, null, [], detail));

    public static OrderEvent Updated(ShopOrder order) => new("shopify-u", "corr-u", EventTypes.ShopOrderUpdated, order, null);

    public static OrderEvent CancelledInStore() =>
        new("shopify-c", "corr-c", EventTypes.ShopOrderCancelled, Order with { CancelledAt = new DateTimeOffset(Now), CancelReason = "customer" }, null);

    private static TaskFailedException Failure(string name) =>
        new(name, 7, new TaskFailureDetails(typeof(HttpRequestException).FullName!, FailureMessage, null, null, null));

    private void Record(string name, object? input, TaskOptions? options)
    {
        Calls.Add((name, input, options));
        int occurrence = Calls.Count(c => c.Name == name);
        foreach ((string activity, int at, OrderEvent e) in scheduled.Where(s => s.Activity == name && s.Occurrence == occurrence).ToList())
        {
            if (waiter is not null && !waiter.Task.IsCompleted)
            {
                waiter.SetResult(e);
            }
            else
            {
                available.Enqueue(e);
            }
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
