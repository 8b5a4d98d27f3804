namespace Integration.Activities.Webhooks;

/// <summary>
/// The webhook secrets of a local development setup: the standalone host's defaults and what the
/// sample-event tool signs with. Defined once so the two always agree. Never used in Azure, where
/// secrets come from Key Vault.
/// </summary>
public static class DevelopmentSecrets
{
    /// <summary>The HubSpot app client secret for the "crm" source (hubspot-v3).</summary>
    public const string Crm = "dev-hubspot-client-secret";

    /// <summary>The Standard Webhooks secret for the "app" source: whsec_ + base64 of the 32 ASCII bytes "dev-app-webhook-secret-32-bytes!".</summary>
    public const string App = "whsec_ZGV2LWFwcC13ZWJob29rLXNlY3JldC0zMi1ieXRlcyE=";

    /// <summary>The BambooHR webhook private key for the "hr" source (bamboohr).</summary>
    public const string Hr = "dev-bamboohr-webhook-key";
}
