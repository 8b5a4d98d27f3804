using Microsoft.Extensions.Options;

namespace Integration.Activities.Offboarding;

/// <summary>Offboarding settings (section "Offboarding"): the deadline compliance frameworks set for ending a leaver's access.</summary>
public sealed class OffboardingOptions
{
    public const string Section = "Offboarding";

    /// <summary>How long after the effective time every system must be revoked; "04:00:00" unless set.</summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromHours(4);
}

/// <summary>Stops the host at start-up on a deadline that could never be met or never fire.</summary>
public sealed class OffboardingOptionsValidator : IValidateOptions<OffboardingOptions>
{
    public ValidateOptionsResult Validate(string? name, OffboardingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Deadline > TimeSpan.Zero && options.Deadline <= TimeSpan.FromDays(7)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Offboarding:Deadline must be more than zero and at most 7 days (was {options.Deadline}).");
    }
}
