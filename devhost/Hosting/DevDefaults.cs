using System.Globalization;
using Integration.Activities.Webhooks;

namespace Integration.DevHost.Hosting;

/// <summary>
/// Settings the standalone host uses when nothing else sets them: Azurite, the embedded sandbox and
/// the development webhook secrets (the same ones tools/SendEvent signs with). Every value can be
/// overridden by appsettings, environment variables (Section__Key) or command-line arguments.
/// </summary>
public static class DevDefaults
{
    public const int ApiPort = 7071;
    public const int GrpcPort = 7072;
    public const int SandboxPort = 7080;
    public const string OperationsKey = "dev-operations-key";
    public const string ReaderKey = "dev-reader-key";

    public static Dictionary<string, string?> For(int sandboxPort, int apiPort = ApiPort)
    {
        string sandbox = $"http://127.0.0.1:{sandboxPort.ToString(CultureInfo.InvariantCulture)}";
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["Webhooks:Sources:crm:Scheme"] = "hubspot-v3",
            ["Webhooks:Sources:crm:Secrets:0"] = DevelopmentSecrets.Crm,
            ["Webhooks:Sources:app:Scheme"] = "standard-webhooks",
            ["Webhooks:Sources:app:Secrets:0"] = DevelopmentSecrets.App,
            ["Webhooks:Sources:hr:Scheme"] = "bamboohr",
            ["Webhooks:Sources:hr:Secrets:0"] = DevelopmentSecrets.Hr,
            ["Webhooks:Sources:shopify:Scheme"] = "shopify",
            ["Webhooks:Sources:shopify:Shops:store-a:Secrets:0"] = DevelopmentSecrets.ShopifyStoreA,
            ["Webhooks:Sources:shopify:Shops:store-b:Secrets:0"] = DevelopmentSecrets.ShopifyStoreB,
            ["Webhooks:Sources:shopify:Shops:store-c:Secrets:0"] = DevelopmentSecrets.ShopifyStoreC,
            ["Webhooks:Sources:shipbob:Scheme"] = "shipbob",
            ["Webhooks:Sources:shipbob:Secrets:0"] = DevelopmentSecrets.ShipBob,
            ["Webhooks:Sources:shipstation:Scheme"] = "shipstation",
            ["Webhooks:Sources:shipstation:Secrets:0"] = DevelopmentSecrets.ShipStationToken,
            // The shipstation source accepts SHIP_NOTIFY pointers only to this origin (the sandbox's ShipStation).
            ["Webhooks:Sources:shipstation:ResourceBaseUrl"] = $"{sandbox}/shipstation",
            ["Connectors:HubSpot:BaseUrl"] = $"{sandbox}/hubspot",
            ["Connectors:HubSpot:AccessToken"] = "sandbox-hubspot-token",
            ["Connectors:BambooHr:BaseUrl"] = $"{sandbox}/bamboohr/api/v1/",
            ["Connectors:BambooHr:ApiKey"] = "sandbox-bamboohr-key",
            ["Connectors:QuickBooks:BaseUrl"] = $"{sandbox}/quickbooks",
            ["Connectors:QuickBooks:RealmId"] = "9130350000000001",
            ["Connectors:QuickBooks:AccessToken"] = "sandbox-quickbooks-token",
            // The embedded sandbox's Xero organisation, so "Erp:System=xero" needs no other setting.
            ["Connectors:Xero:BaseUrl"] = $"{sandbox}/xero",
            ["Connectors:Xero:TenantId"] = "7d3c1f0e-2b4a-4c6d-9e8f-1a2b3c4d5e6f",
            ["Connectors:Xero:AccessToken"] = "sandbox-xero-token",
            ["Alerts:WebhookUrl"] = $"{sandbox}/alerts",
            // Order fulfilment (issue 12): the embedded sandbox's stores and warehouses, and the routing rule.
            ["Connectors:Shopify:ApiVersion"] = "2026-01",
            ["Connectors:Shopify:Shops:store-a:BaseUrl"] = $"{sandbox}/shopify/store-a",
            ["Connectors:Shopify:Shops:store-a:AccessToken"] = "sandbox-shopify-token",
            ["Connectors:Shopify:Shops:store-b:BaseUrl"] = $"{sandbox}/shopify/store-b",
            ["Connectors:Shopify:Shops:store-b:AccessToken"] = "sandbox-shopify-token",
            ["Connectors:Shopify:Shops:store-c:BaseUrl"] = $"{sandbox}/shopify/store-c",
            ["Connectors:Shopify:Shops:store-c:AccessToken"] = "sandbox-shopify-token",
            ["Connectors:ShipBob:BaseUrl"] = $"{sandbox}/shipbob",
            ["Connectors:ShipBob:AccessToken"] = "sandbox-shipbob-token",
            ["Connectors:ShipBob:ChannelId"] = "100100",
            ["Connectors:ShipBob:ApiVersion"] = "2026-01",
            ["Connectors:ShipStation:BaseUrl"] = $"{sandbox}/shipstation",
            ["Connectors:ShipStation:ApiKey"] = "sandbox-shipstation-key",
            ["Connectors:ShipStation:ApiSecret"] = "sandbox-shipstation-secret",
            ["Connectors:ShipStation:InventoryBaseUrl"] = $"{sandbox}/shipstation/v2",
            ["Connectors:ShipStation:InventoryApiKey"] = "sandbox-shipstation-v2-key",
            ["Orders:Routing:US:0"] = "shipbob",
            ["Orders:Routing:US:1"] = "shipstation",
            ["Orders:Routing:default:0"] = "shipstation",
            ["Orders:Routing:default:1"] = "shipbob",
            // Stores follow the sandbox warehouses' stock within seconds (default a minute).
            ["Orders:Stock:PollInterval"] = "00:00:05",
            ["Operations:Keys:0:Name"] = "development operator",
            ["Operations:Keys:0:Role"] = "operator",
            ["Operations:Keys:0:Hash"] = Integration.Activities.Operations.OperationsKeyHash.Of(OperationsKey),
            ["Operations:Keys:1:Name"] = "development reader",
            ["Operations:Keys:1:Role"] = "reader",
            ["Operations:Keys:1:Hash"] = Integration.Activities.Operations.OperationsKeyHash.Of(ReaderKey),
            ["Sandbox:Embedded"] = "true",
            // The embedded sandbox's vendors (Shopify, ShipBob, ShipStation) send their webhooks to this host.
            ["Sandbox:Webhooks:BaseUrl"] = $"http://127.0.0.1:{apiPort.ToString(CultureInfo.InvariantCulture)}/api/v1/webhooks",
            // ...signed with the secrets this host checks, from the one definition, so the two cannot drift.
            ["Sandbox:Shopify:Shops:store-a:WebhookSecret"] = DevelopmentSecrets.ShopifyStoreA,
            ["Sandbox:Shopify:Shops:store-b:WebhookSecret"] = DevelopmentSecrets.ShopifyStoreB,
            ["Sandbox:Shopify:Shops:store-c:WebhookSecret"] = DevelopmentSecrets.ShopifyStoreC,
            ["Sandbox:ShipBob:WebhookSecret"] = DevelopmentSecrets.ShipBob,
            ["Sandbox:ShipStation:WebhookToken"] = DevelopmentSecrets.ShipStationToken,
        };
        foreach ((string key, string? value) in SandboxIdentityTargets.For(sandbox))
        {
            settings[key] = value;
        }

        return settings;
    }
}
