using Integration.Orchestrations.Common;
using Integration.Orchestrations.Orders;
using Xunit;
using static Integration.Tests.Unit.Orchestrations.Orders.OrderHarness;

namespace Integration.Tests.Unit.Orchestrations.Orders;

/// <summary>Every question the order workflow asks a person, and what each answer does.</summary>
public sealed class OrderFulfilmentReviewTests
{
    private static readonly StockReservation Backorder = new(
        "store-a-1001", StockReservation.Backordered, null, [new StockShortage("WH-TEE-BLK-M", 2, 0)]);

    private static readonly WarehouseOrderResult Refusal = new("shipbob", "store-a-1001", WarehouseOrderResult.Refused, null, "Product WH-MUG-CLASSIC does not exist");

    [Fact]
    public async Task An_unmapped_sku_asks_a_person_with_use_sku_retry_and_cancel_naming_the_sku()
    {
        var harness = new OrderHarness().Returns(ActivityNames.PlanOrderFulfilment, Unmapped, Plan)
            .Decide(Answered(OrderReviews.UseSku, "SKU-UNMAPPED-2=WH-MUG-CLASSIC"))
            .Deliver(AllShipped(), ActivityNames.CreateWarehouseOrder);

        OrderFulfilmentResult result = await harness.RunAsync();

        ReviewRequest asked = harness.ReviewAsked();
        Assert.Equal([OrderReviews.UseSku, OrderReviews.Retry, OrderReviews.Cancel], asked.Actions.Select(a => a.Name));
        Assert.True(asked.Actions[0].RequiresValue);
        Assert.Contains("SKU-UNMAPPED-2", asked.Reason, StringComparison.Ordinal);
        Assert.Contains("store-a-1001", asked.Reason, StringComparison.Ordinal);
        Assert.Equal(OrderFulfilmentResult.Fulfilled, result.Outcome);
    }

    [Theory]
    [InlineData("SKU-UNMAPPED-2=WH-MUG-CLASSIC")]
    [InlineData("sku-unmapped-2 = WH-MUG-CLASSIC")]
    [InlineData("WH-MUG-CLASSIC")]
    public async Task A_use_sku_answer_plans_again_with_that_warehouse_sku(string value)
    {
        var harness = new OrderHarness().Returns(ActivityNames.PlanOrderFulfilment, Unmapped, Plan)
            .Decide(Answered(OrderReviews.UseSku, value))
            .Deliver(AllShipped(), ActivityNames.CreateWarehouseOrder);

        await harness.RunAsync();

        FulfilmentPlanInput[] plans = harness.InputsOf<FulfilmentPlanInput>(ActivityNames.PlanOrderFulfilment).ToArray();
        Assert.Equal(2, plans.Length);
        Assert.Null(plans[0].SkuAnswers);
        KeyValuePair<string, string> answer = Assert.Single(plans[1].SkuAnswers!);
        Assert.Equal(("SKU-UNMAPPED-2", "WH-MUG-CLASSIC"), (answer.Key, answer.Value));
    }

    [Fact]
    public async Task A_use_sku_answer_naming_no_unmapped_line_asks_again_saying_why()
    {
        var harness = new OrderHarness().Returns(ActivityNames.PlanOrderFulfilment, Unmapped, Unmapped, Plan)
            .Decide(Answered(OrderReviews.UseSku, "TEE-BLK-M=WH-X"), Answered(OrderReviews.Retry))
            .Deliver(AllShipped(), ActivityNames.CreateWarehouseOrder);

        await harness.RunAsync();

        Assert.Equal(2, harness.ReviewsAsked);
        Assert.Contains("use-sku 'TEE-BLK-M=WH-X' was not used", harness.ReviewAsked(1).Reason, StringComparison.Ordinal);
        Assert.Null(harness.InputsOf<FulfilmentPlanInput>(ActivityNames.PlanOrderFulfilment).ElementAt(1).SkuAnswers);
    }

    [Fact]
    public async Task A_missing_address_asks_for_retry_or_cancel_and_retry_plans_again()
    {
        FulfilmentPlan noAddress = Plan with { Warehouses = [], Problems = ["the order has no shipping address"] };
        var harness = new OrderHarness().Returns(ActivityNames.PlanOrderFulfilment, noAddress, Plan)
            .Decide(Answered(OrderReviews.Retry))
            .Deliver(AllShipped(), ActivityNames.CreateWarehouseOrder);

        OrderFulfilmentResult result = await harness.RunAsync();

        Assert.Equal([OrderReviews.Retry, OrderReviews.Cancel], harness.ReviewAsked().Actions.Select(a => a.Name));
        Assert.Contains("no shipping address", harness.ReviewAsked().Reason, StringComparison.Ordinal);
        Assert.Equal(2, harness.InputsOf<FulfilmentPlanInput>(ActivityNames.PlanOrderFulfilment).Count());
        Assert.Equal(OrderFulfilmentResult.Fulfilled, result.Outcome);
    }

