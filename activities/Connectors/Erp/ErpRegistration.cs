using Integration.Activities.Configuration;
using Integration.Activities.Connectors.QuickBooks;
using Integration.Activities.Connectors.Xero;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Integration.Activities.Connectors.Erp;

/// <summary>Registers both ERP clients and resolves <see cref="IErpConnector"/> to the one "Erp:System" names.</summary>
public static class ErpRegistration
{
    public static IServiceCollection AddErpConnectors(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<ErpOptions>().Bind(configuration.GetSection(ErpOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ErpOptions>, ErpOptionsValidator>();
        OptionsBuilder<QuickBooksOptions> quickBooks = services.AddOptions<QuickBooksOptions>().Bind(configuration.GetSection(QuickBooksOptions.Section));
        OptionsBuilder<XeroOptions> xero = services.AddOptions<XeroOptions>().Bind(configuration.GetSection(XeroOptions.Section));
        services.AddSingleton<IValidateOptions<QuickBooksOptions>, ConnectorOptionsValidator>();
        services.AddSingleton<IValidateOptions<XeroOptions>, ConnectorOptionsValidator>();

        // Only the ERP in use must be configured: a Xero company has no QBO realm, and the reverse.
        // The other one's settings are still validated if something resolves its client.
        var selected = new ErpOptions();
        configuration.GetSection(ErpOptions.Section).Bind(selected);
        if (selected.IsXero)
        {
            xero.ValidateOnStart();
        }
        else
        {
            quickBooks.ValidateOnStart();
        }

        services.AddConnector<QuickBooksClient>(QuickBooksClient.SystemName, configuration);
        services.AddConnector<XeroClient>(XeroClient.SystemName, configuration);
        services.AddTransient<IErpConnector>(sp => sp.GetRequiredService<IOptions<ErpOptions>>().Value.IsXero
            ? sp.GetRequiredService<XeroClient>()
            : sp.GetRequiredService<QuickBooksClient>());
        return services;
    }
}
