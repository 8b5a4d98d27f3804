using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Integration.SendEvent;
using Integration.Tests.System.Infrastructure;

namespace Integration.Tests.System.EndToEnd;

/// <summary>At-least-once senders: the same event, or the same fact in new events, yields one invoice.</summary>
[Collection(StandaloneHostCollection.Name)]
public sealed class DuplicateDeliveryTests(StandaloneHostFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Same_event_sent_five_times_creates_one_invoice()
    {
        string dealId = StandaloneHostFixture.NewDealId();
        byte[] body = SampleEvents.HubSpotDealClosedWon(long.Parse(dealId, CultureInfo.InvariantCulture), EventIds.NewEventId());

        var duplicates = new List<bool>();
        for (int i = 0; i < 5; i++)
        {
            using HttpResponseMessage response = await fixture.Sender.SendCrmAsync(body);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            duplicates.Add((bool)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["events"]![0]!["duplicate"]!);
        }

        Assert.Equal([false, true, true, true, true], duplicates);
        await Eventually.Until(
            () => fixture.Crm.DealPropertyAsync(dealId, "erp_invoice_id"), id => id is not null, Deadline, $"deal {dealId} to be patched");
        await Task.Delay(TimeSpan.FromSeconds(2)); // room for a wrongly started second workflow to show itself
        Assert.Single(await fixture.Sandbox.InvoicesForDealAsync(dealId));
    }

    [Fact]
    public async Task Five_different_events_for_one_closed_deal_sent_at_once_create_one_invoice()
    {
        string dealId = StandaloneHostFixture.NewDealId();
        long deal = long.Parse(dealId, CultureInfo.InvariantCulture);

        HttpResponseMessage[] responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            fixture.Sender.SendCrmAsync(SampleEvents.HubSpotDealClosedWon(deal, EventIds.NewEventId()))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        await Eventually.Until(
            () => fixture.Crm.DealPropertyAsync(dealId, "erp_invoice_id"), id => id is not null, Deadline, $"deal {dealId} to be patched");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(await fixture.Sandbox.InvoicesForDealAsync(dealId));
        foreach (HttpResponseMessage r in responses)
        {
            r.Dispose();
        }
    }

    [Fact]
    public async Task Batch_carrying_the_same_event_twice_queues_it_once()
    {
        string dealId = StandaloneHostFixture.NewDealId();
        long eventId = EventIds.NewEventId();
        HubSpotWebhookEvent e = SampleEvents.DealPropertyChangeEvent(long.Parse(dealId, CultureInfo.InvariantCulture), "dealstage", "closedwon", eventId);

        using HttpResponseMessage response = await fixture.Sender.SendCrmAsync(SampleEvents.HubSpotBatch(e, e));
        JsonArray events = (JsonArray)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["events"]!;

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal([false, true], events.Select(x => (bool)x!["duplicate"]!));
        await Eventually.Until(
            () => fixture.Crm.DealPropertyAsync(dealId, "erp_invoice_id"), id => id is not null, Deadline, $"deal {dealId} to be patched");
        Assert.Single(await fixture.Sandbox.InvoicesForDealAsync(dealId));
    }
}
