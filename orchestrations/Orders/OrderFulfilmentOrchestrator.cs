using System.Globalization;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.Routing;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Integration.Orchestrations.Orders;

/// <summary>
/// Takes one web-store order (<c>order-{shop}-{orderId}</c>) from placed to fulfilled in the store:
/// <list type="bullet">
/// <item>an order that is already cancelled when the workflow starts (a cancel that came first, or one that restarted a
/// finished workflow) goes straight to the cancellation below;</item>
/// <item>plan: every line mapped to a warehouse SKU through the data dictionary, a shipping address, the warehouses to
/// try (the routing rule); a problem goes to a person, who names a warehouse SKU (use-sku), asks to plan again after a
/// fix (retry; a newer copy of the order from the store replaces the one planned), or cancels;</item>
/// <item>reserve the lines at the first candidate warehouse that has them all; none has: "Backordered" to a person, who
/// asks to try again (retry), names the warehouse to hold them at (ship-from) or cancels;</item>
/// <item>create the warehouse order there under the order key (idempotent); a refusal goes to a person: retry, ship-from
/// (the stock is released and held again at that warehouse) or cancel;</item>
/// <item>wait for shipments with the shipping SLA as a durable timer from the warehouse order's creation: each period that
/// passes raises an alert naming the order, the warehouse and its order id, and the wait goes on;</item>
/// <item>a shipment turns its units from reserved into shipped stock, becomes a store fulfilment with its tracking (store
/// SKUs read back through the plan) and updates the stores' stock; when every line has shipped the order is fulfilled,
/// otherwise the workflow waits for the rest (a partial shipment);</item>
/// <item>a shipment exception or a shipment the warehouse cancelled raises a warning and the wait goes on; an updated order
/// that is not cancelled is noted (nothing changes once it is sent);</item>
/// <item>a cancellation: the warehouse order is cancelled (if there is one), the stock released and the stores updated;
/// if anything had shipped, or the warehouse says it is too late, an alert asks for a return (cancelled-after-shipping).</item>
/// </list>
/// A step that fails after its retries ends in a dead letter (and an alert); nothing ends without saying so.
/// </summary>
public sealed class OrderFulfilmentOrchestrator : TaskOrchestrator<OrderFulfilmentInput, OrderFulfilmentResult>
{
    /// <summary>The alert kind of a missed shipping SLA, so it is listed with the other missed deadlines.</summary>
    public const string SlaAlertKind = "deadline-missed";

    /// <summary>Bounds the questions one run asks (each answer plans again), so history stays bounded.</summary>
    public const int MaxReviewRounds = 50;

    /// <summary>Bounds the events and overdue SLA periods one order waits through (a year of daily alerts), so history stays bounded.</summary>
    public const int MaxShipmentWaits = 500;

    public override async Task<OrderFulfilmentResult> RunAsync(TaskOrchestrationContext context, OrderFulfilmentInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        ILogger log = context.CreateReplaySafeLogger<OrderFulfilmentOrchestrator>();
        var run = new Run(context, input);
        try
        {
            OrderFulfilmentResult result = await run.FulfilAsync();
            log.LogInformation("Order {OrderKey}: {Outcome} ({CorrelationId})", input.Order.Key, result.Outcome, input.CorrelationId);
            return result;
        }
        catch (TaskFailedException ex)
        {
            log.LogWarning("Order {OrderKey} failed at {Activity}: {Error} ({CorrelationId})", input.Order.Key, ex.TaskName, LogText.Safe(ex.FailureDetails.ErrorMessage), input.CorrelationId);
            string reason = $"{ex.TaskName} failed for order {input.Order.Key}: {ex.FailureDetails.ErrorMessage}";
            await WorkflowDeadLetter.RecordAsync(context, input.CorrelationId, reason, ex.FailureDetails.ErrorType);
            return run.Result(OrderFulfilmentResult.DeadLettered, reason);
        }
    }

    private static void SetStatus(TaskOrchestrationContext context, string step, string detail, DateTimeOffset? waitingUntil = null) =>
        context.SetCustomStatus(new WorkflowStatus(step, detail, context.CurrentUtcDateTime) { WaitingUntil = waitingUntil });

