using Integration.Sandbox.Admin;
using Integration.Sandbox.Alerts;
using Integration.Sandbox.BambooHr;
using Integration.Sandbox.Faults;
using Integration.Sandbox.HubSpot;
using Integration.Sandbox.Infrastructure;
using Integration.Sandbox.Identity;
using Integration.Sandbox.QuickBooks;
using Integration.Sandbox.ShipBob;
using Integration.Sandbox.ShipStation;
using Integration.Sandbox.Warehouses;
using Integration.Sandbox.Shopify;
using Integration.Sandbox.Xero;

namespace Integration.Sandbox;

/// Builds the sandbox web app; the standalone host embeds it, Program.cs runs it alone.
public static class SandboxServer
{
    /// <summary>Builds (does not start) a sandbox listening on <paramref name="url"/>.</summary>
    /// <param name="url">Listen address, e.g. "http://127.0.0.1:7080"; port 0 picks a free port.</param>
    /// <param name="configuration">Only its "Sandbox" section is read; null means defaults.</param>
    public static WebApplication Build(string url, IConfiguration? configuration = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        var options = SandboxOptions.FromConfiguration(configuration);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = typeof(SandboxServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });

        // Ignore the embedding process's appsettings/environment (Kestrel endpoints, log levels):
        // the sandbox is configured only through the arguments of this method.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.WebHost.UseUrls(url);

        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(options.LogLevel);

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RequestCounters>();
        builder.Services.AddSingleton<FaultRegistry>();
        builder.Services.AddSingleton<HubSpotStore>();
        builder.Services.AddSingleton<HubSpotContactStore>();
        builder.Services.AddSingleton<QuickBooksStore>();
        builder.Services.AddSingleton<XeroStore>();
        builder.Services.AddSingleton<AlertStore>();
        builder.Services.AddSingleton<IdentityStore>();
        builder.Services.AddSingleton<BambooHrStore>();
        builder.Services.AddHttpClient(nameof(ProductWebhooks), c => c.Timeout = TimeSpan.FromSeconds(15));
        builder.Services.AddSingleton<ProductWebhooks>();
        builder.Services.AddSingleton<WarehouseWebhooks>();
        builder.Services.AddSingleton<ShipBobStore>();
        builder.Services.AddSingleton<ShipStationStore>();
        builder.Services.AddSingleton<ShopifyStore>();
        builder.Services.AddSingleton<ShopifyWebhookSender>();

        var app = builder.Build();
        app.UseMiddleware<FaultInjectionMiddleware>();
        HubSpotEndpoints.Map(app);
        HubSpotContactEndpoints.Map(app);
        QuickBooksEndpoints.Map(app);
        XeroEndpoints.Map(app);
        AlertEndpoints.Map(app);
        IdentityEndpoints.Map(app);
        BambooHrEndpoints.Map(app);
        BambooHrAdminEndpoints.Map(app);
        ShipBobEndpoints.Map(app);
        ShipBobAdminEndpoints.Map(app);
        ShipStationEndpoints.Map(app);
        ShipStationAdminEndpoints.Map(app);
        ShopifyEndpoints.Map(app);
        ShopifyAdminEndpoints.Map(app);
        AdminEndpoints.Map(app);
        return app;
    }
}
