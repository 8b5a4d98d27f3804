namespace Integration.SendEvent;

/// <summary>The development secrets the standalone host also uses by default, so local sends verify without configuration.</summary>
public static class DevSecrets
{
    /// <summary>The HubSpot app client secret for the "crm" source (hubspot-v3).</summary>
    public const string Crm = "dev-hubspot-client-secret";

    /// <summary>The Standard Webhooks secret for the "app" source: whsec_ + base64 of the 32 ASCII bytes "dev-app-webhook-secret-32-bytes!".</summary>
    public const string App = "whsec_ZGV2LWFwcC13ZWJob29rLXNlY3JldC0zMi1ieXRlcyE=";
}
