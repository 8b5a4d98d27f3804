using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Integration.Activities.Connectors.BambooHr;

/// <summary>Registers the BambooHR connector: options from "Connectors:BambooHr", validated at start-up, and the typed client with the shared pipeline.</summary>
public static class BambooHrServiceCollectionExtensions
{
    public static IServiceCollection AddBambooHr(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<BambooHrOptions>().Bind(configuration.GetSection(BambooHrOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BambooHrOptions>, BambooHrOptionsValidator>();
        services.AddConnector<BambooHrClient>(BambooHrClient.SystemName, configuration);
        return services;
    }
}
