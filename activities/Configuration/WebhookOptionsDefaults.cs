using Integration.Activities.Webhooks.Signatures;
using Microsoft.Extensions.Configuration;

namespace Integration.Activities.Configuration;

/// <summary>Webhook settings taken from elsewhere in configuration, so one value is not entered twice.</summary>
public static class WebhookOptionsDefaults
{
    /// <summary>The ShipStation connector's API base URL, which a SHIP_NOTIFY pointer must point at.</summary>
    public const string ShipStationBaseUrlKey = "Connectors:ShipStation:BaseUrl";

    /// <summary>Fills each "shipstation" source's empty <see cref="WebhookSourceOptions.ResourceBaseUrl"/> from <see cref="ShipStationBaseUrlKey"/>.</summary>
    public static void Apply(WebhookOptions options, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        foreach (WebhookSourceOptions source in options.Sources.Values)
        {
            if (string.Equals(source.Scheme, ShipStationUrlToken.SchemeName, StringComparison.OrdinalIgnoreCase) && string.IsNullOrWhiteSpace(source.ResourceBaseUrl))
            {
                source.ResourceBaseUrl = configuration[ShipStationBaseUrlKey];
            }
        }
    }
}
