using Microsoft.Extensions.Options;

namespace Integration.Activities.Orders.Stock;

/// <summary>
/// Section "Orders:Stock": how often <see cref="WarehouseStockLoop"/> reads the warehouses' stock, and whether it runs.
/// Its own small class (not OrdersOptions) so the stock loop binds only the two settings it reads.
/// </summary>
public sealed class StockLoopOptions
{
    public const string Section = "Orders:Stock";

    /// <summary>Time between reads of every warehouse's stock (dev defaults: 5 s).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>False stops the loop (stores then change only when an order workflow syncs them).</summary>
    public bool Enabled { get; set; } = true;
}

/// <summary>Stops start-up on a poll interval that would hammer the warehouses' APIs or never run.</summary>
public sealed class StockLoopOptionsValidator : IValidateOptions<StockLoopOptions>
{
    public ValidateOptionsResult Validate(string? name, StockLoopOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.PollInterval < TimeSpan.FromSeconds(1) || options.PollInterval > TimeSpan.FromDays(1)
            ? ValidateOptionsResult.Fail($"Orders:Stock:PollInterval must be between 1 second and 1 day; was {options.PollInterval}.")
            : ValidateOptionsResult.Success;
    }
}
