using Integration.Activities.Webhooks;

namespace Integration.SendEvent;

/// <summary>The development secrets the standalone host also uses by default, so local sends verify without configuration.</summary>
public static class DevSecrets
{
    /// <summary>The HubSpot app client secret for the "crm" source (hubspot-v3).</summary>
    public const string Crm = DevelopmentSecrets.Crm;

    /// <summary>The Standard Webhooks secret for the "app" source.</summary>
    public const string App = DevelopmentSecrets.App;

    /// <summary>The BambooHR webhook private key for the "hr" source (bamboohr).</summary>
    public const string Hr = DevelopmentSecrets.Hr;
}
