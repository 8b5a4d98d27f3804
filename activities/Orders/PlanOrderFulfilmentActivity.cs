using Integration.Activities.Invoicing;
using Integration.Orchestrations.Orders;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace Integration.Activities.Orders;

/// <summary>
/// Plans an order without calling anyone: each line's warehouse SKU from the data dictionary's warehouseSkus (a
/// person's answer first), the candidate warehouses from the routing rule for the ship-to country and region, and the
/// shipping SLA. Every problem (no address, no SKU, an unmapped SKU, no warehouse for the destination) is one
/// sentence in <see cref="FulfilmentPlan.Problems"/>, so the workflow asks a person instead of guessing.
/// </summary>
public sealed class PlanOrderFulfilmentActivity(DataDictionary dictionary, IOptions<OrdersOptions> options)
    : TaskActivity<FulfilmentPlanInput, FulfilmentPlan>
{
    public override Task<FulfilmentPlan> RunAsync(TaskActivityContext context, FulfilmentPlanInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Task.FromResult(Plan(input, dictionary, options.Value));
    }

    /// <summary>The plan; pure, so a test reads the rule directly.</summary>
    public static FulfilmentPlan Plan(FulfilmentPlanInput input, DataDictionary dictionary, OrdersOptions options)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(dictionary);
        ArgumentNullException.ThrowIfNull(options);
        ShopOrder order = input.Order;
        var answers = new Dictionary<string, string>(input.SkuAnswers ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        var lines = new List<PlannedLine>(order.Lines.Count);
        var unmapped = new List<string>();
        foreach (ShopOrderLine line in order.Lines)
        {
            string key = string.IsNullOrWhiteSpace(line.Sku) ? FormattableString.Invariant($"line:{line.LineItemId}") : line.Sku;
            string? warehouseSku = answers.TryGetValue(key, out string? answered) ? answered : dictionary.WarehouseSkuFor(line.Sku);
            if (warehouseSku is null)
            {
                unmapped.Add(string.IsNullOrWhiteSpace(line.Sku)
                    ? FormattableString.Invariant($"line {line.LineItemId} ('{line.Title}') has no SKU")
                    : FormattableString.Invariant($"'{line.Sku}' ('{line.Title}', line {line.LineItemId})"));
            }

            lines.Add(new PlannedLine(line.LineItemId, line.Sku, warehouseSku, line.Title, line.Quantity, line.Price));
        }

        if (order.Lines.Count == 0)
        {
            problems.Add("the order has no lines to ship");
        }

        if (unmapped.Count > 0)
        {
            problems.Add($"data dictionary {dictionary.Version} has no warehouse SKU for {string.Join(", ", unmapped)}");
        }

        IReadOnlyList<string> warehouses = [];
        if (order.ShippingAddress is not { } address)
        {
            problems.Add("the order has no shipping address");
        }
        else
        {
            (warehouses, _) = WarehouseRoutingRule.Candidates(options.RoutingTable(), address.CountryCode, address.ProvinceCode);
            if (warehouses.Count == 0)
            {
                problems.Add($"no warehouse is configured for {address.CountryCode}{(address.ProvinceCode is null ? string.Empty : "-" + address.ProvinceCode)} ({OrdersOptions.Section}:Routing has no matching key and no default)");
            }
        }

        return new FulfilmentPlan(order.Key, dictionary.Version, lines, warehouses, options.ShippingSla, problems);
    }
}
