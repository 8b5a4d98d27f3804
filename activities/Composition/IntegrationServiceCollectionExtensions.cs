using Integration.Activities.Alerts;
using Integration.Activities.Calendar;
using Integration.Activities.ApiCalls;
using Integration.Activities.Configuration;
using Integration.Activities.Console;
using Integration.Activities.Connectors;
using Integration.Activities.Connectors.Erp;
using Integration.Activities.Connectors.BambooHr;
using Integration.Activities.Connectors.HubSpot;
using Integration.Activities.Connectors.Identity;
using Integration.Activities.Connectors.Shopify;
using Integration.Activities.Connectors.Warehouses;
using Integration.Activities.CrossReferences;
using Integration.Activities.DeadLetters;
using Integration.Activities.Dispatch;
using Integration.Activities.Evidence;
using Integration.Activities.Health;
using Integration.Activities.Invoicing;
using Integration.Activities.Offboarding;
using Integration.Activities.Operations;
using Integration.Activities.Orders.Stock;
using Integration.Activities.Orders;
using Integration.Activities.Queueing;
using Integration.Activities.Reviews;
using Integration.Activities.Storage;
using Integration.Activities.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Integration.Activities.Composition;

/// <summary>The one composition of the product's services; both hosts call AddIntegration and add only their bindings.</summary>
public static class IntegrationServiceCollectionExtensions
{
    public static IServiceCollection AddIntegration(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.Section)).PostConfigure(o => WebhookOptionsDefaults.Apply(o, configuration)).ValidateOnStart();
        services.AddOptions<HubSpotOptions>().Bind(configuration.GetSection(HubSpotOptions.Section)).ValidateOnStart();
        services.AddOptions<AlertOptions>().Bind(configuration.GetSection(AlertOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AlertOptions>, AlertOptionsValidator>();
        services.AddOptions<OperationsOptions>().Bind(configuration.GetSection(OperationsOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OperationsOptions>, OperationsOptionsValidator>();
        services.AddOptions<ConnectorResilienceOptions>().Bind(configuration.GetSection(ConnectorResilienceOptions.Section));
        services.AddSingleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>();
        services.AddSingleton<IValidateOptions<HubSpotOptions>, ConnectorOptionsValidator>();
        services.AddOptions<OffboardingOptions>().Bind(configuration.GetSection(OffboardingOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OffboardingOptions>, OffboardingOptionsValidator>();
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new StorageClients(configuration));
        services.AddHostedService<StorageBootstrapper>();
        services.AddSingleton<EventQueue>();
        services.AddSingleton<IEventQueue>(sp => sp.GetRequiredService<EventQueue>());
        services.AddSingleton<ReceivedEventStore>();
        services.AddSingleton<IReceivedEventStore>(sp => sp.GetRequiredService<ReceivedEventStore>());
        services.AddSingleton<EventIntake>();
        services.AddSingleton<DeadLetterStore>();
        services.AddSingleton<CrossReferenceStore>();
        services.AddSingleton<ApiCallLog>();
        services.AddHostedService(sp => sp.GetRequiredService<ApiCallLog>());
        services.AddHostedService<TableRetentionService>();

        services.AddSingleton<WebhookIngressHandler>();
        services.AddSingleton(sp => new EventDispatcher(
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<EventDispatcher>>(), queue: sp.GetRequiredService<EventQueue>()));
        services.AddSingleton<PoisonEventHandler>();
        services.AddSingleton<HealthHandler>();
        services.AddSingleton<OperationsAccess>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<AuditHandler>();
        services.AddSingleton<CallerHandler>();
        services.AddSingleton<ConsoleHandler>();
        services.AddSingleton<OperationsHandler>();
        services.AddSingleton<ReviewClaimStore>();
        services.AddSingleton<ReviewDecisionHandler>();
        services.AddSingleton(sp => new DeadLetterReplayer(
            sp.GetRequiredService<DeadLetterStore>(), sp.GetRequiredService<EventQueue>(), sp.GetRequiredService<AuditLog>(), sp,
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<DeadLetterReplayer>>()));
        services.AddSingleton<IDeadLetterOperations>(sp => sp.GetRequiredService<DeadLetterReplayer>());
        services.AddSingleton<DeadLetterHandler>();
        services.AddSingleton<AlertStore>();
        services.AddSingleton<AlertHandler>();
        services.AddSingleton<ConnectorHealth>();
        services.AddHostedService<AlertMaintenanceService>();
        services.AddSingleton<IInstanceActions, InstanceActions>();
        services.AddSingleton<InstanceActionHandler>();
        services.AddBulkJobs(configuration);
        services.AddSingleton<IInstanceRows, InstanceTableRows>();
        services.AddSingleton<IInstanceFinder, InstanceTableFinder>();
        services.AddSingleton<InstanceSummaryReader>();
        services.AddSingleton<IEngineHistoryReader, HistoryTableReader>();
        services.AddSingleton<InstanceFindHandler>();

        services.AddBusinessCalendar(configuration);
        services.AddDataDictionary(configuration);
        services.AddOrderWorkflows(configuration);

        services.AddConnector<HubSpotCrmClient>(HubSpotCrmClient.SystemName, configuration);
        services.AddErpConnectors(configuration);
        services.AddShopifyAdmin(configuration);
        services.AddWarehouseConnectors(configuration);
        services.AddBambooHr(configuration);
        services.AddIdentityTargets(configuration);
        services.AddOffboardingEvidence();
        services.AddOrderStock(configuration);
        services.AddConnector<AlertPublisher>("alerts", configuration);

        foreach (Type activity in IntegrationTasks.Activities)
        {
            services.AddTransient(activity);
        }

        return services;
    }
}
