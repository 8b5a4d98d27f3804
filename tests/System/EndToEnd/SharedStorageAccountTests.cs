using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Integration.SendEvent;
using Integration.Tests.System.Infrastructure;

namespace Integration.Tests.System.EndToEnd;

/// <summary>
/// Two deployments on one storage account with different task hubs share no queue and no table: neither takes
/// the other's events, and a delivery id one has seen is still new to the other.
/// </summary>
[Collection(StandaloneHostCollection.Name)]
public sealed class SharedStorageAccountTests(StandaloneHostFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Two_hosts_with_different_hubs_on_one_account_never_take_each_others_events()
    {
        await using StandaloneHostProcess other = await StandaloneHostProcess.StartAsync();
        using var otherApi = new HttpClient { BaseAddress = new Uri(other.ApiBaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        var otherSender = new WebhookSender(otherApi, other.ApiBaseUrl);

        // The same delivery to both deployments: each has its own dedupe table, so each queues it.
        string shared = StandaloneHostFixture.NewDealId();
        byte[] delivery = SampleEvents.HubSpotDealClosedWon(long.Parse(shared, CultureInfo.InvariantCulture), EventIds.NewEventId());
        Assert.False(await DuplicateAsync(fixture.Sender, delivery));
        Assert.False(await DuplicateAsync(otherSender, delivery));

        // Ten more deals to the fixture's host only; with a shared queue the other host would take about half.
        string[] deals = Enumerable.Range(0, 10).Select(_ => StandaloneHostFixture.NewDealId()).ToArray();
        foreach (string deal in deals)
        {
            Assert.False(await DuplicateAsync(fixture.Sender, SampleEvents.HubSpotDealClosedWon(long.Parse(deal, CultureInfo.InvariantCulture), EventIds.NewEventId())));
        }

        foreach (string deal in deals.Append(shared))
        {
            await fixture.Host.ExplainTimeoutAsync(() => Eventually.Until(
                () => fixture.InstanceAsync($"deal-invoice-{deal}"),
                i => (string?)i?["runtimeStatus"] == "Completed",
                Deadline,
                $"deal {deal}'s workflow to complete in the fixture's hub"));
        }

        await other.ExplainTimeoutAsync(() => Eventually.Until(
            () => StandaloneHostFixture.InstanceAsync(otherApi, $"deal-invoice-{shared}"),
            i => (string?)i?["runtimeStatus"] == "Completed",
            Deadline,
            "the shared delivery's workflow to complete in the other hub"));
        foreach (string deal in deals)
        {
            Assert.Null(await StandaloneHostFixture.InstanceAsync(otherApi, $"deal-invoice-{deal}"));
        }
    }

    private static async Task<bool> DuplicateAsync(WebhookSender sender, byte[] body)
    {
        using HttpResponseMessage response = await sender.SendCrmAsync(body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (bool)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["events"]![0]!["duplicate"]!;
    }
}
