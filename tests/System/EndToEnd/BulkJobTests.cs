using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Integration.SendEvent;
using Integration.Tests.System.Infrastructure;

namespace Integration.Tests.System.EndToEnd;

/// <summary>
/// A bulk job over real workflows on the standalone host: a dry run says what it would touch and touches nothing; the
/// real job terminates every matching workflow awaiting review, one at a time (a slow pace, pages of two and a new
/// generation per page), showing its progress, and ends with its counts, having acted once on each.
/// </summary>
[Collection(BulkJobHostCollection.Name)]
public sealed class BulkJobTests(BulkJobHostFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_bulk_terminate_of_workflows_awaiting_review_shows_progress_and_acts_once_on_each()
    {
        // From this moment (same clock as the host's): the workflows other tests of this host left awaiting review are older.
        DateTimeOffset createdFrom = DateTimeOffset.UtcNow;
        string[] deals = [StandaloneHostFixture.NewDealId(), StandaloneHostFixture.NewDealId(), StandaloneHostFixture.NewDealId()];
        foreach (string dealId in deals)
        {
            await fixture.Sandbox.SeedDealWithoutCompanyAsync(dealId);
            using HttpResponseMessage sent = await fixture.Sender.SendCrmAsync(
                SampleEvents.HubSpotDealClosedWon(long.Parse(dealId, CultureInfo.InvariantCulture), EventIds.NewEventId()));
            Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        }

        foreach (string dealId in deals)
        {
            await Eventually.Until(
                async () => (string?)(await fixture.InstanceAsync($"deal-invoice-{dealId}"))?["customStatus"]?["Step"], s => s == "awaiting-review", Deadline, $"deal {dealId} to await review");
        }

        // Up to now too: a run another test's redelivered event starts later (a finished deal run again) is not one of these.
        DateTimeOffset createdTo = DateTimeOffset.UtcNow;
        var filter = new
        {
            workflow = "deal-invoice", status = "Running", step = "awaiting-review",
            createdFrom = createdFrom.ToString("O", CultureInfo.InvariantCulture), createdTo = createdTo.ToString("O", CultureInfo.InvariantCulture),
        };

        // Dry run: counts and names them, acts on none.
        JsonObject dry = await RunToEndAsync(new { action = "terminate", filter, dryRun = true });
        Assert.True(State(dry) == ("completed", 3, 0, 0, 0), $"the dry run should match exactly the three, without acting: {dry.ToJsonString()}");
        Assert.Equal(deals.Select(d => $"deal-invoice-{d}").Order(), dry["sample"]!.AsArray().Select(s => (string)s!["target"]!).Order());
        foreach (string dealId in deals)
        {
            Assert.Equal("Running", (string?)(await fixture.InstanceAsync($"deal-invoice-{dealId}"))!["runtimeStatus"]);
        }

        // The real job: one target a second, so its progress shows between batches.
        List<int> seenDone = [];
        JsonObject job = await RunToEndAsync(new { action = "terminate", filter, dryRun = false, reason = "stale reviews" }, seenDone);
        Assert.Equal(("completed", 3, 3, 0, 0), State(job));
        Assert.True(seenDone.Any(done => done is > 0 and < 3), $"progress between batches; seen while running: [{string.Join(", ", seenDone)}], job: {job.ToJsonString()}");
        foreach (string dealId in deals)
        {
            Assert.Equal("Terminated", (string?)(await StatusAsync($"deal-invoice-{dealId}", "Terminated"))["runtimeStatus"]);
        }

        // One "done" terminate per workflow in the audit trail, as the operator who started the job.
        var audit = new TableClient(TestEnvironment.StorageConnectionString, fixture.Host.TaskHub + "Audit");
        foreach (string dealId in deals)
        {
            List<string> results = [];
            await foreach (TableEntity row in audit.QueryAsync<TableEntity>(e => e.GetString("Target") == $"deal-invoice-{dealId}" && e.GetString("Action") == "terminate"))
            {
                Assert.Equal("development operator", row.GetString("Actor"));
                results.Add(row.GetString("Result").Split(':')[0]);
            }

            Assert.Equal(["done"], results);
        }
    }

    [Fact]
    public async Task A_job_cancelled_while_it_runs_stops_before_its_next_batch()
    {
        DateTimeOffset createdFrom = DateTimeOffset.UtcNow;
        string[] instances = await AwaitingReviewAsync(4);
        DateTimeOffset createdTo = DateTimeOffset.UtcNow;
        var filter = new
        {
            workflow = "deal-invoice", status = "Running", step = "awaiting-review",
            createdFrom = createdFrom.ToString("O", CultureInfo.InvariantCulture), createdTo = createdTo.ToString("O", CultureInfo.InvariantCulture),
        };

        using HttpResponseMessage started = await PostAsync("/api/v1/bulk-jobs", new { action = "suspend", filter, reason = "pause them" });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        string location = started.Headers.Location!.ToString();
        await Eventually.Until(() => JobAsync(location), job => (int)job["done"]! >= 1, Deadline, "the job's first target");

        using HttpResponseMessage cancel = await PostAsync($"{location}/cancel", new { });
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal("done", (string?)JsonNode.Parse(await cancel.Content.ReadAsStringAsync())!["result"]);

        JsonObject ended = await Eventually.Until(() => JobAsync(location), job => (string?)job["state"] != "running", Deadline, "the job to stop");
        Assert.Equal("cancelled", (string?)ended["state"]);
        int done = (int)ended["done"]!;
        Assert.InRange(done, 1, instances.Length - 1);

        // Exactly the targets it reached are suspended; the rest still run, and stay so.
        await Task.Delay(TimeSpan.FromSeconds(3));
        int suspended = 0;
        foreach (string instanceId in instances)
        {
            suspended += (string?)(await fixture.InstanceAsync(instanceId))!["runtimeStatus"] == "Suspended" ? 1 : 0;
        }

        Assert.Equal(done, suspended);
        JsonObject later = await JobAsync(location);
        Assert.Equal(("cancelled", done), ((string?)later["state"], (int)later["done"]!));
    }

    [Fact]
    public async Task A_bad_request_is_400_naming_the_field_and_an_unknown_job_404()
    {
        using HttpResponseMessage bad = await PostAsync("/api/v1/bulk-jobs", new { action = "replay", filter = new { workflow = "deal-invoice" } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("'filter.workflow'", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using HttpResponseMessage missing = await GetAsync("/api/v1/bulk-jobs/bulk-job-00000000000000000000000000000000");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Cancelling_a_job_that_has_ended_is_skipped()
    {
        JsonObject job = await RunToEndAsync(new { action = "suspend", filter = new { workflow = "onboarding", key = "no-such-employee-" + Guid.NewGuid().ToString("N")[..8] }, dryRun = true });
        Assert.Equal(("completed", 0, 0, 0, 0), State(job));

        using HttpResponseMessage cancel = await PostAsync($"/api/v1/bulk-jobs/{job["id"]}/cancel", new { });
        JsonObject answer = (JsonObject)JsonNode.Parse(await cancel.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal(("skipped", "completed"), ((string?)answer["result"], (string?)answer["state"]));
    }

    private async Task<string[]> AwaitingReviewAsync(int count)
    {
        string[] deals = Enumerable.Range(0, count).Select(_ => StandaloneHostFixture.NewDealId()).ToArray();
        foreach (string dealId in deals)
        {
            await fixture.Sandbox.SeedDealWithoutCompanyAsync(dealId);
            using HttpResponseMessage sent = await fixture.Sender.SendCrmAsync(
                SampleEvents.HubSpotDealClosedWon(long.Parse(dealId, CultureInfo.InvariantCulture), EventIds.NewEventId()));
            Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        }

        foreach (string dealId in deals)
        {
            await Eventually.Until(
                async () => (string?)(await fixture.InstanceAsync($"deal-invoice-{dealId}"))?["customStatus"]?["Step"], s => s == "awaiting-review", Deadline, $"deal {dealId} to await review");
        }

        return [.. deals.Select(d => $"deal-invoice-{d}")];
    }

    private async Task<JsonObject> JobAsync(string location)
    {
        using HttpResponseMessage response = await GetAsync(location);
        return (JsonObject)JsonNode.Parse(await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync())!;
    }

    private static (string?, int, int, int, int) State(JsonObject job) =>
        ((string?)job["state"], (int)job["matched"]!, (int)job["done"]!, (int)job["failed"]!, (int)job["skipped"]!);

    /// <summary>Starts a job (202 with its Location) and polls it until it ends; the done counts seen while it ran go to <paramref name="seenDone"/>.</summary>
    private async Task<JsonObject> RunToEndAsync(object body, List<int>? seenDone = null)
    {
        using HttpResponseMessage started = await PostAsync("/api/v1/bulk-jobs", body);
        string text = await started.Content.ReadAsStringAsync();
        Assert.True(started.StatusCode == HttpStatusCode.Accepted, text);
        string location = started.Headers.Location!.ToString();
        Assert.Equal($"/api/v1/bulk-jobs/{JsonNode.Parse(text)!["id"]}", location);

        return await Eventually.Until(
            async () =>
            {
                using HttpResponseMessage response = await GetAsync(location);
                var job = (JsonObject)JsonNode.Parse(await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync())!;
                if ((string?)job["state"] == "running")
                {
                    seenDone?.Add((int)job["done"]!);
                }

                return job;
            },
            job => (string?)job["state"] != "running",
            Deadline,
            $"bulk job {location} to end");
    }

    private Task<JsonObject> StatusAsync(string instanceId, string status) =>
        Eventually.Until(() => fixture.InstanceAsync(instanceId), i => (string?)i?["runtimeStatus"] == status, Deadline, $"{instanceId} to be {status}")!;

    private Task<HttpResponseMessage> PostAsync(string path, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Api-Key", StandaloneHostFixture.OperationsKey);
        return fixture.Api.SendAsync(request);
    }

    private Task<HttpResponseMessage> GetAsync(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Api-Key", "dev-reader-key");
        return fixture.Api.SendAsync(request);
    }
}

/// <summary>A host whose bulk jobs go one target a second, read pages of two and start a new generation after each page.</summary>
public sealed class BulkJobHostFixture : StandaloneHostFixture
{
    protected override IDictionary<string, string> HostSettings => new Dictionary<string, string>(base.HostSettings)
    {
        ["BulkJobs__TargetsPerSecond"] = "1",
        ["BulkJobs__BatchSize"] = "1",
        ["BulkJobs__PageSize"] = "2",
        ["BulkJobs__PagesPerGeneration"] = "1",
    };
}

[CollectionDefinition(Name)]
public sealed class BulkJobHostCollection : ICollectionFixture<BulkJobHostFixture>
{
    public const string Name = "standalone host (slow bulk jobs)";
}