    [Fact]
    public async Task An_order_without_an_address_is_never_sent_even_when_the_plan_misses_it()
    {
        // The shipment is there only so a regression ends (fulfilled) instead of waiting for ever.
        var harness = new OrderHarness().Decide(Answered(OrderReviews.Cancel)).Deliver(AllShipped(), ActivityNames.CreateWarehouseOrder);

        OrderFulfilmentResult result = await harness.RunAsync(Order with { ShippingAddress = null });

        Assert.Contains("no shipping address", harness.ReviewAsked().Reason, StringComparison.Ordinal);
        Assert.Equal(OrderFulfilmentResult.CancelledByReview, result.Outcome);
        Assert.DoesNotContain(ActivityNames.CreateWarehouseOrder, harness.CalledNames);
    }

    [Fact]
    public async Task A_newer_order_heard_during_a_review_replaces_the_one_planned()
    {
        ShopOrder fixedOrder = Order with { UpdatedAt = new DateTimeOffset(Now), Lines = [Order.Lines[0]] };
        var harness = new OrderHarness().Returns(ActivityNames.PlanOrderFulfilment, Unmapped, Plan)
            .Deliver(Updated(fixedOrder), ActivityNames.RaiseReviewAlert)
            .Deliver(AllShipped(), ActivityNames.CreateWarehouseOrder);

        await harness.RunAsync();

        Assert.Equal(fixedOrder, harness.InputsOf<FulfilmentPlanInput>(ActivityNames.PlanOrderFulfilment).ElementAt(1).Order);
    }

