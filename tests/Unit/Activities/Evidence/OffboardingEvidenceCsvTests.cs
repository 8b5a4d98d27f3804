using Integration.Activities.Evidence;
using Integration.Orchestrations.Offboarding;
using Xunit;

namespace Integration.Tests.Unit.Activities.Evidence;

/// <summary>The CSV auditors download: RFC 4180 quoting, the agreed column order, one row per system, UTC times.</summary>
public sealed class OffboardingEvidenceCsvTests
{
    private const int RecordColumns = 10;

    [Fact]
    public void Header_names_the_columns_in_the_agreed_order()
    {
        List<List<string>> rows = Rfc4180.Parse(OffboardingEvidenceCsv.Format(EvidenceSamples.Record(EvidenceSamples.Okta())));

        Assert.Equal(
            [
                "offboarding_id", "employee_id", "employee_name", "effective_at", "deadline", "started_at", "escalated_at", "completed_at",
                "status", "within_sla", "system", "kind", "account", "state", "revoked_at", "attempts", "call_correlation_id",
                "last_error", "late", "settled_by", "detail",
            ],
            rows[0]);
    }

    [Fact]
    public void Each_system_is_one_row_with_the_record_columns_repeated()
    {
        List<List<string>> rows = Rfc4180.Parse(OffboardingEvidenceCsv.Format(EvidenceSamples.Record(EvidenceSamples.Okta(), EvidenceSamples.Crm())));

        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal(OffboardingEvidenceCsv.Header.Count, r.Count));
        string[] record =
        [
            "E1001-20260302T080000Z", "E1001", "Jane Doe", "2026-03-02T08:00:00Z", "2026-03-02T12:00:00Z", "2026-03-02T08:01:00Z", "",
            "2026-03-02T13:00:00.1234Z", "completed-late", "false",
        ];
        Assert.Equal(record, rows[1].Take(RecordColumns));
        Assert.Equal(record, rows[2].Take(RecordColumns));
        Assert.Equal(
            ["okta", "identity", "00u1", "revoked", "2026-03-02T08:02:00Z", "1", "call-okta-1", "", "false", "", "okta user 00u1 was ACTIVE; deactivated"],
            rows[1].Skip(RecordColumns));
        Assert.Equal(
            ["crm", "saas", "jane@example.com", "revoked-manually", "2026-03-02T13:00:00Z", "3", "", "HTTP 503 from the CRM", "true", "auditor-bob", ""],
            rows[2].Skip(RecordColumns));
    }

    [Fact]
    public void A_record_without_systems_is_one_row_with_empty_system_columns()
    {
        List<List<string>> rows = Rfc4180.Parse(OffboardingEvidenceCsv.Format(EvidenceSamples.Record() with { Status = OffboardingEvidence.InProgress, WithinSla = null }));

        Assert.Equal(2, rows.Count);
        Assert.Equal(OffboardingEvidenceCsv.Header.Count, rows[1].Count);
        Assert.Equal("E1001-20260302T080000Z", rows[1][0]);
        Assert.Equal("in-progress", rows[1][8]);
        Assert.Equal("", rows[1][9]);
        Assert.All(rows[1].Skip(RecordColumns), field => Assert.Equal("", field));
    }

    [Fact]
    public void Commas_quotes_and_line_breaks_are_quoted_and_read_back_unchanged()
    {
        SystemEvidence tricky = EvidenceSamples.Crm() with
        {
            LastError = "HTTP 409: \"user, locked\"\r\nretry later",
            Detail = "line one\nline two",
            SettledBy = "O'Brien, Pat",
        };
        string csv = OffboardingEvidenceCsv.Format(EvidenceSamples.Record(tricky) with { EmployeeName = "Doe, \"Jane\"" });

        Assert.Contains(",\"Doe, \"\"Jane\"\"\",", csv, StringComparison.Ordinal);
        Assert.Contains(",\"HTTP 409: \"\"user, locked\"\"\r\nretry later\",", csv, StringComparison.Ordinal);
        List<List<string>> rows = Rfc4180.Parse(csv);
        Assert.Equal(2, rows.Count);
        Assert.Equal("Doe, \"Jane\"", rows[1][2]);
        Assert.Equal("HTTP 409: \"user, locked\"\r\nretry later", rows[1][17]);
        Assert.Equal("O'Brien, Pat", rows[1][19]);
        Assert.Equal("line one\nline two", rows[1][20]);
    }

    [Fact]
    public void Plain_fields_are_not_quoted_and_every_line_ends_with_crlf()
    {
        string csv = OffboardingEvidenceCsv.Format(EvidenceSamples.Record(EvidenceSamples.Okta() with { Detail = "deactivated" }));

        Assert.DoesNotContain("\"", csv, StringComparison.Ordinal);
        Assert.EndsWith("\r\n", csv, StringComparison.Ordinal);
        Assert.Equal(2, csv.Split("\r\n").Length - 1);
        Assert.DoesNotContain("\n", csv.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")")]
    [InlineData("+1", "'+1")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("a=b", "a=b")]
    public void Texts_a_spreadsheet_would_run_as_formulas_start_with_an_apostrophe(string name, string expected)
    {
        List<List<string>> rows = Rfc4180.Parse(OffboardingEvidenceCsv.Format(EvidenceSamples.Record(EvidenceSamples.Okta()) with { EmployeeName = name }));

        Assert.Equal(expected, rows[1][2]);
    }

    [Fact]
    public void Times_in_other_offsets_are_written_in_utc()
    {
        Assert.Equal("2026-03-02T08:00:00Z", OffboardingEvidenceCsv.Time(new DateTimeOffset(2026, 3, 2, 3, 0, 0, TimeSpan.FromHours(-5))));
        Assert.Null(OffboardingEvidenceCsv.Time(null));
    }
}
