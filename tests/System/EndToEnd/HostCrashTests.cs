using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Integration.SendEvent;
using Integration.SendEvent.Scenarios;
using Integration.Tests.System.Infrastructure;

namespace Integration.Tests.System.EndToEnd;

/// <summary>Accepted events survive a crash of the host: a restarted host on the same task hub finishes them.</summary>
public sealed class HostCrashTests
{
    [Fact]
    public async Task Events_accepted_before_a_crash_are_invoiced_once_after_a_restart()
    {
        string[] deals = Enumerable.Range(0, 5).Select(_ => StandaloneHostFixture.NewDealId()).ToArray();
        string taskHub;
        await using (StandaloneHostProcess first = await StandaloneHostProcess.StartAsync())
        {
            taskHub = first.TaskHub;
            using var sandbox = new HttpClient { BaseAddress = new Uri(first.SandboxBaseUrl) };
            using HttpResponseMessage slowed = await sandbox.PutAsJsonAsync("/_sandbox/faults/hubspot", new { LatencyMs = 3000 });
            slowed.EnsureSuccessStatusCode();
            using var api = new HttpClient { BaseAddress = new Uri(first.ApiBaseUrl) };
            var sender = new WebhookSender(api, first.ApiBaseUrl);
            foreach (string dealId in deals)
            {
                using HttpResponseMessage accepted = await sender.SendCrmAsync(
                    SampleEvents.HubSpotDealClosedWon(long.Parse(dealId, CultureInfo.InvariantCulture), EventIds.NewEventId()));
                Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            }

            await first.KillAsync(); // mid-flight: the CRM answers after 3 s, so no workflow has finished
        }

        await using StandaloneHostProcess second = await StandaloneHostProcess.StartAsync(taskHub: taskHub);
        var sandboxHttp = new HttpClient { BaseAddress = new Uri(second.SandboxBaseUrl) };
        var state = new SandboxState(sandboxHttp);
        var crm = new SandboxCrm(sandboxHttp, second.SandboxBaseUrl);
        foreach (string dealId in deals)
        {
            await Eventually.Until(
                () => crm.DealPropertyAsync(dealId, "erp_invoice_id"), id => id is not null, TimeSpan.FromSeconds(120), $"deal {dealId} to be invoiced after the restart");
        }

        foreach (string dealId in deals)
        {
            Assert.Single(await state.InvoicesForDealAsync(dealId));
        }
    }
}
