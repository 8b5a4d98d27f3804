using Integration.Activities.Configuration;
using Microsoft.Extensions.Options;

namespace Integration.Activities.Offboarding;

/// <summary>Offboarding settings (section "Offboarding"): the deadline compliance frameworks set for ending a leaver's access.</summary>
public sealed class OffboardingOptions
{
    public const string Section = "Offboarding";

    /// <summary>
    /// False runs the product without offboarding: a termination then ends "offboarding-disabled", saying so. True (the
    /// default) requires at least one identity target that takes part in offboarding, checked at start-up.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long after the effective time every system must be revoked; "04:00:00" unless set.</summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromHours(4);
}

/// <summary>
/// Stops the host at start-up on a deadline that could never be met or never fire, and when offboarding is on
/// with no system to revoke access in: otherwise every termination would "complete" having revoked nothing.
/// </summary>
public sealed class OffboardingOptionsValidator(IOptions<IdentityOptions> identity) : IValidateOptions<OffboardingOptions>
{
    public ValidateOptionsResult Validate(string? name, OffboardingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Deadline <= TimeSpan.Zero || options.Deadline > TimeSpan.FromDays(7))
        {
            failures.Add($"{OffboardingOptions.Section}:Deadline must be more than zero and at most 7 days (was {options.Deadline}).");
        }

        if (options.Enabled && !identity.Value.Targets.Values.Any(t => t is { Offboarding: true }))
        {
            failures.Add(
                $"{IdentityOptions.Section}:Targets names no system that takes part in offboarding, so every termination would revoke nothing. " +
                $"Configure the systems leavers' access must end in ({IdentityOptions.Section}:Targets:{{name}}:Kind, :BaseUrl, :Token; see docs/identity-targets.md), " +
                $"or set {OffboardingOptions.Section}:Enabled=false to run without offboarding.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
