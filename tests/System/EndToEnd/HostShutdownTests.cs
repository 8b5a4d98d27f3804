using System.Globalization;
using System.Net;
using Integration.SendEvent;
using Integration.SendEvent.Scenarios;
using Integration.Tests.System.Infrastructure;

namespace Integration.Tests.System.EndToEnd;

/// <summary>
/// Stopping the standalone host: SIGTERM ends it within 5 s with exit code 0, and work in flight at that
/// moment is left to redelivery, never acknowledged early, so a host restarted on the same task hub finishes it.
/// </summary>
public sealed class HostShutdownTests
{
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Sigterm_stops_an_idle_host_within_5_seconds_with_exit_code_0()
    {
        await using StandaloneHostProcess host = await StandaloneHostProcess.StartAsync();
        await Task.Delay(TimeSpan.FromSeconds(2)); // past start-up: the worker's stream and the engine's partitions are settled

        (TimeSpan took, int exitCode) = await host.TerminateAsync(TimeSpan.FromSeconds(60));

        Assert.True(took < StopBound, $"stopping took {took.TotalSeconds:0.0} s:\n{host.Output}");
        Assert.Equal(0, exitCode);
        Assert.DoesNotContain("   at ", host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_stopped_with_work_in_flight_stops_within_5_seconds_and_a_restart_finishes_that_work_once()
    {
        await using ExternalSandbox sandbox = await ExternalSandbox.StartAsync();
        var settings = new Dictionary<string, string>(sandbox.HostSettings)
        {
            // What the stopped host had taken and not finished comes back after 15 s rather than 5 minutes.
            ["Engine__WorkItemVisibilityTimeoutSeconds"] = "15",
            ["Engine__ControlQueueVisibilityTimeoutSeconds"] = "15",
        };

        string[] running = NewDeals(3), queued = NewDeals(3);
        string taskHub;
        await using (StandaloneHostProcess first = await StandaloneHostProcess.StartAsync(settings))
        {
            taskHub = first.TaskHub;
            await sandbox.State.SetFaultsAsync("hubspot", new { LatencyMs = 3000 }); // every CRM call is in flight for 3 s
            using var api = new HttpClient { BaseAddress = new Uri(first.ApiBaseUrl) };
            var sender = new WebhookSender(api, first.ApiBaseUrl);
            await SendClosedWonAsync(sender, running);
            foreach (string dealId in running)
            {
                await first.ExplainTimeoutAsync(() => Eventually.Until(
                    async () => (string?)(await StandaloneHostFixture.InstanceAsync(api, $"deal-invoice-{dealId}"))?["runtimeStatus"],
                    s => s == "Running", TimeSpan.FromSeconds(60), $"deal {dealId}'s workflow to be running"));
            }

            await SendClosedWonAsync(sender, queued);
            (TimeSpan took, int exitCode) = await first.TerminateAsync(TimeSpan.FromSeconds(60));
            Assert.True(took < StopBound, $"stopping with work in flight took {took.TotalSeconds:0.0} s:\n{first.Output}");
            Assert.Equal(0, exitCode);
        }

        await sandbox.State.ClearFaultsAsync("hubspot");
        await using StandaloneHostProcess second = await StandaloneHostProcess.StartAsync(settings, taskHub);
        foreach (string dealId in running.Concat(queued))
        {
            await second.ExplainTimeoutAsync(() => Eventually.Until(
                () => sandbox.Crm.DealPropertyAsync(dealId, "erp_invoice_id"), id => id is not null, TimeSpan.FromSeconds(120), $"deal {dealId} to be invoiced after the restart"));
        }

        foreach (string dealId in running.Concat(queued))
        {
            ErpDocument invoice = Assert.Single(await sandbox.QuickBooks.InvoicesForDealAsync(dealId));
            Assert.Equal(invoice.Id, await sandbox.Crm.DealPropertyAsync(dealId, "erp_invoice_id"));
        }
    }

    private static string[] NewDeals(int count) => [.. Enumerable.Range(0, count).Select(_ => SampleDeals.NewDealId())];

    private static async Task SendClosedWonAsync(WebhookSender sender, IEnumerable<string> deals)
    {
        foreach (string dealId in deals)
        {
            using HttpResponseMessage accepted = await sender.SendCrmAsync(
                SampleEvents.HubSpotDealClosedWon(long.Parse(dealId, CultureInfo.InvariantCulture), EventIds.NewEventId()));
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }
    }
}
