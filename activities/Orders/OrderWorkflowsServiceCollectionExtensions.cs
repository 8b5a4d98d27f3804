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
        services.AddOptions<FulfilmentOptions>().Bind(configuration.GetSection(FulfilmentOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<FulfilmentOptions>, FulfilmentOptionsValidator>();
        services.AddOptions<ShipStationReadBackOptions>().Bind(configuration.GetSection(ShipStationReadBackOptions.Section));
        services.TryAddSingleton<IOrderCrmNoteLinks, CrossReferenceOrderCrmNoteLinks>();
        services.TryAddSingleton<IEventQueue>(sp => sp.GetRequiredService<EventQueue>());
        services.TryAddSingleton<IReceivedEventStore>(sp => sp.GetRequiredService<ReceivedEventStore>());
        return services;
    }
}
