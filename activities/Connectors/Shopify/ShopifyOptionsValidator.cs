using System.Globalization;
using Integration.Activities.Configuration;
using Integration.Orchestrations.Orders;
using Microsoft.Extensions.Options;

namespace Integration.Activities.Connectors.Shopify;

/// <summary>Start-up validation of "Connectors:Shopify": a bad version, shop handle, URL or token stops the host naming the setting.</summary>
public sealed class ShopifyOptionsValidator : IValidateOptions<ShopifyOptions>
{
    public ValidateOptionsResult Validate(string? name, ShopifyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string section = ShopifyOptions.Section;
        var failures = new List<string>();
        if (!DateTime.TryParseExact(options.ApiVersion, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            failures.Add($"{section}:ApiVersion '{options.ApiVersion}' is not a Shopify API version (\"yyyy-MM\", e.g. \"2026-01\").");
        }

        if (options.MaxThrottleWaitSeconds is <= 0 or > 60)
        {
            failures.Add($"{section}:MaxThrottleWaitSeconds must be more than 0 and at most 60.");
        }

        if (options.MaxThrottleRetries is < 0 or > 20)
        {
            failures.Add($"{section}:MaxThrottleRetries must be between 0 and 20.");
        }

        foreach (IGrouping<string, string> twice in options.Shops.Keys.GroupBy(ShopifyOptions.Handle).Where(g => g.Count() > 1))
        {
            failures.Add($"{section}:Shops names shop '{twice.Key}' more than once ({string.Join(", ", twice)}).");
        }

        foreach ((string shop, ShopifyShopOptions s) in options.Shops)
        {
            string prefix = $"{section}:Shops:{shop}";
            if (!OrderKeys.IsShopHandle(ShopifyOptions.Handle(shop)) || shop.Trim() != shop)
            {
                failures.Add($"{prefix}: '{shop}' is not a shop handle (the domain without \"{OrderKeys.ShopDomainSuffix}\": 1-60 of a-z, 0-9 and '-', or '_' for '-').");
            }

            if (!HttpUrls.IsAbsoluteHttp(s.BaseUrl))
            {
                failures.Add($"{prefix}:BaseUrl '{s.BaseUrl}' is not an absolute http(s) URL.");
            }

            if (string.IsNullOrWhiteSpace(s.AccessToken))
            {
                failures.Add($"{prefix}:AccessToken is empty.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
