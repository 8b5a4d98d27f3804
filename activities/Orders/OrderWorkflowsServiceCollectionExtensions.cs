using Integration.Activities.Connectors.ShipStation;
using Integration.Activities.Invoicing;
using Integration.Activities.Orders.Stock;
using Integration.Activities.Queueing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Integration.Activities.Orders;

/// <summary>
/// What the order activities need beyond the connectors and the stock ledger (registered by their own work): the
/// fulfilment settings, the CRM-note links, and the intake's queue and dedupe table behind their interfaces.
/// </summary>
public static class OrderWorkflowsServiceCollectionExtensions
{
    public static IServiceCollection AddOrderWorkflows(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ShipStationReadBackOptions>().Bind(configuration.GetSection(ShipStationReadBackOptions.Section));
        services.TryAddSingleton<IOrderCrmNoteLinks, CrossReferenceOrderCrmNoteLinks>();

        // The connectors and the dictionary behind the order activities' narrow interfaces; the ShipStation client exists only
        // when Connectors:ShipStation is configured, and the read-back activity fails saying so otherwise.
        services.TryAddTransient<IOrderCrmTimeline, HubSpotOrderCrmTimeline>();
        services.TryAddTransient<IShipStationShipments>(sp => sp.GetService<ShipStationClient>()
            ?? throw new InvalidOperationException("A ShipStation SHIP_NOTIFY arrived but Connectors:ShipStation is not configured."));
        services.TryAddSingleton<IWarehouseSkuMap>(sp => sp.GetRequiredService<DataDictionary>());
        services.TryAddSingleton<IEventQueue>(sp => sp.GetRequiredService<EventQueue>());
        services.TryAddSingleton<IReceivedEventStore>(sp => sp.GetRequiredService<ReceivedEventStore>());
        return services;
    }
}
