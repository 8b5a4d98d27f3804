using Microsoft.Extensions.Options;

namespace Integration.Activities.Configuration;

/// <summary>Start-up validation of "Erp": an unknown system or reversal mode stops the host with the accepted values.</summary>
public sealed class ErpOptionsValidator : IValidateOptions<ErpOptions>
{
    public ValidateOptionsResult Validate(string? name, ErpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!IsOneOf(options.System, ErpOptions.Systems))
        {
            failures.Add($"{ErpOptions.Section}:System '{options.System}' is not one of: {string.Join(", ", ErpOptions.Systems)}.");
        }

        if (!IsOneOf(options.ReopenReversal, ErpOptions.ReversalModes))
        {
            failures.Add($"{ErpOptions.Section}:ReopenReversal '{options.ReopenReversal}' is not one of: {string.Join(", ", ErpOptions.ReversalModes)}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsOneOf(string? value, IReadOnlyList<string> accepted) =>
        value is not null && accepted.Contains(value.Trim(), StringComparer.OrdinalIgnoreCase);
}
