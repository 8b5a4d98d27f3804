using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Integration.SendEvent;
using Integration.Tests.System.Infrastructure;

namespace Integration.Tests.System.EndToEnd;

/// <summary>A flaky ERP (failures before and after it commits) still ends with exactly one invoice per deal.</summary>
[Collection(StandaloneHostCollection.Name)]
public sealed class ErpFaultTests(StandaloneHostFixture fixture)
{
    [Fact]
    public async Task Erp_failing_thirty_percent_of_calls_still_yields_exactly_one_invoice_per_deal()
    {
        string[] deals = Enumerable.Range(0, 10).Select(_ => StandaloneHostFixture.NewDealId()).ToArray();
        JsonObject before = await fixture.Sandbox.RequestCountersAsync();
        await fixture.Sandbox.SetFaultsAsync("quickbooks", new { Rate500 = 0.15, Rate500AfterProcessing = 0.15, Seed = 7 });
        try
        {
            foreach (string dealId in deals)
            {
                using HttpResponseMessage response = await fixture.Sender.SendCrmAsync(
                    SampleEvents.HubSpotDealClosedWon(long.Parse(dealId, CultureInfo.InvariantCulture), EventIds.NewEventId()));
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            }

            foreach (string dealId in deals)
            {
                await Eventually.Until(
                    () => fixture.Crm.DealPropertyAsync(dealId, "erp_invoice_id"), id => id is not null, TimeSpan.FromSeconds(120), $"deal {dealId} to be patched");
            }
        }
        finally
        {
            await fixture.Sandbox.ClearFaultsAsync("quickbooks");
        }

        foreach (string dealId in deals)
        {
            JsonObject invoice = Assert.Single(await fixture.Sandbox.InvoicesForDealAsync(dealId));
            Assert.Equal(await fixture.Crm.DealPropertyAsync(dealId, "erp_invoice_id"), (string?)invoice["invoice"]!["Id"]);
        }

        JsonObject after = await fixture.Sandbox.RequestCountersAsync();
        long faulted = (long)after["quickbooks"]!["faulted"]! - (long)before["quickbooks"]!["faulted"]!;
        Assert.True(faulted > 0, "the ERP should have failed some calls during the test");
    }

    [Fact]
    public async Task Erp_down_for_longer_than_the_http_retries_recovers_through_activity_retries()
    {
        string dealId = StandaloneHostFixture.NewDealId();
        long faultedBefore = (long)(await fixture.Sandbox.RequestCountersAsync())["quickbooks"]!["faulted"]!;
        await fixture.Sandbox.SetFaultsAsync("quickbooks", new { Rate500 = 1.0 });
        try
        {
            using HttpResponseMessage response = await fixture.Sender.SendCrmAsync(
                SampleEvents.HubSpotDealClosedWon(long.Parse(dealId, CultureInfo.InvariantCulture), EventIds.NewEventId()));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

            // One activity attempt is 1 + 5 HTTP tries; more than that means the workflow retried the activity.
            await Eventually.Until(
                async () => (long)(await fixture.Sandbox.RequestCountersAsync())["quickbooks"]!["faulted"]! - faultedBefore,
                faulted => faulted > 6,
                TimeSpan.FromSeconds(60),
                "the ERP calls of a second activity attempt");
        }
        finally
        {
            await fixture.Sandbox.ClearFaultsAsync("quickbooks");
        }

        await Eventually.Until(
            () => fixture.Crm.DealPropertyAsync(dealId, "erp_invoice_id"), id => id is not null, TimeSpan.FromSeconds(120), $"deal {dealId} to be patched after the ERP recovered");
        Assert.Single(await fixture.Sandbox.InvoicesForDealAsync(dealId));
    }
}
