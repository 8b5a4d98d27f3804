using System.Globalization;
using Integration.Activities.Calendar;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.Employees;

namespace Integration.Activities.Connectors.BambooHr;

/// <summary>BambooHR's all-strings employee fields to the product's <see cref="HrEmployee"/>, with the termination instant worked out in the HR time zone.</summary>
internal static class BambooHrEmployeeMapping
{
    /// <summary>What BambooHR writes in a date field that holds no date.</summary>
    private const string NoDate = "0000-00-00";

    public static HrEmployee ToEmployee(string id, IReadOnlyDictionary<string, string> fields, BambooHrOptions options, TimeZoneInfo zone)
    {
        string firstName = Text(fields, "firstName") ?? string.Empty;
        string lastName = Text(fields, "lastName") ?? string.Empty;
        DateOnly? terminationDate = Date(fields, "terminationDate", id);
        return new HrEmployee(
            id,
            firstName,
            lastName,
            Text(fields, "displayName") ?? $"{firstName} {lastName}".Trim(),
            Text(fields, "workEmail"),
            Text(fields, "status") ?? string.Empty,
            Text(fields, "employmentHistoryStatus"),
            Date(fields, "hireDate", id),
            terminationDate,
            terminationDate is { } day ? LocalTimes.ToInstant(day, TerminationTime(fields, options), zone) : null,
            Text(fields, "department"),
            Text(fields, "jobTitle"),
            fields);
    }

    /// <summary>The record's time of day when it reads "HH:mm" or "HH:mm:ss", else the configured default.</summary>
    private static TimeSpan TerminationTime(IReadOnlyDictionary<string, string> fields, BambooHrOptions options)
    {
        if (TimeOfDaySetting.TryParse(Text(fields, options.TerminationTimeField), out TimeSpan recorded))
        {
            return recorded;
        }

        return TimeOfDaySetting.TryParse(options.DefaultTerminationTime, out TimeSpan fallback)
            ? fallback
            : throw new InvalidOperationException($"{BambooHrOptions.Section}:DefaultTerminationTime '{options.DefaultTerminationTime}' is not a time of day.");
    }

    private static string? Text(IReadOnlyDictionary<string, string> fields, string name) =>
        fields.TryGetValue(name, out string? value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static DateOnly? Date(IReadOnlyDictionary<string, string> fields, string name, string id)
    {
        string? text = Text(fields, name);
        if (text is null or NoDate)
        {
            return null;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly day)
            ? day
            : throw new PermanentActivityFailureException($"{BambooHrClient.SystemName} employee {id} has an unreadable '{name}': {text}");
    }
}
