using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Integration.SendEvent;
using Integration.SendEvent.Scenarios;
using Integration.Tests.System.Infrastructure;

namespace Integration.Tests.System.EndToEnd;

/// <summary>A bulk job is durable: the host is killed while the job runs, and a restarted host on the same task hub finishes it.</summary>
public sealed class BulkJobRestartTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_bulk_job_interrupted_by_a_host_crash_is_finished_by_the_restarted_host()
    {
        await using ExternalSandbox sandbox = await ExternalSandbox.StartAsync();
        var settings = new Dictionary<string, string>(sandbox.HostSettings)
        {
            // What the crashed host had taken comes back after 15 s, not the default 5 minutes.
            ["Engine__WorkItemVisibilityTimeoutSeconds"] = "15",
            ["Engine__ControlQueueVisibilityTimeoutSeconds"] = "15",
            ["BulkJobs__TargetsPerSecond"] = "0.5",
            ["BulkJobs__BatchSize"] = "1",
            ["BulkJobs__PageSize"] = "2",
            ["BulkJobs__PagesPerGeneration"] = "1",
        };
        string[] deals = [.. Enumerable.Range(0, 3).Select(_ => SampleDeals.NewDealId())];
        string[] instances = [.. deals.Select(d => $"deal-invoice-{d}")];
        string taskHub;
        string location;
        await using (StandaloneHostProcess first = await StandaloneHostProcess.StartAsync(settings))
        {
            taskHub = first.TaskHub;
            using var api = new HttpClient { BaseAddress = new Uri(first.ApiBaseUrl) };
            var sender = new WebhookSender(api, first.ApiBaseUrl);
            foreach (string dealId in deals)
            {
                await sandbox.State.SeedDealWithoutCompanyAsync(dealId);
                using HttpResponseMessage accepted = await sender.SendCrmAsync(
                    SampleEvents.HubSpotDealClosedWon(long.Parse(dealId, CultureInfo.InvariantCulture), EventIds.NewEventId()));
                Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            }

            foreach (string instanceId in instances)
            {
                await Eventually.Until(
                    async () => (string?)(await StandaloneHostFixture.InstanceAsync(api, instanceId))?["customStatus"]?["Step"], s => s == "awaiting-review", Deadline, $"{instanceId} to await review");
            }

            using var start = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bulk-jobs")
            {
                Content = JsonContent.Create(new { action = "suspend", reason = "crash test", filter = new { workflow = "deal-invoice", step = "awaiting-review", status = "Running" } }),
            };
            start.Headers.Add("X-Api-Key", StandaloneHostFixture.OperationsKey);
            using HttpResponseMessage started = await api.SendAsync(start);
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
            location = started.Headers.Location!.ToString();
            JsonObject midway = await Eventually.Until(() => JobAsync(api, location), job => (int)job["done"]! >= 1, Deadline, "the job's first target");
            await first.KillAsync();
            Assert.Equal("running", (string?)midway["state"]);
            Assert.InRange((int)midway["done"]!, 1, 2);
        }

        await using StandaloneHostProcess second = await StandaloneHostProcess.StartAsync(settings, taskHub);
        using var again = new HttpClient { BaseAddress = new Uri(second.ApiBaseUrl) };
        JsonObject ended = await second.ExplainTimeoutAsync(() => Eventually.Until(
            () => JobAsync(again, location), job => (string?)job["state"] != "running", Deadline, "the job to finish after the restart"));

        // A target in flight at the crash may be acted on again: it is then already suspended, so skipped.
        Assert.Equal(("completed", 3, 0), ((string?)ended["state"], (int)ended["matched"]!, (int)ended["failed"]!));
        Assert.Equal(3, (int)ended["done"]! + (int)ended["skipped"]!);
        foreach (string instanceId in instances)
        {
            Assert.Equal("Suspended", (string?)(await StandaloneHostFixture.InstanceAsync(again, instanceId))!["runtimeStatus"]);
        }
    }

    private static async Task<JsonObject> JobAsync(HttpClient api, string location)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, location);
        request.Headers.Add("X-Api-Key", StandaloneHostFixture.OperationsKey);
        using HttpResponseMessage response = await api.SendAsync(request);
        return (JsonObject)JsonNode.Parse(await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync())!;
    }
}