    /// <summary>One run's state: the order as last heard, the plan, the answers given, and what was sent and shipped.</summary>
    private sealed class Run(TaskOrchestrationContext context, OrderFulfilmentInput input)
    {
        private readonly TaskOptions retry = WorkflowRetry.Standard;
        private readonly string key = input.Order.Key;
        private readonly Dictionary<string, string> skuAnswers = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<long, int> shippedByLine = [];
        private readonly HashSet<string> shipments = new(StringComparer.Ordinal);
        private readonly List<string> fulfilments = [];
        private ShopOrder order = input.Order;
        private FulfilmentPlan? plan;
        private string? pinned;
        private bool moved;
        private string? warehouse;
        private string? warehouseOrderId;
        private bool sent;
        private bool shippedAny;
        private Task<OrderEvent>? nextEvent;

        /// <summary>A sentence the next question starts with (why it is asked again).</summary>
        private string? pendingNote;

        public async Task<OrderFulfilmentResult> FulfilAsync()
        {
            if (IsCancelled(order, null))
            {
                return await CancelAsync($"order {key} is cancelled in the store", fromStart: true);
            }

            string? note = null;
            for (int round = 0; !sent; round++)
            {
                if (round >= MaxReviewRounds)
                {
                    string reason = $"order {key} still needed answers after {MaxReviewRounds} review rounds";
                    await WorkflowDeadLetter.RecordAsync(context, input.CorrelationId, reason, null);
                    return Result(OrderFulfilmentResult.DeadLettered, reason);
                }

                OrderFulfilmentResult? ended = await SendOnceAsync(note);
                note = pendingNote;
                pendingNote = null;
                if (ended is not null)
                {
                    return ended;
                }
            }

            return await AwaitShipmentsAsync();
        }

        /// <summary>Plan, reserve and create the warehouse order once; null to go round again (after an answer or an order change), else the end.</summary>
        private async Task<OrderFulfilmentResult?> SendOnceAsync(string? note)
        {
            FulfilmentPlan current = await PlanAsync();
            if (current.Problems.Count > 0)
            {
                Answer answer = await AskAsync(OrderReviews.PlanProblems(key, current, note));
                if (answer.Event is not null)
                {
                    return await HeardBeforeSendingAsync(answer.Event);
                }

                ReviewDecision decision = answer.Decision!;
                switch (decision.Action)
                {
                    case OrderReviews.UseSku:
                        if (OrderReviews.ParseUseSku(decision.Value, current.Lines, out string? why) is { } pair)
                        {
                            skuAnswers[pair.Key] = pair.WarehouseSku;
                        }
                        else
                        {
                            pendingNote = $"The answer use-sku '{decision.Value}' was not used: {why}";
                        }

                        return null;
                    case OrderReviews.Retry:
                        return null;
                    default:
                        return await CancelByReviewAsync(decision);
                }
            }

            SetStatus(context, "reserving-stock", $"holding the stock of order {key} at {pinned ?? string.Join(" or ", current.Warehouses)}");
            StockReservation reservation = await context.CallActivityAsync<StockReservation>(
                ActivityNames.ReserveOrderStock,
                new ReserveStockInput(key, StockLines(current), current.Warehouses, pinned, input.CorrelationId),
                retry);
            if (reservation.Status == StockReservation.Released && !moved)
            {
                // Released by a cancellation (the stock subscriber heard it): the order is not sent.
                return await CancelAsync($"the stock of order {key} was released: the order was cancelled", fromStart: false);
            }

            if (reservation.Status is StockReservation.Backordered or StockReservation.Released or StockReservation.None || reservation.Warehouse is null)
            {
                string? why = reservation.Status == StockReservation.Released
                    ? $"The stock ledger did not hold order {key} again at {pinned} after it was released there for the move"
                    : null;
                return await ChooseAfterAsync(OrderReviews.Backordered(key, reservation, current.Warehouses, note ?? why), current);
            }

            warehouse = reservation.Warehouse;
            SetStatus(context, "creating-warehouse-order", $"sending order {key} to {warehouse}");
            WarehouseOrderResult created = await context.CallActivityAsync<WarehouseOrderResult>(
                ActivityNames.CreateWarehouseOrder,
                new WarehouseOrderRequest(warehouse, key, order.Name, order.Email, order.ShippingAddress!, WarehouseLines(current), input.CorrelationId),
                retry);
            if (created.Outcome == WarehouseOrderResult.Refused)
            {
                return await ChooseAfterAsync(OrderReviews.WarehouseRefused(key, warehouse, created.Detail, current.Warehouses, note), current);
            }

            warehouseOrderId = created.WarehouseOrderId;
            sent = true;
            return null;
        }

