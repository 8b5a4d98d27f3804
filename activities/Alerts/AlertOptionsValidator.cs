using Integration.Activities.Configuration;
using Microsoft.Extensions.Options;

namespace Integration.Activities.Alerts;

/// <summary>Stops start-up on alert settings that would send nothing a person can read (an unknown format) or re-notify in a loop.</summary>
public sealed class AlertOptionsValidator : IValidateOptions<AlertOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!AlertFormats.All.Contains(options.Format, StringComparer.Ordinal))
        {
            failures.Add($"{AlertOptions.Section}:Format must be one of {string.Join(", ", AlertFormats.All)}, not '{options.Format}'.");
        }

        if (!(options.RenotifyMinutes > 0))
        {
            failures.Add($"{AlertOptions.Section}:RenotifyMinutes must be more than 0.");
        }

        if (!(options.CheckSeconds >= 1))
        {
            failures.Add($"{AlertOptions.Section}:CheckSeconds must be at least 1.");
        }

        if (options.ConnectorFailureThreshold < 1)
        {
            failures.Add($"{AlertOptions.Section}:ConnectorFailureThreshold must be at least 1.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
