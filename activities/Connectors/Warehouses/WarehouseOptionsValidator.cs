using System.Globalization;
using Integration.Activities.Configuration;
using Integration.Activities.Connectors.ShipBob;
using Integration.Activities.Connectors.ShipStation;
using Microsoft.Extensions.Options;

namespace Integration.Activities.Connectors.Warehouses;

/// <summary>Start-up validation of a configured warehouse system's settings: each failure names the setting.</summary>
public sealed class WarehouseOptionsValidator : IValidateOptions<ShipBobOptions>, IValidateOptions<ShipStationOptions>
{
    public ValidateOptionsResult Validate(string? name, ShipBobOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string section = ShipBobOptions.Section;
        var failures = new List<string>();
        Url(failures, section, "BaseUrl", options.BaseUrl);
        NotEmpty(failures, section, "AccessToken", options.AccessToken);
        if (string.IsNullOrWhiteSpace(options.ChannelId) || !options.ChannelId.Trim().All(char.IsAsciiDigit))
        {
            failures.Add($"{section}:ChannelId '{options.ChannelId}' is not a ShipBob channel id (digits).");
        }

        if (!DateTime.TryParseExact(options.ApiVersion, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            failures.Add($"{section}:ApiVersion '{options.ApiVersion}' is not a dated ShipBob API version (\"yyyy-MM\", e.g. \"2026-01\").");
        }

        NotEmpty(failures, section, "ShippingMethod", options.ShippingMethod);
        return Result(failures);
    }

    public ValidateOptionsResult Validate(string? name, ShipStationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string section = ShipStationOptions.Section;
        var failures = new List<string>();
        Url(failures, section, "BaseUrl", options.BaseUrl);
        NotEmpty(failures, section, "ApiKey", options.ApiKey);
        NotEmpty(failures, section, "ApiSecret", options.ApiSecret);

        // The v2 inventory API is an add-on: both settings or neither, so a half-configured one is not silently "no stock API".
        bool hasUrl = !string.IsNullOrWhiteSpace(options.InventoryBaseUrl);
        bool hasKey = !string.IsNullOrWhiteSpace(options.InventoryApiKey);
        if (hasUrl != hasKey)
        {
            failures.Add($"{section}:InventoryBaseUrl and {section}:InventoryApiKey go together: set both (v2 inventory API) or neither (no stock API).");
        }
        else if (hasUrl)
        {
            Url(failures, section, "InventoryBaseUrl", options.InventoryBaseUrl);
        }

        return Result(failures);
    }

    private static void Url(List<string> failures, string section, string setting, string? value)
    {
        if (!HttpUrls.IsAbsoluteHttp(value))
        {
            failures.Add($"{section}:{setting} '{value}' is not an absolute http(s) URL.");
        }
    }

    private static void NotEmpty(List<string> failures, string section, string setting, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"{section}:{setting} is empty.");
        }
    }

    private static ValidateOptionsResult Result(List<string> failures) =>
        failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
}
