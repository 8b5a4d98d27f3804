using System.Text;
using Integration.Activities.Webhooks;
using Integration.Activities.Webhooks.Normalisers;
using Integration.Activities.Webhooks.Signatures;
using Integration.Orchestrations.Routing;
using Xunit;

namespace Integration.Tests.Unit.Activities.Webhooks.Normalisers;

/// <summary>BambooHR event-based deliveries: one event per request, ids only, no delivery id.</summary>
public sealed class BambooHrEventNormaliserTests
{
    private const string Source = "hr";
    private const string CorrelationId = "corr-hr";
    private static readonly DateTimeOffset ReceivedAt = new(2026, 1, 31, 18, 42, 5, TimeSpan.Zero);

    private readonly BambooHrEventNormaliser normaliser = new();

    [Fact]
    public void The_documented_example_becomes_one_envelope_about_the_employee()
    {
        const string json = """{"type":"employee.updated","timestamp":"2026-01-31T18:42:00+0000","data":{"companyId":"12345","employeeId":"67890","changedFields":["firstName"]}}""";

        EventEnvelope envelope = Assert.Single(Normalise(json));

        Assert.Equal(EventTypes.HrEmployeeUpdated, envelope.Type);
        Assert.Equal("67890", envelope.Subject);
        Assert.Equal(Source, envelope.Source);
        Assert.Equal(new DateTimeOffset(2026, 1, 31, 18, 42, 0, TimeSpan.Zero), envelope.OccurredAt);
        Assert.Equal(ReceivedAt, envelope.ReceivedAt);
        Assert.Equal(CorrelationId, envelope.CorrelationId);
        Assert.StartsWith("hr-67890-", envelope.Id, StringComparison.Ordinal);
        Assert.Matches("^hr-67890-[0-9a-f]{32}$", envelope.Id);
        Assert.Equal("firstName", envelope.Data.GetProperty("data").GetProperty("changedFields")[0].GetString());
    }

    [Fact]
    public void A_creation_is_a_hire()
    {
        Assert.Equal(EventTypes.HrEmployeeHired, Assert.Single(Normalise(Body("employee.created", "7", null))).Type);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("employmentHistoryStatus")]
    [InlineData("employmentStatus")]
    [InlineData("terminationDate")]
    [InlineData("terminationTime")]
    [InlineData("TerminationDate")]
    public void An_update_touching_an_employment_field_is_an_employment_change(string field)
    {
        var envelope = Assert.Single(Normalise(Body("employee.updated", "7", ["jobTitle", field])));

        Assert.Equal(EventTypes.HrEmployeeEmploymentChanged, envelope.Type);
    }

    [Theory]
    [InlineData("employee.updated", new[] { "firstName", "jobTitle" })]
    [InlineData("employee.updated", new string[0])]
    [InlineData("employee.deleted", new string[0])]
    [InlineData("employee.deleted", new[] { "status" })]
    public void Other_updates_and_deletions_are_plain_updates(string type, string[] fields)
    {
        Assert.Equal(EventTypes.HrEmployeeUpdated, Assert.Single(Normalise(Body(type, "7", fields))).Type);
    }

    [Fact]
    public void A_redelivery_gets_the_same_id()
    {
        string body = Body("employee.updated", "7", ["status", "terminationDate"]);

        Assert.Equal(Assert.Single(Normalise(body)).Id, Assert.Single(Normalise(body, ReceivedAt.AddMinutes(10))).Id);
    }

    [Fact]
    public void The_id_ignores_how_the_instant_and_the_field_order_are_written()
    {
        string a = Body("employee.updated", "7", ["status", "terminationDate"], "2026-01-31T18:42:00+0000");
        string b = Body("employee.updated", "7", ["terminationDate", "status"], "2026-01-31T19:42:00+01:00");

        Assert.Equal(Assert.Single(Normalise(a)).Id, Assert.Single(Normalise(b)).Id);
    }

