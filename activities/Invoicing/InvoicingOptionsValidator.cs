using Microsoft.Extensions.Options;

namespace Integration.Activities.Invoicing;

/// <summary>Start-up checks of the "DataDictionary" and "Pricing" settings; each failure names the setting. The files themselves are checked by the loader.</summary>
public sealed class InvoicingOptionsValidator : IValidateOptions<DataDictionaryOptions>, IValidateOptions<PricingOptions>
{
    public ValidateOptionsResult Validate(string? name, DataDictionaryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Directory))
        {
            failures.Add($"{DataDictionaryOptions.Section}:Directory is empty.");
        }

        if (!string.IsNullOrWhiteSpace(options.Version) && !DataDictionaryVersion.TryParse(options.Version.Trim(), out _))
        {
            failures.Add($"{DataDictionaryOptions.Section}:Version '{options.Version}' is not a version name like v2 (or empty for the highest).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public ValidateOptionsResult Validate(string? name, PricingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.AmountTolerance < 0)
        {
            failures.Add($"{PricingOptions.Section}:AmountTolerance {options.AmountTolerance} is negative.");
        }

        if (!Currencies.IsCode(options.DefaultCurrency?.Trim().ToUpperInvariant()))
        {
            failures.Add($"{PricingOptions.Section}:DefaultCurrency '{options.DefaultCurrency}' is not a three-letter ISO 4217 code.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
