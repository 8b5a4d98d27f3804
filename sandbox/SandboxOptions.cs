using Integration.Sandbox.Faults;
using Integration.Sandbox.Shopify;

namespace Integration.Sandbox;

/// Start-up settings of one sandbox, read once from the "Sandbox" configuration section.
internal sealed record SandboxOptions
{
    public static readonly Guid DefaultXeroTenantId = Guid.Parse("7d3c1f0e-2b4a-4c6d-9e8f-1a2b3c4d5e6f");

    public string HubSpotAccessToken { get; init; } = "sandbox-hubspot-token";

    public string QuickBooksAccessToken { get; init; } = "sandbox-quickbooks-token";

    public string XeroAccessToken { get; init; } = "sandbox-xero-token";

    /// <summary>The API key BambooHR calls must send as their Basic auth user name.</summary>
    public string BambooHrApiKey { get; init; } = "sandbox-bamboohr-key";

    /// <summary>The one Xero organisation this sandbox emulates; calls naming another tenant get 403.</summary>
    public Guid XeroTenantId { get; init; } = DefaultXeroTenantId;

    /// <summary>The one credential every emulated identity system accepts, each in its own header and scheme.</summary>
    public string IdentityToken { get; init; } = "sandbox-identity-token";

    public bool GenerateDeals { get; init; } = true;

    /// <summary>Where the product takes webhooks ("http://127.0.0.1:7071/api/v1/webhooks"); the emulated vendors post to "{this}/{source}".</summary>
    public string? WebhooksBaseUrl { get; init; }

    /// <summary>The emulated Shopify stores ("Sandbox:Shopify"): access token and a webhook secret per shop.</summary>
    public ShopifySandboxOptions Shopify { get; init; } = new();

    public LogLevel LogLevel { get; init; } = LogLevel.Warning;

    public ShipBob.ShipBobSandboxOptions ShipBob { get; init; } = new();

    public ShipStation.ShipStationSandboxOptions ShipStation { get; init; } = new();

    public IReadOnlyDictionary<SandboxSystem, FaultSettings> Faults { get; init; } =
        SandboxSystems.All.ToDictionary(s => s, _ => new FaultSettings());

    public static SandboxOptions FromConfiguration(IConfiguration? configuration)
    {
        var defaults = new SandboxOptions();
        if (configuration is null)
        {
            return defaults;
        }

        var section = configuration.GetSection("Sandbox");
        var faults = new Dictionary<SandboxSystem, FaultSettings>();
        foreach (var system in SandboxSystems.All)
        {
            var settings = FaultSettings.FromConfiguration(section.GetSection($"Faults:{SandboxSystems.Name(system)}"));
            var errors = settings.Validate();
            if (errors.Count > 0)
            {
                throw new InvalidOperationException(
                    $"Invalid Sandbox:Faults:{SandboxSystems.Name(system)} settings: {string.Join("; ", errors)}");
            }

            faults[system] = settings;
        }

        var tenant = section["Xero:TenantId"];
        if (tenant is not null && !Guid.TryParse(tenant, out _))
        {
            throw new InvalidOperationException($"Invalid Sandbox:Xero:TenantId '{tenant}': a Xero tenant id is a GUID.");
        }

        return new SandboxOptions
        {
            HubSpotAccessToken = section["HubSpot:AccessToken"] ?? defaults.HubSpotAccessToken,
            QuickBooksAccessToken = section["QuickBooks:AccessToken"] ?? defaults.QuickBooksAccessToken,
            XeroAccessToken = section["Xero:AccessToken"] ?? defaults.XeroAccessToken,
            BambooHrApiKey = section["BambooHr:ApiKey"] ?? defaults.BambooHrApiKey,
            XeroTenantId = tenant is null ? defaults.XeroTenantId : Guid.Parse(tenant),
            IdentityToken = section["Identity:Token"] ?? defaults.IdentityToken,
            GenerateDeals = section.GetValue("HubSpot:GenerateDeals", defaults.GenerateDeals),
            WebhooksBaseUrl = section["Webhooks:BaseUrl"] ?? defaults.WebhooksBaseUrl,
            Shopify = ShopifySandboxOptions.FromConfiguration(section.GetSection("Shopify")),
            LogLevel = section.GetValue("LogLevel", defaults.LogLevel),
            ShipBob = Integration.Sandbox.ShipBob.ShipBobSandboxOptions.FromConfiguration(section.GetSection("ShipBob")),
            ShipStation = Integration.Sandbox.ShipStation.ShipStationSandboxOptions.FromConfiguration(section.GetSection("ShipStation")),
            Faults = faults,
        };
    }
}
