using Integration.Activities.Calendar;
using Integration.Activities.Configuration;
using Microsoft.Extensions.Options;

namespace Integration.Activities.Connectors.BambooHr;

/// <summary>Start-up validation of "Connectors:BambooHr": a bad URL, key, zone or time stops the host with a message naming the setting.</summary>
public sealed class BambooHrOptionsValidator : IValidateOptions<BambooHrOptions>
{
    public ValidateOptionsResult Validate(string? name, BambooHrOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string section = BambooHrOptions.Section;
        var failures = new List<string>();
        if (!HttpUrls.IsAbsoluteHttp(options.BaseUrl))
        {
            failures.Add($"{section}:BaseUrl '{options.BaseUrl}' is not an absolute http(s) URL.");
        }

        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            failures.Add($"{section}:ApiKey is empty.");
        }

        if (options.ResolveTimeZone(out string? zoneProblem) is null)
        {
            failures.Add($"{section}:TimeZone {zoneProblem}.");
        }

        if (!TimeOfDaySetting.TryParse(options.DefaultTerminationTime, out _))
        {
            failures.Add($"{section}:DefaultTerminationTime '{options.DefaultTerminationTime}' is not a time of day (\"HH:mm\" or \"HH:mm:ss\").");
        }

        if (string.IsNullOrWhiteSpace(options.TerminationTimeField) || options.TerminationTimeField.Contains(',', StringComparison.Ordinal))
        {
            failures.Add($"{section}:TerminationTimeField '{options.TerminationTimeField}' must name one BambooHR field.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
