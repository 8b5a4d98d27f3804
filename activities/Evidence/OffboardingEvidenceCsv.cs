using System.Globalization;
using System.Text;
using Integration.Orchestrations.Offboarding;

namespace Integration.Activities.Evidence;

/// <summary>
/// An evidence record as CSV for auditors' spreadsheets (RFC 4180: CRLF line ends, fields with a comma,
/// quote or line break quoted, quotes doubled). One row per system with the record's columns repeated;
/// a record without systems is one row with the system columns empty. Times are ISO-8601 UTC.
/// </summary>
/// <remarks>
/// Free texts (names, errors, details, ...) that begin with =, +, -, @, tab or CR get a leading
/// apostrophe, so a spreadsheet shows them as text instead of running them as formulas
/// (HR data and vendor error messages are not ours to trust).
/// </remarks>
public static class OffboardingEvidenceCsv
{
    public const string ContentType = "text/csv";

    public static IReadOnlyList<string> Header { get; } =
    [
        "offboarding_id", "employee_id", "employee_name", "effective_at", "deadline", "started_at", "escalated_at", "completed_at",
        "status", "within_sla", "system", "kind", "account", "state", "revoked_at", "attempts", "call_correlation_id",
        "last_error", "late", "settled_by", "detail",
    ];

    public static string Format(OffboardingEvidence record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var csv = new StringBuilder();
        AppendRow(csv, Header);
        string?[] recordColumns =
        [
            Text(record.OffboardingId), Text(record.EmployeeId), Text(record.EmployeeName), Time(record.EffectiveAt), Time(record.Deadline),
            Time(record.StartedAt), Time(record.EscalatedAt), Time(record.CompletedAt), Text(record.Status), Flag(record.WithinSla),
        ];
        if (record.Systems.Count == 0)
        {
            AppendRow(csv, [.. recordColumns, .. new string?[Header.Count - recordColumns.Length]]);
        }

        foreach (SystemEvidence s in record.Systems)
        {
            AppendRow(csv,
            [
                .. recordColumns,
                Text(s.System), Text(s.Kind), Text(s.AccountKey), Text(s.State), Time(s.RevokedAt),
                s.Attempts.ToString(CultureInfo.InvariantCulture), Text(s.CallCorrelationId), Text(s.LastError), Flag(s.Late), Text(s.SettledBy), Text(s.Detail),
            ]);
        }

        return csv.ToString();
    }

    /// <summary>"2026-03-01T10:00:00Z": UTC, fractions of a second only when there are any.</summary>
    public static string? Time(DateTimeOffset? value) =>
        value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static string? Flag(bool? value) => value switch
    {
        true => "true",
        false => "false",
        null => null,
    };

    private static string? Text(string? value) =>
        value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    private static void AppendRow(StringBuilder csv, IReadOnlyList<string?> fields)
    {
        for (int i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                csv.Append(',');
            }

            AppendField(csv, fields[i] ?? string.Empty);
        }

        csv.Append("\r\n");
    }

    private static void AppendField(StringBuilder csv, string field)
    {
        if (field.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            csv.Append(field);
            return;
        }

        csv.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
