using Integration.Orchestrations.Orders;
namespace Integration.Activities.Orders;

/// <summary>
/// Order fulfilment settings (section "Orders"): which warehouses an order is tried at, how long a warehouse may
/// take to ship, and how often warehouse stock is read. Validated at start-up against the registered warehouses.
/// </summary>
public sealed class OrdersOptions
{
    public const string Section = "Orders";

    /// <summary>The routing key that applies when neither the country-region nor the country has a rule.</summary>
    public const string DefaultRoute = "default";

    /// <summary>
    /// Warehouse names, most preferred first, by "{COUNTRY}" (ISO 3166-1 alpha-2, "US"), "{COUNTRY-REGION}" ("US-CA"; or
    /// "US_CA", as Azure app setting names take no '-') or "default". The most specific key that matches the shipping
    /// address gives the order warehouses are tried in.
    /// </summary>
    public Dictionary<string, List<string>> Routing { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long a warehouse has from the order's creation there to ship it before an alert (and then every period again).</summary>
    public TimeSpan ShippingSla { get; set; } = TimeSpan.FromDays(2);

    public OrdersStockOptions Stock { get; set; } = new();

    /// <summary>The warehouses to try for an address, most preferred first: <see cref="WarehouseRoutingRule"/> over <see cref="Routing"/>.</summary>
    public IReadOnlyList<string> WarehousesFor(string? countryCode, string? regionCode) =>
        WarehouseRoutingRule.Candidates(RoutingTable(), countryCode, regionCode).Warehouses;

    /// <summary>The routing table as the rule reads it.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> RoutingTable() =>
        Routing.ToDictionary(r => r.Key, r => (IReadOnlyList<string>)(r.Value ?? []), StringComparer.OrdinalIgnoreCase);
}

/// <summary>Warehouse stock polling (section "Orders:Stock"): ShipBob sends no inventory webhooks, so stock is read on a timer.</summary>
public sealed class OrdersStockOptions
{
    /// <summary>How often each warehouse's stock is read and changes pushed to the stores.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>False switches off stock reservation, polling and store sync (orders still flow).</summary>
    public bool Enabled { get; set; } = true;
}
