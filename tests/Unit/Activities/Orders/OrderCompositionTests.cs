using System.Text.Json;
using Integration.Activities.Composition;
using Integration.Activities.Connectors.Shopify;
using Integration.Activities.Connectors.Warehouses;
using Integration.Activities.Orders;
using Integration.Tests.Unit.Infra;
using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Moq;
using Xunit;

namespace Integration.Tests.Unit.Activities.Orders;

/// <summary>
/// The one composition (AddIntegration) over the sample settings resolves every order activity, given the connectors
/// and the stock ledger (registered by their own work; mocked here), and binds the fulfilment settings.
/// </summary>
public sealed class OrderCompositionTests
{
    [Fact]
    public void Every_order_activity_resolves_and_the_sample_routing_and_default_sla_bind()
    {
        using ServiceProvider services = Composition();

        Type[] orderActivities = IntegrationTasks.Activities.Where(t => t.Namespace == typeof(PlanOrderFulfilmentActivity).Namespace).ToArray();
        Assert.Equal(10, orderActivities.Length);
        Assert.All(orderActivities, t => Assert.IsAssignableFrom<ITaskActivity>(services.GetRequiredService(t)));

        OrdersOptions options = services.GetRequiredService<IOptions<OrdersOptions>>().Value;
        Assert.Equal(["shipbob", "shipstation"], options.RoutingTable()["us"]);
        Assert.Equal(["shipstation", "shipbob"], options.RoutingTable()["default"]);
        Assert.Equal(TimeSpan.FromDays(2), options.ShippingSla);
        services.GetRequiredService<IStartupValidator>().Validate();
    }

    private static ServiceProvider Composition()
    {
        string path = Path.Combine(BicepFixture.FindRepoRoot(), "local.settings.sample.json");
        using JsonDocument sample = JsonDocument.Parse(File.ReadAllText(path));
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(sample.RootElement.GetProperty("Values").EnumerateObject()
                .Select(p => KeyValuePair.Create(p.Name.Replace("__", ":", StringComparison.Ordinal), p.Value.GetString())))
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddIntegration(configuration);
        services.AddSingleton(Mock.Of<IStockLedger>());
        services.AddSingleton(Mock.Of<IStoreStockSync>());
        services.AddSingleton(Mock.Of<IShopifyAdmin>());
        services.AddSingleton(Mock.Of<IWarehouseConnector>());
        services.AddSingleton(Mock.Of<IOrderCrmTimeline>());
        services.AddSingleton(Mock.Of<IShipStationShipments>());
        return services.BuildServiceProvider();
    }
}
