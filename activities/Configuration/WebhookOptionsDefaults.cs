using Integration.Activities.Webhooks.Signatures;
using Microsoft.Extensions.Configuration;

namespace Integration.Activities.Configuration;

/// <summary>Webhook settings taken from elsewhere in configuration, so one value is not entered twice.</summary>
public static class WebhookOptionsDefaults
{
    /// <summary>The ShipStation connector's API base URL, which a SHIP_NOTIFY pointer must point at.</summary>
    public const string ShipStationBaseUrlKey = "Connectors:ShipStation:BaseUrl";

    /// <summary>
    /// Fills each "shipstation" source's empty <see cref="WebhookSourceOptions.ResourceBaseUrl"/> from <see cref="ShipStationBaseUrlKey"/>,
    /// and reads '_' in a <see cref="WebhookSourceOptions.Shops"/> key as '-': app setting names on Linux App Service allow no
    /// '-', and shop handles have no '_', so <c>Shops__store_a__Secrets__0</c> is shop store-a.
    /// </summary>
    public static void Apply(WebhookOptions options, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        foreach (WebhookSourceOptions source in options.Sources.Values)
        {
            if (source.Shops.Keys.Any(k => k.Contains('_', StringComparison.Ordinal)))
            {
                var shops = new Dictionary<string, WebhookShopOptions>(StringComparer.OrdinalIgnoreCase);
                foreach ((string key, WebhookShopOptions shop) in source.Shops)
                {
                    string handle = key.Replace('_', '-');
                    if (shops.TryGetValue(handle, out WebhookShopOptions? same))
                    {
                        same.Secrets.AddRange(shop.Secrets);
                    }
                    else
                    {
                        shops[handle] = shop;
                    }
                }

                source.Shops = shops;
            }

            if (string.Equals(source.Scheme, ShipStationUrlToken.SchemeName, StringComparison.OrdinalIgnoreCase) && string.IsNullOrWhiteSpace(source.ResourceBaseUrl))
            {
                source.ResourceBaseUrl = configuration[ShipStationBaseUrlKey];
            }
        }
    }
}
