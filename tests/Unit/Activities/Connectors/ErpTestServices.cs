using Integration.Activities.ApiCalls;
using Integration.Activities.Calendar;
using Integration.Activities.Connectors.Erp;
using Integration.Activities.Invoicing;
using Integration.Activities.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Tests.Unit.Activities.Connectors;

/// <summary>The ERP connectors (and, when asked, the calendar and data dictionary) registered as the app does, from in-memory settings.</summary>
internal static class ErpTestServices
{
    public static ServiceProvider Build(Dictionary<string, string?> values, bool withBusinessSettings = false)
    {
        values.TryAdd(StorageClients.SettingName, "UseDevelopmentStorage=true");
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new StorageClients(configuration));
        services.AddSingleton<ApiCallLog>();
        if (withBusinessSettings)
        {
            services.AddBusinessCalendar(configuration);
            services.AddDataDictionary(configuration);
        }

        services.AddErpConnectors(configuration);
        return services.BuildServiceProvider();
    }
}
