using Integration.Activities.Connectors.Warehouses;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.Orders;
using Microsoft.DurableTask;

namespace Integration.Activities.Orders;

/// <summary>Creates the order at the warehouse the reservation chose, keyed by the order key, so a repeat finds the first.</summary>
public sealed class CreateWarehouseOrderActivity(IEnumerable<IWarehouseConnector> warehouses) : TaskActivity<WarehouseOrderRequest, WarehouseOrderResult>
{
    public override Task<WarehouseOrderResult> RunAsync(TaskActivityContext context, WarehouseOrderRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return WarehouseConnectors.Named(warehouses, input.Warehouse).CreateOrderAsync(input, CancellationToken.None);
    }
}

/// <summary>Cancels the order at the warehouse it was sent to; the warehouse says cancelled, too late, or not found.</summary>
public sealed class CancelWarehouseOrderActivity(IEnumerable<IWarehouseConnector> warehouses) : TaskActivity<CancelWarehouseOrderInput, WarehouseCancelResult>
{
    public override Task<WarehouseCancelResult> RunAsync(TaskActivityContext context, CancelWarehouseOrderInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return WarehouseConnectors.Named(warehouses, input.Warehouse).CancelOrderAsync(input, CancellationToken.None);
    }
}

/// <summary>Chooses the connector by its routing name; an unknown name is a configuration fault no retry fixes.</summary>
internal static class WarehouseConnectors
{
    public static IWarehouseConnector Named(IEnumerable<IWarehouseConnector> warehouses, string name)
    {
        List<IWarehouseConnector> all = warehouses.ToList();
        return all.FirstOrDefault(w => string.Equals(w.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new PermanentActivityFailureException(
                $"No warehouse connector is named '{name}' (configured: {(all.Count == 0 ? "none" : string.Join(", ", all.Select(w => w.Name)))}); check Orders:Routing.");
    }
}
