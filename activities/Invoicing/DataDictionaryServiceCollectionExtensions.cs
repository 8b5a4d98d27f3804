using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Integration.Activities.Invoicing;

/// <summary>Registers the data dictionary and pricing: settings validated on start, the dictionary loaded once, before the host starts.</summary>
public static class DataDictionaryServiceCollectionExtensions
{
    public static IServiceCollection AddDataDictionary(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<DataDictionaryOptions>().Bind(configuration.GetSection(DataDictionaryOptions.Section)).ValidateOnStart();
        services.AddOptions<PricingOptions>().Bind(configuration.GetSection(PricingOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DataDictionaryOptions>, InvoicingOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PricingOptions>, InvoicingOptionsValidator>());

        services.TryAddSingleton(sp => DataDictionaryLoader.Load(
            sp.GetRequiredService<IOptions<DataDictionaryOptions>>().Value, AppContext.BaseDirectory));
        services.AddHostedService<DataDictionaryStartupCheck>();
        return services;
    }
}