        /// <summary>The backorder and refusal questions: retry, ship-from (a warehouse of the plan), or cancel.</summary>
        private async Task<OrderFulfilmentResult?> ChooseAfterAsync(ReviewRequest question, FulfilmentPlan current)
        {
            Answer answer = await AskAsync(question);
            if (answer.Event is not null)
            {
                return await HeardBeforeSendingAsync(answer.Event);
            }

            ReviewDecision decision = answer.Decision!;
            switch (decision.Action)
            {
                case OrderReviews.Retry:
                    return null;
                case OrderReviews.ShipFrom:
                    string? chosen = current.Warehouses.FirstOrDefault(w => string.Equals(w, decision.Value?.Trim(), StringComparison.OrdinalIgnoreCase));
                    if (chosen is null)
                    {
                        pendingNote = $"The answer ship-from '{decision.Value}' was not used: it is not one of {string.Join(", ", current.Warehouses)}";
                        return null;
                    }

                    if (warehouse is not null && !string.Equals(chosen, warehouse, StringComparison.Ordinal))
                    {
                        // Held at the refusing warehouse: let go there, so the reservation can be made at the chosen one.
                        await context.CallActivityAsync<StockReservation>(ActivityNames.ReleaseOrderStock, new ReleaseStockInput(key, input.CorrelationId), retry);
                        moved = true;
                    }

                    pinned = chosen;
                    return null;
                default:
                    return await CancelByReviewAsync(decision);
            }
        }

        /// <summary>An order event while nothing is sent yet: a cancel ends it; a newer order is planned again; a shipment is not ours yet.</summary>
        private async Task<OrderFulfilmentResult?> HeardBeforeSendingAsync(OrderEvent heard)
        {
            if (heard.Order is { } newer)
            {
                if (IsCancelled(newer, heard.Type))
                {
                    order = newer;
                    return await CancelAsync($"order {key} was cancelled in the store", fromStart: false);
                }

                if (!Adopt(newer))
                {
                    pendingNote = $"An older copy of order {key} ({heard.EventId}) arrived late and was ignored";
                    return null;
                }

                pendingNote = $"Order {key} changed in the store ({heard.Type}); planned again";
                return null;
            }

            context.CreateReplaySafeLogger<OrderFulfilmentOrchestrator>().LogWarning("Order {OrderKey}: a shipment event ({EventId}) arrived before the warehouse order was sent; ignored ({CorrelationId})", key, heard.EventId, input.CorrelationId);
            pendingNote = $"A shipment event ({heard.EventId}) came before the order was sent and was ignored";
            return null;
        }

