using Integration.Activities.Connectors.Warehouses;
using Microsoft.Extensions.Options;

namespace Integration.Activities.Orders;

/// <summary>
/// Start-up validation of "Orders": every routing key is a country, a country-region or "default", and every
/// warehouse a rule names is one whose settings are configured, so a typo stops the host instead of every order.
/// </summary>
public sealed class OrdersOptionsValidator(RegisteredWarehouses registered) : IValidateOptions<OrdersOptions>
{
    public ValidateOptionsResult Validate(string? name, OrdersOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string section = OrdersOptions.Section;
        var failures = new List<string>();
        string known = registered.Names.Count == 0 ? "none (configure Connectors:ShipBob or Connectors:ShipStation)" : string.Join(", ", registered.Names);
        foreach ((string key, List<string> warehouses) in options.Routing)
        {
            string prefix = $"{section}:Routing:{key}";
            if (!IsRoutingKey(key))
            {
                failures.Add($"{prefix}: '{key}' is not a country code (\"US\"), a country-region (\"US-CA\") or \"{OrdersOptions.DefaultRoute}\".");
            }

            if (warehouses.Count == 0)
            {
                failures.Add($"{prefix} names no warehouse.");
            }

            foreach (string warehouse in warehouses.Where(w => !registered.Contains(w)))
            {
                failures.Add($"{prefix} names warehouse '{warehouse}', which is not configured; configured: {known}.");
            }

            foreach (string duplicate in warehouses.GroupBy(w => w, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key))
            {
                failures.Add($"{prefix} names warehouse '{duplicate}' more than once.");
            }
        }

        if (options.Routing.Count > 0 && !options.Routing.ContainsKey(OrdersOptions.DefaultRoute))
        {
            failures.Add($"{section}:Routing has no \"{OrdersOptions.DefaultRoute}\" rule, so an order to a country without a rule could go nowhere.");
        }

        if (options.ShippingSla <= TimeSpan.Zero || options.ShippingSla > TimeSpan.FromDays(90))
        {
            failures.Add($"{section}:ShippingSla '{options.ShippingSla}' must be more than 0 and at most 90 days.");
        }

        if (options.Stock.PollInterval < TimeSpan.FromSeconds(1) || options.Stock.PollInterval > TimeSpan.FromDays(1))
        {
            failures.Add($"{section}:Stock:PollInterval '{options.Stock.PollInterval}' must be between 00:00:01 and 1.00:00:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>"default", "US" or "US-CA" / "US_CA" (region: 1-3 letters or digits, as ISO 3166-2 subdivisions are).</summary>
    public static bool IsRoutingKey(string key)
    {
        if (string.Equals(key, OrdersOptions.DefaultRoute, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        string[] parts = key.Split('-', '_');
        return parts.Length is 1 or 2 && parts[0].Length == 2 && parts[0].All(char.IsAsciiLetter) &&
            (parts.Length == 1 || (parts[1].Length is >= 1 and <= 3 && parts[1].All(char.IsAsciiLetterOrDigit)));
    }
}
