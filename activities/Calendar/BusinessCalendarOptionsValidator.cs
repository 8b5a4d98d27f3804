using Microsoft.Extensions.Options;

namespace Integration.Activities.Calendar;

/// <summary>Start-up validation: a bad time zone, window, weekend or holiday file stops the host with a message naming it.</summary>
public sealed class BusinessCalendarOptionsValidator : IValidateOptions<BusinessCalendarOptions>
{
    public ValidateOptionsResult Validate(string? name, BusinessCalendarOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return BusinessCalendarSettings.Resolve(options, out IReadOnlyList<string> failures) is null
            ? ValidateOptionsResult.Fail(failures)
            : ValidateOptionsResult.Success;
    }
}
