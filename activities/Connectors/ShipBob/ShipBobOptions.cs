namespace Integration.Activities.Connectors.ShipBob;

/// <summary>ShipBob connector settings (section "Connectors:ShipBob"); absent, ShipBob is not a warehouse orders can go to.</summary>
public sealed class ShipBobOptions
{
    public const string Section = "Connectors:ShipBob";

    /// <summary>The API root without the version, e.g. "https://api.shipbob.com"; the sandbox's "/shipbob" locally.</summary>
    public string BaseUrl { get; set; } = string.Empty;

    /// <summary>Personal access token or OAuth token, sent as Bearer.</summary>
    public string AccessToken { get; set; } = string.Empty;

    /// <summary>The channel orders are created in (header shipbob_channel_id, required on writes).</summary>
    public string ChannelId { get; set; } = string.Empty;

    /// <summary>The dated API version in every path ("2026-01").</summary>
    public string ApiVersion { get; set; } = "2026-01";

    /// <summary>The ship option every order is created with (ShipBob's shipping_method names the merchant's ship option).</summary>
    public string ShippingMethod { get; set; } = "Standard";
}
