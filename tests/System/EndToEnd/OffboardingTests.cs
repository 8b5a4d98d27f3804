using System.Net;
using System.Text.Json.Nodes;
using Integration.SendEvent.Scenarios;
using Integration.Tests.System.Infrastructure;

namespace Integration.Tests.System.EndToEnd;

/// <summary>
/// Offboarding over HTTP end to end: a signed BambooHR webhook, the real engine on Azurite, the fifteen
/// sandbox identity targets, the evidence API. The host's deadline is 8 s, so a missed deadline is seen.
/// </summary>
[Collection(OffboardingHostCollection.Name)]
public sealed class OffboardingTests(OffboardingHostFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_termination_revokes_every_system_once_after_the_effective_time_and_the_evidence_says_so()
    {
        SampleEmployee person = await fixture.SeedLeaverAsync();
        DateTimeOffset effectiveAt = DateTimeOffset.UtcNow.AddSeconds(4);

        await fixture.TerminateAsync(person, effectiveAt);
        JsonObject done = await fixture.WaitForOutputAsync(person.Id, Timeout);

        Assert.Equal("completed", (string?)done["Outcome"]);
        Assert.True((bool?)done["WithinSla"]);
        JsonArray accounts = await fixture.AccountsAsync(person.Email);
        Assert.Equal(15, accounts.Count);
        Assert.All(accounts, a => Assert.False((bool)a!["active"]!, $"{a!["system"]}/{a["app"]} still active"));
        Assert.All(accounts, a => Assert.Equal(1, (int)a!["deactivations"]!));

        JsonObject evidence = await fixture.EvidenceAsync((string)done["OffboardingId"]!);
        Assert.Equal("completed", (string?)evidence["status"]);
        Assert.True((bool?)evidence["withinSla"]);

        // HR holds the termination time to the second, so that is the effective time the revocations must follow.
        DateTimeOffset recorded = DateTimeOffset.Parse((string)evidence["effectiveAt"]!, global::System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(effectiveAt.AddTicks(-(effectiveAt.Ticks % TimeSpan.TicksPerSecond)), recorded);
        effectiveAt = recorded;
        JsonArray systems = evidence["systems"]!.AsArray();
        Assert.Equal(15, systems.Count);
        Assert.All(systems, s =>
        {
            Assert.Equal("revoked", (string?)s!["state"]);
            Assert.Equal(1, (int)s["attempts"]!);
            Assert.False((bool)s["late"]!);
            Assert.EndsWith($"-{(string)s["system"]!}-a1", (string)s["callCorrelationId"]!, StringComparison.Ordinal);
            DateTimeOffset revokedAt = DateTimeOffset.Parse((string)s["revokedAt"]!, global::System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(revokedAt >= effectiveAt, $"{s["system"]} revoked at {revokedAt:O}, before the effective time {effectiveAt:O}");
        });

        string csv = await fixture.EvidenceCsvAsync((string)done["OffboardingId"]!);
        Assert.Equal(16, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task A_missed_deadline_escalates_naming_the_open_system_and_the_record_marks_it_late()
    {
        SampleEmployee person = await fixture.SeedLeaverAsync();
        await fixture.Sandbox.SetFaultsAsync("okta", new { Rate500 = 1.0 });
        try
        {
            await fixture.TerminateAsync(person, DateTimeOffset.UtcNow);
            string instanceId = $"offboarding-{person.Id}";

            // The deadline (8 s) passes while okta answers 500: an alert names it and its last error.
            JsonObject alert = (await Eventually.Until(
                async () => (await fixture.AlertsAsync()).Select(a => a?["body"]).OfType<JsonObject>().FirstOrDefault(a =>
                    ((string?)a["title"])?.Contains("Offboarding deadline missed", StringComparison.Ordinal) == true &&
                    ((string?)a["text"])?.Contains($"employee {person.Id})", StringComparison.Ordinal) == true),
                a => a is not null,
                Timeout,
                "the deadline escalation alert"))!;
            Assert.Contains($"okta ({person.Email}): ", (string)alert["text"]!, StringComparison.Ordinal);
            Assert.Contains("500", (string)alert["text"]!, StringComparison.Ordinal);
            Assert.DoesNotContain("entra (", (string)alert["text"]!, StringComparison.Ordinal);
            JsonObject? status = await fixture.InstanceAsync(instanceId);
            Assert.Equal("Running", (string?)status!["runtimeStatus"]);
        }
        finally
        {
            await fixture.Sandbox.SetFaultsAsync("okta", new { });
        }

        // Work went on after the escalation: okta is revoked on a later attempt, late.
        JsonObject done = await fixture.WaitForOutputAsync(person.Id, Timeout);
        Assert.Equal("completed-late", (string?)done["Outcome"]);
        JsonObject evidence = await fixture.EvidenceAsync((string)done["OffboardingId"]!);
        Assert.Equal("completed-late", (string?)evidence["status"]);
        Assert.False((bool?)evidence["withinSla"]);
        Assert.NotNull((string?)evidence["escalatedAt"]);
        JsonArray systems = evidence["systems"]!.AsArray();
        JsonNode okta = systems.Single(s => (string?)s!["system"] == "okta")!;
        Assert.Equal("revoked", (string?)okta["state"]);
        Assert.True((bool)okta["late"]!);
        Assert.True((int)okta["attempts"]! >= 2);
        Assert.Contains("500", (string)okta["lastError"]!, StringComparison.Ordinal);
        Assert.All(systems.Where(s => (string?)s!["system"] != "okta"), s => Assert.False((bool)s!["late"]!, $"{s!["system"]} marked late"));
        Assert.Equal(1, (int)(await fixture.AccountsAsync(person.Email)).Single(a => (string?)a!["system"] == "okta")!["deactivations"]!);
    }

    [Fact]
    public async Task A_termination_cancelled_before_it_takes_effect_revokes_nothing()
    {
        SampleEmployee person = await fixture.SeedLeaverAsync();
        await fixture.TerminateAsync(person, DateTimeOffset.UtcNow.AddMinutes(10));
        string instanceId = $"offboarding-{person.Id}";
        await Eventually.Until(
            async () => (string?)(await fixture.InstanceAsync(instanceId))?["customStatus"]?["Step"],
            step => step == "waiting-for-effective-time",
            Timeout,
            "the workflow to wait for the effective time");

        await fixture.CancelAsync(person);
        JsonObject done = await fixture.WaitForOutputAsync(person.Id, Timeout);

        Assert.Equal("cancelled", (string?)done["Outcome"]);
        Assert.All(await fixture.AccountsAsync(person.Email), a => Assert.True((bool)a!["active"]!));
        Assert.Empty(await fixture.EvidenceListAsync(person.Id));
    }

    [Fact]
    public async Task A_permanent_403_goes_to_manual_review_and_the_answer_is_recorded_as_evidence()
    {
        SampleEmployee person = await fixture.SeedLeaverAsync();
        await fixture.Sandbox.SetFaultsAsync("github", new { Rate403 = 1.0 });
        string instanceId = $"offboarding-{person.Id}";
        try
        {
            await fixture.TerminateAsync(person, DateTimeOffset.UtcNow);
            JsonObject review = (await Eventually.Until(
                async () => (await fixture.InstanceAsync(instanceId))?["customStatus"]?["Review"] as JsonObject,
                r => r is not null,
                Timeout,
                "the github review"))!;
            Assert.Contains("github rejected revoking", (string)review["Reason"]!, StringComparison.Ordinal);
            Assert.Contains("403", (string)review["Reason"]!, StringComparison.Ordinal);
        }
        finally
        {
            await fixture.Sandbox.SetFaultsAsync("github", new { });
        }

        using HttpResponseMessage decided = await fixture.DecideAsync(instanceId,
            """{"action":"revoked-manually","value":"removed in the org settings, ticket IT-42","reviewedBy":"sam"}""");
        Assert.Equal(HttpStatusCode.Accepted, decided.StatusCode);

        JsonObject done = await fixture.WaitForOutputAsync(person.Id, Timeout);
        JsonObject evidence = await fixture.EvidenceAsync((string)done["OffboardingId"]!);
        JsonNode github = evidence["systems"]!.AsArray().Single(s => (string?)s!["system"] == "github")!;
        Assert.Equal("revoked-manually", (string?)github["state"]);
        Assert.Equal("sam", (string?)github["settledBy"]);
        Assert.Equal(1, (int)github["attempts"]!);
        Assert.True((await fixture.AccountsAsync(person.Email)).Single(a => (string?)a!["system"] == "github")!["active"]!.GetValue<bool>(), "the sandbox refused, so the membership is still there");
    }

    [Fact]
    public async Task A_hire_creates_accounts_everywhere_and_a_repeated_hire_links_them_without_duplicates()
    {
        string id = OffboardingHostFixture.NewEmployeeId();
        SampleEmployee person = SampleEmployee.For(id);

        await fixture.HireAsync(person);
        JsonObject first = await fixture.WaitForOnboardingAsync(id, Timeout);

        Assert.Equal("completed", (string?)first["Outcome"]);
        JsonArray systems = first["Systems"]!.AsArray();
        Assert.Equal(15, systems.Count);
        Assert.All(systems, s => Assert.Equal("created", (string?)s!["State"]));
        // GitHub knows the person by username: an invitation carries no e-mail.
        JsonNode[] accounts = [.. (await fixture.AccountsAsync(person.Email)).Concat(await fixture.AccountsAsync(person.GitHubUsername)).Select(a => a!)];
        Assert.Equal(15, accounts.Length);
        Assert.All(accounts, a => Assert.Equal(1, (int)a["creations"]!));

        // The same hire again (a new delivery, in a later second): the finished workflow runs again and links what exists.
        await fixture.HireAsync(person, updateHr: false);
        JsonObject second = (await fixture.Host.ExplainTimeoutAsync(() => Eventually.Until(
            () => fixture.OnboardingOutputAsync(id),
            o => o is not null && o["Systems"]!.AsArray().All(s => (string?)s!["State"] == "linked"),
            Timeout,
            "the repeated onboarding to link every account")))!;
        Assert.Equal("completed", (string?)second["Outcome"]);
        Assert.All((await fixture.AccountsAsync(person.Email)).Concat(await fixture.AccountsAsync(person.GitHubUsername)), a => Assert.Equal(1, (int)a!["creations"]!));
    }
}