    [Fact]
    public async Task An_older_copy_of_the_order_heard_during_a_review_does_not_replace_a_newer_one()
    {
        ShopOrder held = Order with { UpdatedAt = new DateTimeOffset(Now) };
        var harness = new OrderHarness().Returns(ActivityNames.PlanOrderFulfilment, Unmapped)
            .Deliver(Updated(held with { UpdatedAt = new DateTimeOffset(Now).AddMinutes(-5), Email = "old@example.com" }), ActivityNames.RaiseReviewAlert)
            .Deliver(CancelledInStore(), ActivityNames.RaiseReviewAlert, occurrence: 2);

        await harness.RunAsync(held);

        Assert.All(harness.InputsOf<FulfilmentPlanInput>(ActivityNames.PlanOrderFulfilment), p => Assert.Equal(held, p.Order));
        Assert.Contains("arrived late and was ignored", harness.ReviewAsked(1).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancel_heard_during_a_review_ends_the_order_as_cancelled()
    {
        var harness = new OrderHarness().Returns(ActivityNames.PlanOrderFulfilment, Unmapped)
            .Returns(ActivityNames.ReleaseOrderStock, new StockReservation("store-a-1001", StockReservation.None, null, []))
            .Deliver(CancelledInStore(), ActivityNames.RaiseReviewAlert);

        OrderFulfilmentResult result = await harness.RunAsync();

        Assert.Equal(OrderFulfilmentResult.Cancelled, result.Outcome);
        Assert.DoesNotContain(ActivityNames.CreateWarehouseOrder, harness.CalledNames);
        Assert.DoesNotContain(ActivityNames.CancelWarehouseOrder, harness.CalledNames);
    }

    [Fact]
    public async Task A_cancel_heard_before_a_question_is_asked_ends_the_order_without_asking_anyone()
    {
        var harness = new OrderHarness().Returns(ActivityNames.PlanOrderFulfilment, Unmapped)
            .Returns(ActivityNames.ReleaseOrderStock, new StockReservation("store-a-1001", StockReservation.None, null, []))
            .Deliver(CancelledInStore(), ActivityNames.PlanOrderFulfilment);

        OrderFulfilmentResult result = await harness.RunAsync();

        Assert.Equal(OrderFulfilmentResult.Cancelled, result.Outcome);
        Assert.Equal(0, harness.ReviewsAsked);
        Assert.DoesNotContain(ActivityNames.RaiseReviewAlert, harness.Calls.Select(c => c.Name));
    }

    [Fact]
    public async Task Cancel_answered_to_a_plan_question_releases_the_stock_and_ends_cancelled_by_review()
    {
        var harness = new OrderHarness().Returns(ActivityNames.PlanOrderFulfilment, Unmapped).Decide(Answered(OrderReviews.Cancel));

        OrderFulfilmentResult result = await harness.RunAsync();

        Assert.Equal(OrderFulfilmentResult.CancelledByReview, result.Outcome);
        Assert.Contains("ops@example.com", result.Detail, StringComparison.Ordinal);
        Assert.Equal([ActivityNames.PlanOrderFulfilment, ActivityNames.ReleaseOrderStock, ActivityNames.SyncStoreStock], harness.CalledNames);
        Assert.Equal(["WH-TEE-BLK-M"], harness.InputOf<SyncStoreStockInput>(ActivityNames.SyncStoreStock).WarehouseSkus);
    }

    [Fact]
    public async Task A_backorder_asks_retry_ship_from_or_cancel_and_retry_reserves_again()
    {
        var harness = new OrderHarness()
            .Returns(ActivityNames.ReserveOrderStock, Backorder, new StockReservation("store-a-1001", StockReservation.Reserved, "shipstation", []))
            .Decide(Answered(OrderReviews.Retry))
            .Deliver(AllShipped(), ActivityNames.CreateWarehouseOrder);

        OrderFulfilmentResult result = await harness.RunAsync();

        ReviewRequest asked = harness.ReviewAsked();
        Assert.StartsWith("Backordered: ", asked.Reason, StringComparison.Ordinal);
        Assert.Contains("WH-TEE-BLK-M needs 2, at most 0", asked.Reason, StringComparison.Ordinal);
        Assert.Equal([OrderReviews.Retry, OrderReviews.ShipFrom, OrderReviews.Cancel], asked.Actions.Select(a => a.Name));
        Assert.Equal(2, harness.InputsOf<ReserveStockInput>(ActivityNames.ReserveOrderStock).Count());
        Assert.Equal(("shipstation", OrderFulfilmentResult.Fulfilled), (result.Warehouse, result.Outcome));
        Assert.Equal("shipstation", harness.InputOf<WarehouseOrderRequest>(ActivityNames.CreateWarehouseOrder).Warehouse);
    }

    [Fact]
    public async Task Ship_from_answered_to_a_backorder_reserves_pinned_to_that_warehouse()
    {
        var harness = new OrderHarness()
            .Answer(ActivityNames.ReserveOrderStock, i => ((ReserveStockInput)i!).PinnedWarehouse is { } pinned
                ? new StockReservation("store-a-1001", StockReservation.Reserved, pinned, [])
                : Backorder)
            .Decide(Answered(OrderReviews.ShipFrom, "ShipStation"))
            .Deliver(AllShipped(), ActivityNames.CreateWarehouseOrder);

        await harness.RunAsync();

        Assert.Equal([null, "shipstation"], harness.InputsOf<ReserveStockInput>(ActivityNames.ReserveOrderStock).Select(r => r.PinnedWarehouse));
        Assert.DoesNotContain(ActivityNames.ReleaseOrderStock, harness.CalledNames);
    }

    [Fact]
    public async Task Ship_from_a_warehouse_the_order_may_not_use_asks_again_saying_why()
    {
        var harness = new OrderHarness()
            .Returns(ActivityNames.ReserveOrderStock, Backorder, Backorder, new StockReservation("store-a-1001", StockReservation.Reserved, "shipbob", []))
            .Decide(Answered(OrderReviews.ShipFrom, "amazon"), Answered(OrderReviews.Retry))
            .Deliver(AllShipped(), ActivityNames.CreateWarehouseOrder);

        await harness.RunAsync();

        Assert.Contains("ship-from 'amazon' was not used", harness.ReviewAsked(1).Reason, StringComparison.Ordinal);
        Assert.All(harness.InputsOf<ReserveStockInput>(ActivityNames.ReserveOrderStock), r => Assert.Null(r.PinnedWarehouse));
    }

    [Fact]
    public async Task Cancel_answered_to_a_backorder_ends_cancelled_by_review_without_a_warehouse_order()
    {
        var harness = new OrderHarness().Returns(ActivityNames.ReserveOrderStock, Backorder).Decide(Answered(OrderReviews.Cancel));

        OrderFulfilmentResult result = await harness.RunAsync();

        Assert.Equal(OrderFulfilmentResult.CancelledByReview, result.Outcome);
        Assert.DoesNotContain(ActivityNames.CreateWarehouseOrder, harness.CalledNames);
        Assert.Contains(ActivityNames.ReleaseOrderStock, harness.CalledNames);
    }

    [Fact]
    public async Task A_refused_warehouse_order_asks_with_the_reason_and_ship_from_moves_the_stock_and_sends_it_there()
    {
        var harness = new OrderHarness()
            .Answer(ActivityNames.CreateWarehouseOrder, i => ((WarehouseOrderRequest)i!).Warehouse == "shipbob"
                ? Refusal
                : new WarehouseOrderResult("shipstation", "store-a-1001", WarehouseOrderResult.Created, "ss-9", null))
            .Decide(Answered(OrderReviews.ShipFrom, "shipstation"))
            .Deliver(AllShipped(), ActivityNames.CreateWarehouseOrder, occurrence: 2);

        OrderFulfilmentResult result = await harness.RunAsync();

        ReviewRequest asked = harness.ReviewAsked();
        Assert.Contains("refused", asked.Reason, StringComparison.Ordinal);
        Assert.Contains("does not exist", asked.Reason, StringComparison.Ordinal);
        Assert.Equal([OrderReviews.Retry, OrderReviews.ShipFrom, OrderReviews.Cancel], asked.Actions.Select(a => a.Name));
        Assert.Equal(
            [ActivityNames.PlanOrderFulfilment, ActivityNames.ReserveOrderStock, ActivityNames.CreateWarehouseOrder,
             ActivityNames.ReleaseOrderStock,
             ActivityNames.PlanOrderFulfilment, ActivityNames.ReserveOrderStock, ActivityNames.CreateWarehouseOrder,
             ActivityNames.CommitShippedStock, ActivityNames.CreateShopFulfilment, ActivityNames.SyncStoreStock],
            harness.CalledNames);
        Assert.Equal("shipstation", harness.InputsOf<ReserveStockInput>(ActivityNames.ReserveOrderStock).Last().PinnedWarehouse);
        Assert.Equal(("shipstation", "ss-9", OrderFulfilmentResult.Fulfilled), (result.Warehouse, result.WarehouseOrderId, result.Outcome));
    }

    [Fact]
    public async Task A_move_the_ledger_will_not_hold_again_is_asked_about_saying_so_and_never_sent_unheld()
    {
        var harness = new OrderHarness()
            .Returns(ActivityNames.CreateWarehouseOrder, Refusal)
            .Returns(
                ActivityNames.ReserveOrderStock,
                new StockReservation("store-a-1001", StockReservation.Reserved, "shipbob", []),
                new StockReservation("store-a-1001", StockReservation.Released, null, []))
            .Decide(Answered(OrderReviews.ShipFrom, "shipstation"), Answered(OrderReviews.Cancel));

        OrderFulfilmentResult result = await harness.RunAsync();

        Assert.Equal(OrderFulfilmentResult.CancelledByReview, result.Outcome);
        Assert.StartsWith("The stock ledger did not hold order store-a-1001 again at shipstation", harness.ReviewAsked(1).Reason, StringComparison.Ordinal);
        Assert.Single(harness.InputsOf<WarehouseOrderRequest>(ActivityNames.CreateWarehouseOrder));
    }

    [Fact]
    public async Task Retry_answered_to_a_refusal_sends_to_the_same_warehouse_again()
    {
        var harness = new OrderHarness()
            .Returns(ActivityNames.CreateWarehouseOrder, Refusal, new WarehouseOrderResult("shipbob", "store-a-1001", WarehouseOrderResult.Existing, WarehouseOrderId, null))
            .Decide(Answered(OrderReviews.Retry))
            .Deliver(AllShipped(), ActivityNames.CreateWarehouseOrder, occurrence: 2);

        OrderFulfilmentResult result = await harness.RunAsync();

        Assert.Equal(["shipbob", "shipbob"], harness.InputsOf<WarehouseOrderRequest>(ActivityNames.CreateWarehouseOrder).Select(r => r.Warehouse));
        Assert.DoesNotContain(ActivityNames.ReleaseOrderStock, harness.CalledNames);
        Assert.Equal(OrderFulfilmentResult.Fulfilled, result.Outcome);
    }

    [Fact]
    public async Task Cancel_answered_to_a_refusal_releases_the_stock()
    {
        var harness = new OrderHarness().Returns(ActivityNames.CreateWarehouseOrder, Refusal).Decide(Answered(OrderReviews.Cancel));

        OrderFulfilmentResult result = await harness.RunAsync();

        Assert.Equal(OrderFulfilmentResult.CancelledByReview, result.Outcome);
        Assert.Equal(ActivityNames.ReleaseOrderStock, harness.CalledNames.ElementAt(3));
        Assert.DoesNotContain(ActivityNames.CancelWarehouseOrder, harness.CalledNames);
    }

    [Fact]
    public async Task A_review_escalates_through_the_one_manual_review_mechanism()
    {
        var harness = new OrderHarness().Returns(ActivityNames.PlanOrderFulfilment, Unmapped).Decide(Answered(OrderReviews.Cancel));

        await harness.RunAsync();

        ReviewAlertInput alert = Assert.Single(harness.InputsOf<ReviewAlertInput>(ActivityNames.RaiseReviewAlert));
        Assert.Equal((InstanceId, CorrelationId, 0), (alert.InstanceId, alert.CorrelationId, alert.Escalation));
        Assert.Equal(ManualReview.AwaitingStep, harness.Statuses.Single(s => s.Review is not null).Step);
    }
}
