using System.Globalization;
using Integration.SendEvent;
using Integration.SendEvent.Scenarios;
using Integration.Tests.System.Infrastructure;

namespace Integration.Tests.System.EndToEnd;

/// <summary>
/// The host dies after the ERP created the invoice and before the CRM deal was patched. The sandbox
/// runs in this test process, so the ERP and CRM outlive the host, as real vendors do.
/// </summary>
public sealed class KillBetweenInvoiceAndPatchTests
{
    [Fact]
    public async Task A_host_killed_between_invoice_created_and_crm_patched_leaves_exactly_one_invoice_after_restart()
    {
        await using ExternalSandbox sandbox = await ExternalSandbox.StartAsync();
        SandboxCrm crm = sandbox.Crm;
        ErpLedger ledger = sandbox.QuickBooks;
        var external = new Dictionary<string, string>(sandbox.HostSettings)
        {
            // What the killed host had taken reappears after this, not the default 5 minutes: the PATCH activity,
            // or the invoice activity's result if the kill came before the orchestration had read it (the engine
            // fetches orchestration messages ahead; without the second setting the test then waited 5 minutes).
            ["Engine__WorkItemVisibilityTimeoutSeconds"] = "20",
            ["Engine__ControlQueueVisibilityTimeoutSeconds"] = "20",
        };

        string dealId = SampleDeals.NewDealId();
        await crm.SeedDealAsync(SampleDeals.ClosedWon(dealId, SampleDeals.UniqueCompany(dealId)));
        string taskHub;
        await using (StandaloneHostProcess first = await StandaloneHostProcess.StartAsync(external))
        {
            taskHub = first.TaskHub;

            // Every CRM call takes 4 s: the invoice appears in the ERP while the PATCH is still on its way.
            await sandbox.State.SetFaultsAsync("hubspot", new { LatencyMs = 4000 });

            using var api = new HttpClient { BaseAddress = new Uri(first.ApiBaseUrl) };
            using HttpResponseMessage accepted = await new WebhookSender(api, first.ApiBaseUrl).SendCrmAsync(
                SampleEvents.HubSpotDealClosedWon(long.Parse(dealId, CultureInfo.InvariantCulture), EventIds.NewEventId()));
            accepted.EnsureSuccessStatusCode();

            await Eventually.Until(() => ledger.InvoicesForDealAsync(dealId), i => i.Count > 0, TimeSpan.FromSeconds(90), $"deal {dealId}'s invoice in the ERP");
            await first.KillAsync();
        }

        Assert.Null(await crm.DealPropertyAsync(dealId, "erp_invoice_id"));
        await sandbox.State.ClearFaultsAsync("hubspot");

        await using StandaloneHostProcess second = await StandaloneHostProcess.StartAsync(external, taskHub);
        string? patched = await crm.WaitForDealPropertyAsync(dealId, "erp_invoice_id", TimeSpan.FromSeconds(120));

        ErpDocument invoice = Assert.Single(await ledger.InvoicesForDealAsync(dealId));
        Assert.Equal(invoice.Id, patched);
        Assert.Equal($"deal-{dealId}-invoice-r1", invoice.Key);
    }
}
