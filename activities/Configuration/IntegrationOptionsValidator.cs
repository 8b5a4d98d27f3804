using Integration.Activities.Webhooks;
using Microsoft.Extensions.Options;

namespace Integration.Activities.Configuration;

/// <summary>Start-up validation: a misconfigured source or connector stops the host with a message naming the setting.</summary>
public sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.MaxBodyBytes is < 1024 or > 16 * 1024 * 1024)
        {
            failures.Add($"{WebhookOptions.Section}:MaxBodyBytes must be between 1024 and 16777216.");
        }

        if (options.TimestampToleranceSeconds is < 1 or > 3600)
        {
            failures.Add($"{WebhookOptions.Section}:TimestampToleranceSeconds must be between 1 and 3600.");
        }

        if (!string.IsNullOrEmpty(options.PublicBaseUrl) && !HttpUrls.IsAbsoluteHttp(options.PublicBaseUrl))
        {
            failures.Add($"{WebhookOptions.Section}:PublicBaseUrl '{options.PublicBaseUrl}' is not an absolute http(s) URL.");
        }

        if (options.Sources.Count == 0)
        {
            failures.Add($"{WebhookOptions.Section}:Sources names no webhook source.");
        }

        foreach ((string source, WebhookSourceOptions s) in options.Sources)
        {
            string prefix = $"{WebhookOptions.Section}:Sources:{source}";
            if (WebhookSourceKinds.Find(s.Scheme) is null)
            {
                failures.Add($"{prefix}:Scheme '{s.Scheme}' is not one of: {string.Join(", ", WebhookSourceKinds.Names)}.");
            }

            if (WebhookSourceKinds.Find(s.Scheme)?.SecretSource is not null)
            {
                // Shopify: a secret per shop, so the source's own list is not used.
                if (s.Shops.Count == 0)
                {
                    failures.Add($"{prefix}:Shops names no shop; add Shops:{{shop}}:Secrets:0 for each shop (e.g. Shops:store-a).");
                }

                foreach ((string shop, WebhookShopOptions shopOptions) in s.Shops)
                {
                    if (!Orchestrations.Orders.OrderKeys.IsShopHandle(shop))
                    {
                        failures.Add($"{prefix}:Shops:{shop} is not a shop handle (1-60 of a-z, 0-9 and '-': the domain without .myshopify.com).");
                    }

                    if (shopOptions.Secrets.Count == 0 || shopOptions.Secrets.Any(string.IsNullOrWhiteSpace))
                    {
                        failures.Add($"{prefix}:Shops:{shop}:Secrets must hold at least one non-empty secret.");
                    }
                }
            }
            else if (s.Secrets.Count == 0 || s.Secrets.Any(string.IsNullOrWhiteSpace))
            {
                failures.Add($"{prefix}:Secrets must hold at least one non-empty secret.");
            }

            if (string.Equals(s.Scheme, Webhooks.Signatures.ShipStationUrlToken.SchemeName, StringComparison.OrdinalIgnoreCase) && !HttpUrls.IsAbsoluteHttp(s.ResourceBaseUrl))
            {
                failures.Add($"{prefix} checks SHIP_NOTIFY pointers against the ShipStation API's origin: set Connectors:ShipStation:BaseUrl (or {prefix}:ResourceBaseUrl) to an absolute http(s) URL.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>Connector settings must name an absolute base URL and a token (and the QBO realm, or the Xero tenant GUID).</summary>
public sealed class ConnectorOptionsValidator : IValidateOptions<HubSpotOptions>, IValidateOptions<QuickBooksOptions>, IValidateOptions<XeroOptions>
{
    public ValidateOptionsResult Validate(string? name, HubSpotOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Check(HubSpotOptions.Section, options.BaseUrl, options.AccessToken, null);
    }

    public ValidateOptionsResult Validate(string? name, QuickBooksOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Check(QuickBooksOptions.Section, options.BaseUrl, options.AccessToken, options.RealmId);
    }

    public ValidateOptionsResult Validate(string? name, XeroOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ValidateOptionsResult common = Check(XeroOptions.Section, options.BaseUrl, options.AccessToken, null);
        if (Guid.TryParse(options.TenantId, out _))
        {
            return common;
        }

        string tenant = $"{XeroOptions.Section}:TenantId '{options.TenantId}' is not a GUID (Xero tenant ids are).";
        return ValidateOptionsResult.Fail(common.Failed ? [.. common.Failures!, tenant] : [tenant]);
    }

    private static ValidateOptionsResult Check(string section, string baseUrl, string token, string? realm)
    {
        var failures = new List<string>();
        if (!HttpUrls.IsAbsoluteHttp(baseUrl))
        {
            failures.Add($"{section}:BaseUrl '{baseUrl}' is not an absolute http(s) URL.");
        }

        if (string.IsNullOrWhiteSpace(token))
        {
            failures.Add($"{section}:AccessToken is empty.");
        }

        if (realm is not null && string.IsNullOrWhiteSpace(realm))
        {
            failures.Add($"{section}:RealmId is empty.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>URL checks for settings: on Linux "/path" parses as an absolute file:// URI, so the scheme must be checked too.</summary>
internal static class HttpUrls
{
    public static bool IsAbsoluteHttp(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