        private async Task<OrderFulfilmentResult> AwaitShipmentsAsync()
        {
            TimeSpan sla = plan!.ShippingSla > TimeSpan.Zero ? plan.ShippingSla : TimeSpan.FromDays(2);
            DateTime deadline = context.CurrentUtcDateTime + sla;
            int overdue = 0;
            SetStatus(context, "awaiting-shipment", $"order {key} is at {warehouse} as {warehouseOrderId}: waiting for its shipment (due by {Time(deadline)})", deadline);
            for (int waits = 0; waits < MaxShipmentWaits; waits++)
            {
                Task<OrderEvent> heard = NextEvent();
                using var cancelTimer = new CancellationTokenSource();
                Task timer = context.CreateTimer(deadline, cancelTimer.Token);
                if (await Task.WhenAny(heard, timer) == timer)
                {
                    overdue++;
                    await AlertAsync(
                        "error",
                        $"Order {key} not shipped by {warehouse} within the SLA",
                        $"Order {key} ({order.Name}) was sent to {warehouse} as warehouse order {warehouseOrderId ?? "(no id)"} and has not shipped within {sla} (period {overdue}); the workflow keeps waiting.",
                        SlaAlertKind);
                    deadline += sla;
                    SetStatus(context, "awaiting-shipment", $"order {key} at {warehouse} as {warehouseOrderId} is overdue ({overdue} SLA period(s)): still waiting for its shipment", deadline);
                    continue;
                }

                // Synchronous on purpose; see ManualReview.
                cancelTimer.Cancel();
                OrderEvent e = await TakeEventAsync();
                if (e.Order is { } newer)
                {
                    Adopt(newer);
                    if (IsCancelled(newer, e.Type))
                    {
                        return await CancelAsync($"order {key} was cancelled in the store", fromStart: false);
                    }

                    context.CreateReplaySafeLogger<OrderFulfilmentOrchestrator>().LogInformation("Order {OrderKey} changed in the store ({EventId}); it is already at {Warehouse}, nothing to change ({CorrelationId})", key, e.EventId, warehouse, input.CorrelationId);
                    SetStatus(context, "awaiting-shipment", $"order {key} changed in the store after it was sent to {warehouse} (noted; nothing to change): waiting for its shipment", deadline);
                    continue;
                }

                WarehouseShipment shipment = e.Shipment!;
                if (shipment.Status == WarehouseShipment.Shipped)
                {
                    if (await ShippedAsync(shipment) is { } done)
                    {
                        return done;
                    }

                    SetStatus(context, "awaiting-shipment", $"order {key}: {ShippedSummary()} shipped; waiting for the rest from {warehouse}", deadline);
                    continue;
                }

                await AlertAsync(
                    "warning",
                    $"Shipment {shipment.Status} for order {key} at {shipment.Warehouse}",
                    $"Warehouse {shipment.Warehouse} reports shipment {shipment.ShipmentId} of order {key} (warehouse order {warehouseOrderId ?? shipment.WarehouseOrderId ?? "?"}) as {shipment.Status}: {shipment.Detail ?? "no detail"}. The workflow keeps waiting for the shipment.");
            }

            string reason = $"order {key} at {warehouse} heard {MaxShipmentWaits} events and SLA periods without being fully shipped";
            await WorkflowDeadLetter.RecordAsync(context, input.CorrelationId, reason, null);
            return Result(OrderFulfilmentResult.DeadLettered, reason);
        }

        /// <summary>One shipment: stock, store fulfilment, store stock; the result when every line has shipped.</summary>
        private async Task<OrderFulfilmentResult?> ShippedAsync(WarehouseShipment shipment)
        {
            if (!shipments.Add(shipment.ShipmentId))
            {
                context.CreateReplaySafeLogger<OrderFulfilmentOrchestrator>().LogInformation("Order {OrderKey}: shipment {ShipmentId} was already handled ({CorrelationId})", key, shipment.ShipmentId, input.CorrelationId);
                return null;
            }

            shippedAny = true;
            SetStatus(context, "fulfilling-in-store", $"shipment {shipment.ShipmentId} of order {key} from {shipment.Warehouse}: recording it and fulfilling it in {order.Shop}");
            await context.CallActivityAsync<StockReservation>(
                ActivityNames.CommitShippedStock,
                new CommitShipmentInput(key, shipment.Warehouse, shipment.ShipmentId, shipment.Lines, input.CorrelationId),
                retry);

            List<FulfilmentLine> lines = ToStoreLines(shipment.Lines);
            if (lines.Count > 0)
            {
                ShopFulfilmentResult fulfilled = await context.CallActivityAsync<ShopFulfilmentResult>(
                    ActivityNames.CreateShopFulfilment,
                    new CreateShopFulfilmentInput(order.Shop, order.OrderId, shipment.ShipmentId, shipment.Carrier, shipment.TrackingNumber, shipment.TrackingUrl, lines, input.CorrelationId),
                    retry);
                if (fulfilled.FulfilmentId is { } id && !fulfilments.Contains(id))
                {
                    fulfilments.Add(id);
                }
            }

            await SyncAsync(shipment.Lines.Select(l => l.WarehouseSku));
            if (plan!.Lines.All(l => Shipped(l) >= l.Quantity))
            {
                string done = $"order {key} fully shipped by {warehouse} and fulfilled in {order.Shop} ({fulfilments.Count} fulfilment(s))";
                SetStatus(context, "completed", done);
                return Result(OrderFulfilmentResult.Fulfilled, null);
            }

            return null;
        }

