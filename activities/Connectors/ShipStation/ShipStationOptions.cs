namespace Integration.Activities.Connectors.ShipStation;

/// <summary>ShipStation connector settings (section "Connectors:ShipStation"); absent, ShipStation is not a warehouse orders can go to.</summary>
public sealed class ShipStationOptions
{
    public const string Section = "Connectors:ShipStation";

    /// <summary>The v1 API root, e.g. "https://ssapi.shipstation.com"; the sandbox's "/shipstation" locally. SHIP_NOTIFY resource URLs must have its origin.</summary>
    public string BaseUrl { get; set; } = string.Empty;

    /// <summary>v1 API key (Basic auth user name).</summary>
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>v1 API secret (Basic auth password).</summary>
    public string ApiSecret { get; set; } = string.Empty;

    /// <summary>The v2 API root for the Inventory add-on ("/inventory" is appended); empty when the account has no stock API.</summary>
    public string? InventoryBaseUrl { get; set; }

    /// <summary>The v2 API key (header API-Key); empty when the account has no stock API.</summary>
    public string? InventoryApiKey { get; set; }

    /// <summary>True when both v2 inventory settings are given.</summary>
    public bool HasInventoryApi => !string.IsNullOrWhiteSpace(InventoryBaseUrl) && !string.IsNullOrWhiteSpace(InventoryApiKey);
}
