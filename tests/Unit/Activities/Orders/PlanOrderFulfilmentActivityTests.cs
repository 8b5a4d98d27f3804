using Integration.Activities.Connectors.Warehouses;
using Integration.Activities.Invoicing;
using Integration.Activities.Orders;
using Integration.Orchestrations.Orders;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;
using Moq;
using Xunit;

namespace Integration.Tests.Unit.Activities.Orders;

/// <summary>The plan: dictionary warehouse SKUs (answers first), the routing rule, the SLA, and every problem named.</summary>
public sealed class PlanOrderFulfilmentActivityTests
{
    private static readonly DataDictionary Dictionary = new(
        "v2",
        "test",
        new Dictionary<string, ProductMapping>(),
        ValueMapping.Empty,
        ValueMapping.Empty,
        new Dictionary<string, WarehouseSkuMapping> { ["TEE-BLK-M"] = new("WH-TEE-BLK-M", null), ["MUG-CLASSIC"] = new("WH-MUG-CLASSIC", null) });

    private static readonly OrdersOptions Options = new()
    {
        Routing = new(StringComparer.OrdinalIgnoreCase) { ["US"] = ["shipbob", "shipstation"], ["default"] = ["shipstation", "shipbob"] },
        ShippingSla = TimeSpan.FromHours(48),
    };

    private static readonly ShippingAddress UsAddress = new("Ada", "1 Main St", null, "Springfield", "CA", "US", "90001", null);

    private static ShopOrder Order(ShippingAddress? address, params ShopOrderLine[] lines) =>
        new("store-a", 1001, "#1001", "ada@example.com", "USD", address, lines, DateTimeOffset.UnixEpoch, null, null, null);

    [Fact]
    public async Task A_mapped_us_order_plans_its_warehouse_skus_the_us_route_and_the_sla()
    {
        ShopOrder order = Order(UsAddress, new ShopOrderLine(11, "tee-blk-m", "T-shirt", 2, 20m), new ShopOrderLine(12, "MUG-CLASSIC", "Mug", 1, 9.5m));
        var activity = new PlanOrderFulfilmentActivity(Dictionary, Microsoft.Extensions.Options.Options.Create(Options));

        FulfilmentPlan plan = await activity.RunAsync(Mock.Of<TaskActivityContext>(), new FulfilmentPlanInput(order, "corr"));

        Assert.Empty(plan.Problems);
        Assert.Equal(("store-a-1001", "v2"), (plan.OrderKey, plan.DictionaryVersion));
        Assert.Equal(["WH-TEE-BLK-M", "WH-MUG-CLASSIC"], plan.Lines.Select(l => l.WarehouseSku));
        Assert.Equal(new PlannedLine(11, "tee-blk-m", "WH-TEE-BLK-M", "T-shirt", 2, 20m), plan.Lines[0]);
        Assert.Equal(["shipbob", "shipstation"], plan.Warehouses);
        Assert.Equal(TimeSpan.FromHours(48), plan.ShippingSla);
    }

    [Fact]
    public void Another_country_takes_the_default_route()
    {
        FulfilmentPlan plan = PlanOrderFulfilmentActivity.Plan(
            new FulfilmentPlanInput(Order(UsAddress with { CountryCode = "GB", ProvinceCode = null }, new ShopOrderLine(11, "TEE-BLK-M", "T", 1, 1m)), "c"), Dictionary, Options);

        Assert.Equal(["shipstation", "shipbob"], plan.Warehouses);
    }

    [Fact]
    public void An_unmapped_sku_and_a_line_without_sku_are_problems_naming_them_and_the_version()
    {
        FulfilmentPlan plan = PlanOrderFulfilmentActivity.Plan(
            new FulfilmentPlanInput(Order(UsAddress, new ShopOrderLine(11, "SKU-UNMAPPED-2", "Odd", 1, 1m), new ShopOrderLine(12, null, "Custom", 1, 1m)), "c"),
            Dictionary,
            Options);

        string problem = Assert.Single(plan.Problems);
        Assert.Contains("data dictionary v2", problem, StringComparison.Ordinal);
        Assert.Contains("'SKU-UNMAPPED-2'", problem, StringComparison.Ordinal);
        Assert.Contains("line 12", problem, StringComparison.Ordinal);
        Assert.All(plan.Lines, l => Assert.Null(l.WarehouseSku));
    }

    [Fact]
    public void A_persons_answers_map_skus_and_sku_less_lines_before_the_dictionary()
    {
        var answers = new Dictionary<string, string> { ["sku-unmapped-2"] = "WH-HAT-RED", ["line:12"] = "WH-MUG-CLASSIC", ["TEE-BLK-M"] = "WH-OTHER" };

        FulfilmentPlan plan = PlanOrderFulfilmentActivity.Plan(
            new FulfilmentPlanInput(
                Order(UsAddress, new ShopOrderLine(11, "SKU-UNMAPPED-2", "Odd", 1, 1m), new ShopOrderLine(12, null, "Custom", 1, 1m), new ShopOrderLine(13, "TEE-BLK-M", "T", 1, 1m)),
                "c",
                answers),
            Dictionary,
            Options);

        Assert.Empty(plan.Problems);
        Assert.Equal(["WH-HAT-RED", "WH-MUG-CLASSIC", "WH-OTHER"], plan.Lines.Select(l => l.WarehouseSku));
    }

    [Fact]
    public void No_address_is_a_problem_and_gives_no_warehouse()
    {
        FulfilmentPlan plan = PlanOrderFulfilmentActivity.Plan(new FulfilmentPlanInput(Order(null, new ShopOrderLine(11, "TEE-BLK-M", "T", 1, 1m)), "c"), Dictionary, Options);

        Assert.Equal(["the order has no shipping address"], plan.Problems);
        Assert.Empty(plan.Warehouses);
    }

    [Fact]
    public void A_destination_no_route_covers_is_a_problem_naming_the_setting()
    {
        var usOnly = new OrdersOptions { Routing = new() { ["US"] = ["shipbob"] } };

        FulfilmentPlan plan = PlanOrderFulfilmentActivity.Plan(
            new FulfilmentPlanInput(Order(UsAddress with { CountryCode = "FR", ProvinceCode = null }, new ShopOrderLine(11, "TEE-BLK-M", "T", 1, 1m)), "c"), Dictionary, usOnly);

        Assert.Contains("no warehouse is configured for FR (Orders:Routing", Assert.Single(plan.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void An_order_without_lines_is_a_problem()
    {
        FulfilmentPlan plan = PlanOrderFulfilmentActivity.Plan(new FulfilmentPlanInput(Order(UsAddress), "c"), Dictionary, Options);

        Assert.Equal(["the order has no lines to ship"], plan.Problems);
    }

    [Fact]
    public void The_options_validator_refuses_a_zero_sla_and_a_route_without_warehouses()
    {
        var bad = new OrdersOptions { ShippingSla = TimeSpan.Zero, Routing = new() { ["US"] = [] } };

        ValidateOptionsResult result = new OrdersOptionsValidator(new RegisteredWarehouses(["shipbob", "shipstation"])).Validate(null, bad);

        Assert.True(result.Failed);
        Assert.Contains("Orders:ShippingSla", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Orders:Routing:US names no warehouse", result.FailureMessage, StringComparison.Ordinal);
        Assert.True(new OrdersOptionsValidator(new RegisteredWarehouses(["shipbob", "shipstation"])).Validate(null, Options).Succeeded);
    }
}
