using System.Globalization;
using System.Net;
using Integration.SendEvent;
using Integration.SendEvent.Scenarios;
using Integration.Tests.System.Infrastructure;

namespace Integration.Tests.System.EndToEnd;

/// <summary>
/// Accepted events survive a crash of the host: a restarted host on the same task hub finishes them,
/// whether their workflows were mid-activity or not yet dispatched. The CRM and ERP outlive the host.
/// </summary>
public sealed class HostCrashTests
{
    [Fact]
    public async Task Events_accepted_before_a_crash_are_invoiced_once_after_a_restart()
    {
        await using ExternalSandbox sandbox = await ExternalSandbox.StartAsync();
        SandboxCrm crm = sandbox.Crm;
        SandboxState state = sandbox.State;
        var settings = new Dictionary<string, string>(sandbox.HostSettings)
        {
            // What the crashed host had taken comes back after 15 s, not the default 5 minutes. With the
            // partition leases (30 s) and the event queue's lease (30 s), a restart resumes within a minute.
            ["Engine__WorkItemVisibilityTimeoutSeconds"] = "15",
            ["Engine__ControlQueueVisibilityTimeoutSeconds"] = "15",
        };

        string[] running = NewDeals(5), queued = NewDeals(5);
        string taskHub;
        await using (StandaloneHostProcess first = await StandaloneHostProcess.StartAsync(settings))
        {
            taskHub = first.TaskHub;
            await state.SetFaultsAsync("hubspot", new { LatencyMs = 3000 }); // every CRM call is in flight for 3 s
            using var api = new HttpClient { BaseAddress = new Uri(first.ApiBaseUrl) };
            var sender = new WebhookSender(api, first.ApiBaseUrl);
            await SendClosedWonAsync(sender, running);
            foreach (string dealId in running)
            {
                await Eventually.Until(
                    async () => (string?)(await StandaloneHostFixture.InstanceAsync(api, $"deal-invoice-{dealId}"))?["runtimeStatus"],
                    s => s == "Running",
                    TimeSpan.FromSeconds(60),
                    $"deal {dealId}'s workflow to be running");
            }

            await SendClosedWonAsync(sender, queued);
            await first.KillAsync(); // five workflows waiting on the CRM, five events just accepted
        }

        foreach (string dealId in running.Concat(queued))
        {
            Assert.Null(await crm.DealPropertyAsync(dealId, "erp_invoice_id"));
        }

        await state.ClearFaultsAsync("hubspot");
        await using StandaloneHostProcess second = await StandaloneHostProcess.StartAsync(settings, taskHub);
        foreach (string dealId in running.Concat(queued))
        {
            await second.ExplainTimeoutAsync(() => Eventually.Until(
                () => crm.DealPropertyAsync(dealId, "erp_invoice_id"), id => id is not null, TimeSpan.FromSeconds(120), $"deal {dealId} to be invoiced after the restart"));
        }

        foreach (string dealId in running.Concat(queued))
        {
            ErpDocument invoice = Assert.Single(await sandbox.QuickBooks.InvoicesForDealAsync(dealId));
            Assert.Equal(invoice.Id, await crm.DealPropertyAsync(dealId, "erp_invoice_id"));
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
