using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Integration.SendEvent;
using Integration.Tests.System.Infrastructure;

namespace Integration.Tests.System.EndToEnd;

/// <summary>A signed webhook becomes an invoice in the sandbox ERP and a patched deal in the sandbox CRM.</summary>
[Collection(StandaloneHostCollection.Name)]
public sealed class WebhookToInvoiceTests(StandaloneHostFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Health_reports_storage_and_engine_up()
    {
        using HttpResponseMessage response = await fixture.Api.GetAsync("/api/health");
        JsonNode body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("up", (string?)body["storage"]);
        Assert.Equal("up", (string?)body["engine"]);
    }

    [Fact]
    public async Task Closed_won_deal_from_the_crm_is_invoiced_once_and_the_deal_patched()
    {
        string dealId = StandaloneHostFixture.NewDealId();

        using HttpResponseMessage response = await fixture.Sender.SendCrmAsync(
            SampleEvents.HubSpotDealClosedWon(long.Parse(dealId, CultureInfo.InvariantCulture), EventIds.NewEventId()));
        JsonNode accepted = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.False(string.IsNullOrEmpty((string?)accepted["correlationId"]));
        Assert.StartsWith("crm-", (string?)accepted["eventId"], StringComparison.Ordinal);

        string? invoiceId = await Eventually.Until(
            () => fixture.Crm.DealPropertyAsync(dealId, "erp_invoice_id"), id => id is not null, Deadline, $"deal {dealId} to be patched");
        IReadOnlyList<JsonObject> invoices = await fixture.Sandbox.InvoicesForDealAsync(dealId);
        JsonObject invoice = Assert.Single(invoices);
        Assert.Equal(invoiceId, (string?)invoice["invoice"]!["Id"]);
        Assert.Equal($"deal-{dealId}-invoice-r1", (string?)invoice["requestId"]);
        Assert.Equal(
            decimal.Parse((await fixture.Crm.DealPropertyAsync(dealId, "amount"))!, CultureInfo.InvariantCulture),
            (decimal)invoice["invoice"]!["TotalAmt"]!);
    }

    [Fact]
    public async Task Closed_deal_event_from_our_own_systems_is_invoiced()
    {
        string dealId = StandaloneHostFixture.NewDealId();

        using HttpResponseMessage response = await fixture.Sender.SendAppAsync(
            SampleEvents.AppEvent("crm.deal.closed.v1", $$"""{"id":"{{dealId}}"}"""));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await Eventually.Until(
            () => fixture.Crm.DealPropertyAsync(dealId, "erp_invoice_id"), id => id is not null, Deadline, $"deal {dealId} to be patched");
        Assert.Single(await fixture.Sandbox.InvoicesForDealAsync(dealId));
    }

    [Fact]
    public async Task Deal_the_crm_does_not_know_ends_as_a_dead_letter_with_an_alert()
    {
        string dealId = "404" + Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);

        using HttpResponseMessage response = await fixture.Sender.SendCrmAsync(
            SampleEvents.HubSpotDealClosedWon(long.Parse(dealId, CultureInfo.InvariantCulture), EventIds.NewEventId()));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        JsonArray alerts = await Eventually.Until(
            fixture.Sandbox.AlertsAsync,
            a => a.Any(x => x!.ToJsonString().Contains($"deal-invoice-{dealId}", StringComparison.Ordinal)),
            Deadline,
            $"an alert about deal {dealId}");
        Assert.Contains(alerts, a => a!.ToJsonString().Contains("FetchCrmDealActivity", StringComparison.Ordinal));
        Assert.Empty(await fixture.Sandbox.InvoicesForDealAsync(dealId));
    }
}
