namespace Integration.Orchestrations.Orders;

/// <summary>
/// Asks for the order's plan: its lines mapped to warehouse SKUs through the data dictionary (or a person's
/// answers), the warehouses to try in the routing rule's order, and the shipping SLA.
/// </summary>
/// <param name="SkuAnswers">A person's answers to an unmapped SKU: store SKU (or "line:{lineItemId}") → warehouse SKU.</param>
public sealed record FulfilmentPlanInput(ShopOrder Order, string CorrelationId, IReadOnlyDictionary<string, string>? SkuAnswers = null);

/// <summary>What the workflow will do with the order, or the problems a person must answer first.</summary>
/// <param name="Warehouses">Candidate warehouses, most preferred first (the routing rule for the ship-to country/region).</param>
/// <param name="Problems">Empty when the order can go ahead; otherwise one sentence per problem (missing address, unmapped SKU...).</param>
public sealed record FulfilmentPlan(
    string OrderKey,
    string DictionaryVersion,
    IReadOnlyList<PlannedLine> Lines,
    IReadOnlyList<string> Warehouses,
    TimeSpan ShippingSla,
    IReadOnlyList<string> Problems);

/// <summary>An order line with the warehouse SKU it ships as; <paramref name="WarehouseSku"/> is null when unmapped.</summary>
public sealed record PlannedLine(long LineItemId, string? Sku, string? WarehouseSku, string Title, int Quantity, decimal Price);