        /// <summary>
        /// Cancels what was sent, releases the stock and updates the stores. When the workflow started cancelled it does not
        /// know what an earlier run sent, so the ledger says: held at a warehouse means a warehouse order may exist there.
        /// </summary>
        private async Task<OrderFulfilmentResult> CancelAsync(string why, bool fromStart)
        {
            SetStatus(context, "cancelling", why);
            plan ??= await context.CallActivityAsync<FulfilmentPlan>(ActivityNames.PlanOrderFulfilment, new FulfilmentPlanInput(order, input.CorrelationId), retry);
            bool tooLate = false;
            if (sent)
            {
                tooLate = await CancelAtWarehouseAsync(warehouse!, warehouseOrderId);
            }

            StockReservation before = await context.CallActivityAsync<StockReservation>(ActivityNames.ReleaseOrderStock, new ReleaseStockInput(key, input.CorrelationId), retry);
            bool shipped = shippedAny || before.Status is StockReservation.Shipped or StockReservation.PartiallyShipped;
            if (fromStart && !shipped && before.Status == StockReservation.Reserved && before.Warehouse is not null)
            {
                warehouse = before.Warehouse;
                tooLate = await CancelAtWarehouseAsync(before.Warehouse, null);
            }

            warehouse ??= before.Warehouse;
            await SyncAsync(plan.Lines.Select(l => l.WarehouseSku).OfType<string>());
            if (shipped || tooLate)
            {
                string what = shipped ? "after (part of) it shipped" : "but the warehouse says it is too late to stop it";
                await AlertAsync(
                    "warning",
                    $"Return needed: order {key} cancelled after shipping",
                    $"Order {key} ({order.Name}) was cancelled in the store {what}, from warehouse {warehouse ?? "(unknown)"} (warehouse order {warehouseOrderId ?? "(unknown)"}): arrange the return with the customer.");
                SetStatus(context, "completed", $"order {key} cancelled {what}: a return is needed from {warehouse}");
                return Result(OrderFulfilmentResult.CancelledAfterShipping, $"{why}; {what}: a return is needed");
            }

            SetStatus(context, "completed", $"{why}: nothing shipped{(sent ? $", the order at {warehouse} was cancelled" : string.Empty)} and the stock released");
            return Result(OrderFulfilmentResult.Cancelled, why);
        }

        /// <returns>True when the warehouse says it is too late.</returns>
        private async Task<bool> CancelAtWarehouseAsync(string at, string? orderId)
        {
            WarehouseCancelResult cancelled = await context.CallActivityAsync<WarehouseCancelResult>(
                ActivityNames.CancelWarehouseOrder, new CancelWarehouseOrderInput(at, key, orderId, input.CorrelationId), retry);
            return cancelled.Outcome == WarehouseCancelResult.TooLate;
        }

        private async Task<OrderFulfilmentResult> CancelByReviewAsync(ReviewDecision decision)
        {
            string why = OrderReviews.CancelledBy(decision);
            SetStatus(context, "cancelling", why);
            await context.CallActivityAsync<StockReservation>(ActivityNames.ReleaseOrderStock, new ReleaseStockInput(key, input.CorrelationId), retry);
            await SyncAsync((plan?.Lines ?? []).Select(l => l.WarehouseSku).OfType<string>());
            SetStatus(context, "completed", $"order {key} {why}");
            return Result(OrderFulfilmentResult.CancelledByReview, why);
        }

        private async Task<FulfilmentPlan> PlanAsync()
        {
            SetStatus(context, "planning", $"mapping the lines of order {key} and choosing its warehouse");
            FulfilmentPlan planned = await context.CallActivityAsync<FulfilmentPlan>(
                ActivityNames.PlanOrderFulfilment,
                new FulfilmentPlanInput(order, input.CorrelationId, skuAnswers.Count == 0 ? null : new Dictionary<string, string>(skuAnswers, StringComparer.OrdinalIgnoreCase)),
                retry);
            if (order.ShippingAddress is null && !planned.Problems.Any(p => p.Contains("address", StringComparison.OrdinalIgnoreCase)))
            {
                // The warehouse order cannot go without one, whatever the plan says.
                planned = planned with { Problems = [.. planned.Problems, "the order has no shipping address"] };
            }

            plan = planned;
            return planned;
        }

        private Task SyncAsync(IEnumerable<string> warehouseSkus)
        {
            string[] skus = warehouseSkus.Distinct(StringComparer.Ordinal).ToArray();
            return skus.Length == 0
                ? Task.CompletedTask
                : context.CallActivityAsync<SyncStoreStockResult>(ActivityNames.SyncStoreStock, new SyncStoreStockInput(skus, input.CorrelationId), retry);
        }