    [Theory]
    [InlineData("employee.updated", "8", new[] { "status" }, "2026-01-31T18:42:00+0000")]
    [InlineData("employee.created", "7", new[] { "status" }, "2026-01-31T18:42:00+0000")]
    [InlineData("employee.updated", "7", new[] { "status", "jobTitle" }, "2026-01-31T18:42:00+0000")]
    [InlineData("employee.updated", "7", new[] { "status" }, "2026-01-31T18:42:01+0000")]
    public void Events_differing_in_employee_type_fields_or_time_get_different_ids(string type, string employeeId, string[] fields, string timestamp)
    {
        string baseline = Body("employee.updated", "7", ["status"], "2026-01-31T18:42:00+0000");

        Assert.NotEqual(Assert.Single(Normalise(baseline)).Id, Assert.Single(Normalise(Body(type, employeeId, fields, timestamp))).Id);
    }

    [Fact]
    public void A_numeric_employee_id_and_an_epoch_timestamp_are_accepted()
    {
        const string json = """{"type":"employee.created","timestamp":"1769884920","data":{"employeeId":67890}}""";

        EventEnvelope envelope = Assert.Single(Normalise(json));

        Assert.Equal("67890", envelope.Subject);
        Assert.Equal(new DateTimeOffset(2026, 1, 31, 18, 42, 0, TimeSpan.Zero), envelope.OccurredAt);
    }

    [Theory]
    [InlineData("[]", "JSON object")]
    [InlineData("{\"type\":\"employee.updated\",", "not valid JSON")]
    [InlineData("""{"timestamp":"2026-01-31T18:42:00+0000","data":{"employeeId":"7"}}""", "'type'")]
    [InlineData("""{"type":"employee.updated","data":{"employeeId":"7"}}""", "'timestamp'")]
    [InlineData("""{"type":"employee.updated","timestamp":"last tuesday","data":{"employeeId":"7"}}""", "'timestamp'")]
    [InlineData("""{"type":"employee.updated","timestamp":"2026-01-31T18:42:00+0000"}""", "'data'")]
    [InlineData("""{"type":"employee.updated","timestamp":"2026-01-31T18:42:00+0000","data":[1]}""", "'data'")]
    [InlineData("""{"type":"employee.updated","timestamp":"2026-01-31T18:42:00+0000","data":{"companyId":"1"}}""", "'employeeId'")]
    [InlineData("""{"type":"employee.updated","timestamp":"2026-01-31T18:42:00+0000","data":{"employeeId":""}}""", "'employeeId'")]
    [InlineData("""{"type":"employee.updated","timestamp":"2026-01-31T18:42:00+0000","data":{"employeeId":"7","changedFields":"status"}}""", "changedFields")]
    [InlineData("""{"type":"employee.updated","timestamp":"2026-01-31T18:42:00+0000","data":{"employeeId":"7","changedFields":["status",3]}}""", "changedFields")]
    [InlineData("""{"type":"employee.updated","timestamp":"2026-01-31T18:42:00+0000","data":{"employeeId":"7","changedFields":[""]}}""", "changedFields")]
    [InlineData("""{"type":"employee_with_fields.updated","timestamp":"2026-01-31T18:42:00+0000","data":{"employeeId":"7"}}""", "employee_with_fields.updated")]
    [InlineData("""{"employees":[{"id":"5","action":"Updated","changedFields":["jobTitle"]}]}""", "field-based")]
    public void Malformed_payloads_are_refused_with_a_message_naming_the_problem(string json, string expected)
    {
        var ex = Assert.Throws<WebhookPayloadException>(() => Normalise(json));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    private static string Body(string type, string employeeId, string[]? changedFields, string timestamp = "2026-01-31T18:42:00+0000")
    {
        string fields = changedFields is null ? string.Empty : $",\"changedFields\":[{string.Join(',', changedFields.Select(f => $"\"{f}\""))}]";
        return $$$"""{"type":"{{{type}}}","timestamp":"{{{timestamp}}}","data":{"companyId":"12345","employeeId":"{{{employeeId}}}"{{{fields}}}}}""";
    }

    private IReadOnlyList<EventEnvelope> Normalise(string json, DateTimeOffset? receivedAt = null)
    {
        var request = new WebhookRequest(
            "POST",
            new Uri("https://hub.example.com/api/v1/webhooks/hr"),
            new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase),
            Encoding.UTF8.GetBytes(json));
        return normaliser.Normalise(Source, request, CorrelationId, receivedAt ?? ReceivedAt);
    }
}
