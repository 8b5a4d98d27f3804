using System.Reflection;
using System.Text.Json;
using Integration.Orchestrations.DealToInvoice;
using Integration.Orchestrations.Routing;
using Xunit;

namespace Integration.Tests.Unit.Orchestrations.Routing;

/// <summary>The subscription table: every known type has a row; the deal and HR types keep their one workflow; an order fans out.</summary>
public sealed class EventSubscriptionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> KnownTypes()
    {
        var data = new TheoryData<string>();
        foreach (FieldInfo field in typeof(EventTypes).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral))
        {
            data.Add((string)field.GetRawConstantValue()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(KnownTypes))]
    public void Every_event_type_the_normalisers_emit_has_a_row(string type)
    {
        Assert.True(EventSubscriptions.Table.ContainsKey(type), $"{type} has no row in EventSubscriptions");
    }

    [Fact]
    public void A_placed_order_goes_to_fulfilment_stock_and_the_crm_note()
    {
        Assert.Equal(["order-fulfilment", "stock-reservation", "crm-order-note"], EventSubscriptions.For(EventTypes.ShopOrderPlaced));
        Assert.Equal(["order-fulfilment", "stock-reservation"], EventSubscriptions.For(EventTypes.ShopOrderCancelled));
        Assert.Equal(["order-fulfilment"], EventSubscriptions.For(EventTypes.ShopOrderUpdated));
        Assert.Equal(["shipstation-shipments"], EventSubscriptions.For(EventTypes.WmsShipmentsNotified));
    }

    [Theory]
    [InlineData(EventTypes.CrmDealClosed, "deal-to-invoice")]
    [InlineData(EventTypes.CrmDealStageChanged, "deal-to-invoice")]
    [InlineData(EventTypes.CrmDealAmountChanged, "deal-to-invoice")]
    [InlineData(EventTypes.HrEmployeeEmploymentChanged, "offboarding")]
    [InlineData(EventTypes.HrEmployeeHired, "onboarding")]
    public void Deal_and_hr_types_keep_their_one_subscriber(string type, string subscription)
    {
        Assert.Equal([subscription], EventSubscriptions.For(type));
    }

    [Theory]
    [InlineData(EventTypes.CrmDealPropertyChanged)]
    [InlineData(EventTypes.HrEmployeeUpdated)]
    [InlineData(EventTypes.WmsShipmentUpdated)]
    [InlineData("shop.products.update.v1")]
    public void Types_no_workflow_acts_on_have_no_subscriber(string type)
    {
        Assert.Empty(EventSubscriptions.For(type));
    }

    [Fact]
    public void A_deal_message_queued_before_subscriptions_routes_exactly_as_one_for_its_subscriber()
    {
        EventEnvelope old = new("crm-1", "crm", EventTypes.CrmDealClosed, Now, Now, "corr-1", "4242", JsonSerializer.SerializeToElement(new { }));

        var before = Assert.IsType<EventRoute.Reconcile>(EventRoutingTable.Route(old));
        var now = Assert.IsType<EventRoute.Reconcile>(EventRoutingTable.Route(old with { Subscription = EventSubscriptions.DealToInvoice }));

        Assert.Equal(before, now);
        Assert.Equal((nameof(DealToInvoiceOrchestrator), "deal-invoice-4242", true), (now.OrchestratorName, now.InstanceId, now.RestartIfFinished));
    }

    [Fact]
    public void A_message_for_a_subscriber_that_does_not_take_its_type_is_ignored()
    {
        EventEnvelope wrong = new("crm-1", "crm", EventTypes.CrmDealClosed, Now, Now, "corr-1", "4242", default, Subscription: EventSubscriptions.Offboarding);

        Assert.Contains("does not take", Assert.IsType<EventRoute.Ignore>(EventRoutingTable.Route(wrong)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_envelope_json_leaves_out_a_null_subscription_and_round_trips_a_set_one()
    {
        EventEnvelope envelope = new("crm-1", "crm", EventTypes.CrmDealClosed, Now, Now, "corr-1", "4242", JsonSerializer.SerializeToElement(new { }));
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);

        Assert.DoesNotContain("subscription", JsonSerializer.Serialize(envelope, web), StringComparison.Ordinal);
        string json = JsonSerializer.Serialize(envelope with { Subscription = "deal-to-invoice" }, web);
        Assert.Equal("deal-to-invoice", JsonSerializer.Deserialize<EventEnvelope>(json, web)!.Subscription);
    }
}
