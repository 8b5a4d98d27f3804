using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Integration.Activities.Calendar;

/// <summary>Registers the business calendar: options from section "BusinessCalendar", validated at start-up, and the calendar singleton.</summary>
public static class BusinessCalendarServiceCollectionExtensions
{
    public static IServiceCollection AddBusinessCalendar(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        IConfigurationSection section = configuration.GetSection(BusinessCalendarOptions.Section);
        services.AddOptions<BusinessCalendarOptions>()
            .Bind(section)
            .Configure(options => options.WeekendDays = WeekendDaysFromArray(section) ?? options.WeekendDays)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<BusinessCalendarOptions>, BusinessCalendarOptionsValidator>();

        // Built once from the validated options: the holiday file is read at start-up, not per activity call.
        services.AddSingleton(sp => BusinessCalendar.FromOptions(sp.GetRequiredService<IOptions<BusinessCalendarOptions>>().Value));
        return services;
    }

    /// <summary>
    /// A JSON array ("WeekendDays": ["Friday", "Saturday"]) arrives as child keys the string property ignores;
    /// joining them keeps that natural form working instead of silently keeping the default.
    /// </summary>
    private static string? WeekendDaysFromArray(IConfigurationSection section)
    {
        string[] days = section.GetSection(nameof(BusinessCalendarOptions.WeekendDays)).GetChildren()
            .Select(child => child.Value)
            .OfType<string>()
            .ToArray();
        return days.Length == 0 ? null : string.Join(',', days);
    }
}
