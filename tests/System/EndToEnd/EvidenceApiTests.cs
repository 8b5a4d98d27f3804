using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Integration.Activities.Evidence;
using Integration.Activities.Storage;
using Integration.Orchestrations.Offboarding;
using Integration.Tests.System.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Integration.Tests.System.EndToEnd;

/// <summary>
/// Auditors read offboarding evidence through the host's API: records saved by the store (as the
/// workflow's activity does) come back as JSON and CSV, with the operations key, and a later save of
/// the same offboarding replaces it.
/// </summary>
[Collection(StandaloneHostCollection.Name)]
public sealed class EvidenceApiTests(StandaloneHostFixture fixture)
{
    private static readonly DateTimeOffset EffectiveAt = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private readonly OffboardingEvidenceStore store = new(new StorageClients(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageClients.SettingName] = TestEnvironment.StorageConnectionString,
            [TaskHubName.StandaloneSetting] = fixture.Host.TaskHub,
        })
        .Build()));

    [Fact]
    public async Task A_saved_record_reads_back_as_json_and_csv()
    {
        OffboardingEvidence record = Record(NewEmployeeId(), EffectiveAt, OffboardingEvidence.CompletedLate,
            Line("okta", AccessOutcomes.Revoked, detail: "okta user 00u1 was ACTIVE; deactivated"),
            Line("crm", AccessOutcomes.RevokedManually, lastError: "HTTP 503, \"unavailable\"\nafter 3 attempts", settledBy: "auditor-bob", late: true));
        await store.SaveAsync(record, CancellationToken.None);

        using HttpResponseMessage json = await GetAsync($"/api/v1/evidence/offboardings/{record.OffboardingId}");
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
        JsonNode body = JsonNode.Parse(await json.Content.ReadAsStringAsync())!;
        Assert.Equal(record.OffboardingId, (string?)body["offboardingId"]);
        Assert.Equal("Jane Doe", (string?)body["employeeName"]);
        Assert.Equal("completed-late", (string?)body["status"]);
        Assert.False((bool?)body["withinSla"]);
        Assert.Equal(record.CompletedAt, DateTimeOffset.Parse((string)body["completedAt"]!, CultureInfo.InvariantCulture));
        JsonArray systems = body["systems"]!.AsArray();
        Assert.Equal(["okta", "crm"], systems.Select(s => (string?)s!["system"]));
        Assert.Equal("HTTP 503, \"unavailable\"\nafter 3 attempts", (string?)systems[1]!["lastError"]);
        Assert.True((bool?)systems[1]!["late"]);

        using HttpResponseMessage csv = await GetAsync($"/api/v1/evidence/offboardings/{record.OffboardingId}?format=csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"attachment; filename=\"offboarding-{record.OffboardingId}.csv\"", csv.Content.Headers.NonValidated["Content-Disposition"].ToString());
        string text = await csv.Content.ReadAsStringAsync();
        string[] lines = text.Split("\r\n");
        Assert.StartsWith("offboarding_id,employee_id,employee_name,effective_at,", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"{record.OffboardingId},{record.EmployeeId},Jane Doe,2026-03-02T08:00:00Z,2026-03-02T12:00:00Z,", lines[1], StringComparison.Ordinal);
        Assert.Contains(",okta,identity,", lines[1], StringComparison.Ordinal);
        Assert.Contains(",crm,identity,", lines[2], StringComparison.Ordinal);
        Assert.Contains(",\"HTTP 503, \"\"unavailable\"\"\nafter 3 attempts\",true,auditor-bob,", text, StringComparison.Ordinal);

        using HttpResponseMessage accepted = await GetAsync($"/api/v1/evidence/offboardings/{record.OffboardingId}", accept: "text/csv");
        Assert.Equal("text/csv", accepted.Content.Headers.ContentType?.MediaType);
        Assert.Equal(text, await accepted.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_second_save_replaces_the_systems_instead_of_adding_rows()
    {
        string employeeId = NewEmployeeId();
        OffboardingEvidence started = Record(employeeId, EffectiveAt, OffboardingEvidence.InProgress,
            Line("okta", AccessOutcomes.Pending), Line("crm", AccessOutcomes.Pending), Line("github", AccessOutcomes.Pending));
        await store.SaveAsync(started, CancellationToken.None);
        OffboardingEvidence finished = started with
        {
            Status = OffboardingEvidence.Completed,
            WithinSla = true,
            CompletedAt = EffectiveAt.AddHours(1),
            Systems = [Line("okta", AccessOutcomes.Revoked), Line("github", AccessOutcomes.NoAccount)],
        };
        await store.SaveAsync(finished, CancellationToken.None);
        await store.SaveAsync(finished, CancellationToken.None); // the same milestone again (a retried activity)

        JsonNode body = JsonNode.Parse(await (await GetAsync($"/api/v1/evidence/offboardings/{started.OffboardingId}")).EnsureSuccessStatusCode().Content.ReadAsStringAsync())!;
        Assert.Equal("completed", (string?)body["status"]);
        Assert.Equal(["okta:revoked", "github:no-account"], body["systems"]!.AsArray().Select(s => $"{(string?)s!["system"]}:{(string?)s["state"]}"));

        var table = new TableClient(TestEnvironment.StorageConnectionString, StorageNames.For(fixture.Host.TaskHub).OffboardingEvidenceTable);
        var rows = new List<string>();
        await foreach (TableEntity row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {started.OffboardingId}")))
        {
            rows.Add(row.RowKey);
        }

        Assert.Equal(3, rows.Count); // the summary and two systems; the third system's row is gone

        string csv = await (await GetAsync($"/api/v1/evidence/offboardings/{started.OffboardingId}?format=csv")).Content.ReadAsStringAsync();
        Assert.Equal(4, csv.Split("\r\n").Length); // header, two rows, and the empty string after the last CRLF
    }

    [Fact]
    public async Task The_list_finds_an_employees_records_newest_first()
    {
        string employeeId = NewEmployeeId();
        OffboardingEvidence earlier = Record(employeeId, EffectiveAt, OffboardingEvidence.Completed, Line("okta", AccessOutcomes.Revoked));
        OffboardingEvidence later = Record(employeeId, EffectiveAt.AddDays(30), OffboardingEvidence.InProgress, Line("okta", AccessOutcomes.Pending));
        // Ids of employee "{id}-1" share the key prefix "{id}-": the list must still leave them out.
        OffboardingEvidence someoneElse = Record(employeeId + "-1", EffectiveAt.AddDays(40), OffboardingEvidence.Completed);
        foreach (OffboardingEvidence record in new[] { earlier, later, someoneElse })
        {
            await store.SaveAsync(record, CancellationToken.None);
        }

        JsonArray mine = JsonNode.Parse(await (await GetAsync($"/api/v1/evidence/offboardings?employeeId={employeeId}")).EnsureSuccessStatusCode().Content.ReadAsStringAsync())!.AsArray();
        Assert.Equal([later.OffboardingId, earlier.OffboardingId], mine.Select(s => (string?)s!["offboardingId"]));
        Assert.Equal(1, (int?)mine[0]!["systemCount"]);

        JsonArray newest = JsonNode.Parse(await (await GetAsync("/api/v1/evidence/offboardings?max=1000")).EnsureSuccessStatusCode().Content.ReadAsStringAsync())!.AsArray();
        DateTimeOffset[] times = newest.Select(s => DateTimeOffset.Parse((string)s!["effectiveAt"]!, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(times.OrderDescending(), times);
        Assert.Contains(newest, s => (string?)s!["offboardingId"] == someoneElse.OffboardingId);

        Assert.Equal(earlier.OffboardingId, await store.FindCompletedAsync(employeeId, EffectiveAt, CancellationToken.None));
        Assert.Null(await store.FindCompletedAsync(employeeId, later.EffectiveAt, CancellationToken.None)); // still in progress
        Assert.Null(await store.FindCompletedAsync(employeeId, EffectiveAt.AddDays(1), CancellationToken.None));
    }

    [Fact]
    public async Task Requests_without_the_key_are_401_problems()
    {
        OffboardingEvidence record = Record(NewEmployeeId(), EffectiveAt, OffboardingEvidence.Completed);
        await store.SaveAsync(record, CancellationToken.None);

        foreach (string path in new[] { "/api/v1/evidence/offboardings", $"/api/v1/evidence/offboardings/{record.OffboardingId}?format=csv" })
        {
            using HttpResponseMessage none = await fixture.Api.GetAsync(path);
            using HttpResponseMessage wrong = await GetAsync(path, key: "not-the-key");

            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Equal("application/problem+json", none.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain(record.EmployeeId, await none.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Unknown_ids_are_404_and_bad_queries_400_problems()
    {
        using HttpResponseMessage unknown = await GetAsync($"/api/v1/evidence/offboardings/{NewEmployeeId()}-20260101T000000Z");
        using HttpResponseMessage badMax = await GetAsync("/api/v1/evidence/offboardings?max=0");
        using HttpResponseMessage badFormat = await GetAsync($"/api/v1/evidence/offboardings/{NewEmployeeId()}-20260101T000000Z?format=pdf");
        using HttpResponseMessage tooLong = await GetAsync($"/api/v1/evidence/offboardings/{new string('x', 600)}");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("urn:integration:problem:evidence-not-found", (string?)JsonNode.Parse(await unknown.Content.ReadAsStringAsync())!["type"]);
        Assert.Equal(HttpStatusCode.BadRequest, badMax.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badFormat.StatusCode);
        Assert.Equal("urn:integration:problem:evidence-query-invalid", (string?)JsonNode.Parse(await badFormat.Content.ReadAsStringAsync())!["type"]);
        Assert.Equal(HttpStatusCode.NotFound, tooLong.StatusCode);
    }

    private static string NewEmployeeId() => "EV" + Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);

    private static OffboardingEvidence Record(string employeeId, DateTimeOffset effectiveAt, string status, params SystemEvidence[] systems) => new(
        $"{employeeId}-{effectiveAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}",
        employeeId,
        "Jane Doe",
        $"offboarding-{employeeId}",
        Guid.NewGuid().ToString("N"),
        effectiveAt,
        effectiveAt.AddHours(4),
        effectiveAt.AddMinutes(1),
        EscalatedAt: status == OffboardingEvidence.CompletedLate ? effectiveAt.AddHours(4) : null,
        CompletedAt: status == OffboardingEvidence.InProgress ? null : effectiveAt.AddHours(5).AddMilliseconds(123),
        status,
        WithinSla: status == OffboardingEvidence.InProgress ? null : status == OffboardingEvidence.Completed,
        systems);

    private static SystemEvidence Line(string name, string state, string? lastError = null, string? settledBy = null, bool late = false, string? detail = null) => new(
        name, "identity", "acct-" + name, state, state == AccessOutcomes.Pending ? null : EffectiveAt.AddMinutes(2), 1, "call-" + name, lastError, late, settledBy, detail);

    private async Task<HttpResponseMessage> GetAsync(string path, string key = StandaloneHostFixture.OperationsKey, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Api-Key", key);
        if (accept is not null)
        {
            request.Headers.Add("Accept", accept);
        }

        return await fixture.Api.SendAsync(request);
    }
}
