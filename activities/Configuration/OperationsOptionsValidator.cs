using System.Globalization;
using Integration.Activities.Operations;
using Microsoft.Extensions.Options;

namespace Integration.Activities.Configuration;

/// <summary>
/// Start-up validation of "Operations": every key has a role the API knows and a hash in the one stored form, so a
/// mistyped key setting stops the host with its index named instead of silently locking its holder out.
/// </summary>
public sealed class OperationsOptionsValidator : IValidateOptions<OperationsOptions>
{
    /// <summary>How to make a hash, named in the failure so an operator can fix the setting without reading the docs.</summary>
    public const string HashHint = "make one with: dotnet run --project tools/SendEvent -- hash-key <key>, or: printf %s \"$key\" | sha256sum";

    public ValidateOptionsResult Validate(string? name, OperationsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        for (int i = 0; i < options.Keys.Count; i++)
        {
            string prefix = string.Create(CultureInfo.InvariantCulture, $"{OperationsOptions.Section}:Keys:{i}");
            OperationsKeySetting? key = options.Keys[i];
            if (key is null)
            {
                failures.Add($"{prefix} has no settings (it needs Role and Hash).");
                continue;
            }

            if (OperationsAccess.ParseRole(key.Role) is null)
            {
                failures.Add($"{prefix}:Role '{key.Role}' is not 'reader' or 'operator'.");
            }

            if (!IsHash(key.Hash))
            {
                failures.Add($"{prefix}:Hash is not '{OperationsKeyHash.Prefix}' followed by 64 lower-case hex digits (the key itself must never be stored); {HashHint}.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Exactly the form <see cref="OperationsKeyHash.Of"/> writes.</summary>
    public static bool IsHash(string? hash) =>
        hash is not null && hash.Length == OperationsKeyHash.Prefix.Length + 64 &&
        hash.StartsWith(OperationsKeyHash.Prefix, StringComparison.Ordinal) &&
        hash.AsSpan(OperationsKeyHash.Prefix.Length).ContainsAnyExcept("0123456789abcdef") is false;
}
