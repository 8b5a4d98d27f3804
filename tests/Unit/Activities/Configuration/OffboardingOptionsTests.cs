using Integration.Activities.Configuration;
using Integration.Activities.Offboarding;
using Microsoft.Extensions.Options;
using Xunit;

namespace Integration.Tests.Unit.Activities.Configuration;

/// <summary>Offboarding refuses to start without a system to revoke access in, unless it is switched off on purpose.</summary>
public sealed class OffboardingOptionsTests
{
    [Fact]
    public void On_with_no_identity_target_fails_naming_the_targets_and_the_switch()
    {
        ValidateOptionsResult result = Validator().Validate(null, new OffboardingOptions());

        Assert.True(result.Failed);
        Assert.Contains("Identity:Targets names no system that takes part in offboarding", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Offboarding:Enabled=false", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void On_with_onboarding_only_targets_fails_too()
    {
        ValidateOptionsResult result = Validator(("okta", new IdentityTargetOptions { Kind = "okta", Offboarding = false })).Validate(null, new OffboardingOptions());

        Assert.True(result.Failed);
    }

    [Fact]
    public void On_with_one_offboarding_target_passes()
    {
        ValidateOptionsResult result = Validator(("okta", new IdentityTargetOptions { Kind = "okta" })).Validate(null, new OffboardingOptions());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Switched_off_needs_no_target()
    {
        Assert.True(Validator().Validate(null, new OffboardingOptions { Enabled = false }).Succeeded);
    }

    [Fact]
    public void A_deadline_out_of_range_still_fails()
    {
        ValidateOptionsResult result = Validator().Validate(null, new OffboardingOptions { Enabled = false, Deadline = TimeSpan.Zero });

        Assert.Contains("Offboarding:Deadline", result.FailureMessage, StringComparison.Ordinal);
    }

    private static OffboardingOptionsValidator Validator(params (string Name, IdentityTargetOptions Target)[] targets)
    {
        var identity = new IdentityOptions();
        foreach ((string name, IdentityTargetOptions target) in targets)
        {
            identity.Targets[name] = target;
        }

        return new OffboardingOptionsValidator(Options.Create(identity));
    }
}
