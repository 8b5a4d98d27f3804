using Integration.Activities.Connectors.ShipBob;
using Integration.Activities.Connectors.ShipStation;
using Integration.Activities.Orders;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Integration.Activities.Connectors.Warehouses;

/// <summary>The configured warehouse systems by name, so an activity acts on whichever warehouse the routing rule chose for an order.</summary>
public sealed class WarehouseConnectors(IEnumerable<IWarehouseConnector> connectors)
{
    private readonly IReadOnlyList<IWarehouseConnector> all = [.. connectors];

    /// <summary>Every configured warehouse, in registration order (ShipBob, then ShipStation).</summary>
    public IReadOnlyList<IWarehouseConnector> All => all;

    /// <summary>The warehouse of this name (ignoring case), or null when it is not configured.</summary>
    public IWarehouseConnector? Find(string? name) =>
        all.FirstOrDefault(c => string.Equals(c.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>The names of the warehouses whose settings are present, fixed at registration, for validating the routing rule without building clients.</summary>
public sealed class RegisteredWarehouses(IReadOnlyList<string> names)
{
    public IReadOnlyList<string> Names { get; } = names;

    public bool Contains(string? name) => Names.Contains(name?.Trim() ?? string.Empty, StringComparer.OrdinalIgnoreCase);
}

/// <summary>
/// Registers each warehouse system whose settings section is present (absent = not a warehouse orders can go to),
/// its options validated at start-up, the <see cref="WarehouseConnectors"/> registry, and the "Orders" options,
/// whose routing rule may only name registered warehouses.
/// </summary>
public static class WarehouseRegistration
{
    public static IServiceCollection AddWarehouseConnectors(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ShipBobOptions>, WarehouseOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ShipStationOptions>, WarehouseOptionsValidator>());
        var names = new List<string>();
        if (configuration.GetSection(ShipBobOptions.Section).Exists())
        {
            services.AddOptions<ShipBobOptions>().Bind(configuration.GetSection(ShipBobOptions.Section)).ValidateOnStart();
            Add<ShipBobClient>(services, ShipBobClient.SystemName, configuration);
            names.Add(ShipBobClient.SystemName);
        }

        if (configuration.GetSection(ShipStationOptions.Section).Exists())
        {
            services.AddOptions<ShipStationOptions>().Bind(configuration.GetSection(ShipStationOptions.Section)).ValidateOnStart();
            Add<ShipStationClient>(services, ShipStationClient.SystemName, configuration, ShipStationClient.WaitForRateLimitReset);
            names.Add(ShipStationClient.SystemName);
        }

        services.AddSingleton(new RegisteredWarehouses(names));
        services.TryAddTransient<WarehouseConnectors>();
        services.AddOptions<OrdersOptions>().Bind(configuration.GetSection(OrdersOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OrdersOptions>, OrdersOptionsValidator>());
        return services;
    }

    private static void Add<TConnector>(
        IServiceCollection services, string name, IConfiguration configuration, Action<Microsoft.Extensions.Http.Resilience.HttpStandardResilienceOptions>? resilience = null)
        where TConnector : class, IWarehouseConnector
    {
        services.AddConnector<TConnector>(name, configuration, resilience);
        services.AddTransient<IWarehouseConnector>(sp => sp.GetRequiredService<TConnector>());
    }
}
