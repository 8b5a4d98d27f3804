using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Integration.Activities.Connectors.Shopify;

/// <summary>Registers the Shopify Admin client for every configured shop: options validated at start-up, the typed client with the shared pipeline.</summary>
public static class ShopifyRegistration
{
    public static IServiceCollection AddShopifyAdmin(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<ShopifyOptions>().Bind(configuration.GetSection(ShopifyOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ShopifyOptions>, ShopifyOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddConnector<ShopifyAdminClient>(ShopifyAdminClient.SystemName, configuration);
        services.AddTransient<IShopifyAdmin>(sp => sp.GetRequiredService<ShopifyAdminClient>());
        return services;
    }
}
