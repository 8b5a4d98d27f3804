using Integration.Orchestrations.Orders;
using Microsoft.Extensions.Options;

namespace Integration.Activities.Orders;

/// <summary>
/// The fulfilment workflow's settings in section "Orders": the warehouse routing table and the shipping SLA. Written
/// apart from the connectors' OrdersOptions (same section, its Stock settings) so two engineers did not edit one file;
/// the two bind the same section and may be merged.
/// </summary>
public sealed class FulfilmentOptions
{
    public const string Section = "Orders";

    /// <summary>
    /// "Orders:Routing:{COUNTRY-REGION}", "{COUNTRY}" or "default" → warehouse names, most preferred first; see
    /// <see cref="WarehouseRoutingRule"/>. Keys ignore case.
    /// </summary>
    public Dictionary<string, List<string>> Routing { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long a warehouse has to ship an order before an alert; "2.00:00:00" unless set.</summary>
    public TimeSpan ShippingSla { get; set; } = TimeSpan.FromDays(2);

    /// <summary>The routing table as the rule reads it.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> RoutingTable() =>
        Routing.ToDictionary(r => r.Key, r => (IReadOnlyList<string>)(r.Value ?? []), StringComparer.OrdinalIgnoreCase);
}

/// <summary>Stops the host at start-up on an SLA that could never fire sensibly, or a route that names no warehouse.</summary>
public sealed class FulfilmentOptionsValidator : IValidateOptions<FulfilmentOptions>
{
    public ValidateOptionsResult Validate(string? name, FulfilmentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.ShippingSla < TimeSpan.FromMinutes(1) || options.ShippingSla > TimeSpan.FromDays(365))
        {
            failures.Add($"{FulfilmentOptions.Section}:ShippingSla must be between one minute and 365 days (was {options.ShippingSla}).");
        }

        foreach ((string key, List<string>? warehouses) in options.Routing)
        {
            if (warehouses is null || warehouses.All(string.IsNullOrWhiteSpace))
            {
                failures.Add($"{FulfilmentOptions.Section}:Routing:{key} names no warehouse (give one or more, e.g. {FulfilmentOptions.Section}:Routing:{key}:0=shipbob).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