        private Task AlertAsync(string severity, string title, string text, string? kind = null) =>
            context.CallActivityAsync(ActivityNames.RaiseAlert, new AlertInput(severity, title, text, context.InstanceId, input.CorrelationId, kind), retry);

        private async Task<Answer> AskAsync(ReviewRequest question)
        {
            if (NextEvent().IsCompleted)
            {
                // Heard while the step ran (a cancel, a newer order): it may make the question moot, so no one is asked yet.
                return new Answer(null, await TakeEventAsync());
            }

            ReviewDecision? decision = await ManualReview.RequestAsync(context, question, input.CorrelationId, NextEvent());
            return decision is not null ? new Answer(decision, null) : new Answer(null, await TakeEventAsync());
        }

        /// <summary>One waiter at a time, kept across waits, so an event that arrives during an activity is heard at the next wait.</summary>
        private Task<OrderEvent> NextEvent() => nextEvent ??= context.WaitForExternalEvent<OrderEvent>(OrderEvent.EventName);

        private async Task<OrderEvent> TakeEventAsync()
        {
            OrderEvent e = await NextEvent();
            nextEvent = null;
            return e;
        }

        /// <summary>Store lines for a shipment's warehouse lines: the units go to the plan's lines of that SKU still unshipped, in order.</summary>
        private List<FulfilmentLine> ToStoreLines(IReadOnlyList<ShipmentLine> shipped)
        {
            var lines = new List<FulfilmentLine>();
            foreach (ShipmentLine s in shipped)
            {
                int left = s.Quantity;
                foreach (PlannedLine line in plan!.Lines.Where(l => string.Equals(l.WarehouseSku, s.WarehouseSku, StringComparison.OrdinalIgnoreCase)))
                {
                    int take = Math.Min(left, line.Quantity - Shipped(line));
                    if (take <= 0)
                    {
                        continue;
                    }

                    shippedByLine[line.LineItemId] = Shipped(line) + take;
                    left -= take;
                    string sku = OrderReviews.SkuKey(line);
                    int at = lines.FindIndex(l => l.Sku == sku);
                    if (at >= 0)
                    {
                        lines[at] = lines[at] with { Quantity = lines[at].Quantity + take };
                    }
                    else
                    {
                        lines.Add(new FulfilmentLine(sku, take));
                    }
                }

                if (left > 0)
                {
                    context.CreateReplaySafeLogger<OrderFulfilmentOrchestrator>().LogWarning("Order {OrderKey}: {Units} unit(s) of {WarehouseSku} shipped beyond the order's lines ({CorrelationId})", key, left, s.WarehouseSku, input.CorrelationId);
                }
            }

            return lines;
        }

        private int Shipped(PlannedLine line) => shippedByLine.TryGetValue(line.LineItemId, out int n) ? n : 0;

        private string ShippedSummary() => string.Create(
            CultureInfo.InvariantCulture, $"{plan!.Lines.Sum(Shipped)} of {plan.Lines.Sum(l => l.Quantity)} units");

        private static IReadOnlyList<StockLine> StockLines(FulfilmentPlan p) =>
            p.Lines.GroupBy(l => l.WarehouseSku!, StringComparer.Ordinal).Select(g => new StockLine(g.Key, g.Sum(l => l.Quantity))).ToArray();

        private static IReadOnlyList<WarehouseOrderLine> WarehouseLines(FulfilmentPlan p) =>
            p.Lines.Select(l => new WarehouseOrderLine(l.LineItemId.ToString(CultureInfo.InvariantCulture), l.WarehouseSku!, l.Title, l.Quantity, l.Price)).ToArray();

        /// <summary>Takes a copy of the order heard from the store unless it is older than the one held (events can arrive out of order).</summary>
        private bool Adopt(ShopOrder newer)
        {
            if (order.UpdatedAt is { } held && newer.UpdatedAt is { } heard && heard < held)
            {
                return false;
            }

            order = newer;
            return true;
        }

        private static bool IsCancelled(ShopOrder o, string? type) => o.CancelledAt is not null || type == EventTypes.ShopOrderCancelled;

        private static string Time(DateTime at) => at.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

        public OrderFulfilmentResult Result(string outcome, string? detail) =>
            new(key, outcome, warehouse, warehouseOrderId, fulfilments.ToArray(), detail);

        private sealed record Answer(ReviewDecision? Decision, OrderEvent? Event);
    }
}
