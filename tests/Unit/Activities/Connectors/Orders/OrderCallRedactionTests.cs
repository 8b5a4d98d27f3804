using System.Net;
using Integration.Activities.ApiCalls;
using Integration.Activities.Configuration;
using Integration.Activities.Connectors.HubSpot;
using Integration.Activities.Connectors.ShipBob;
using Integration.Activities.Connectors.ShipStation;
using Integration.Orchestrations.Orders;
using Xunit;

namespace Integration.Tests.Unit.Activities.Connectors.Orders;

/// <summary>The order calls as the API call log records them (Redaction.RedactBody): the customer's name, address, email and phone never appear.</summary>
public sealed class OrderCallRedactionTests
{
    private static readonly string[] Personal = ["Ada Lovelace", "100 N Racine Ave", "Suite 100", "Chicago", "60607", "555-0100", "ada@example.com"];

    private static readonly WarehouseOrderRequest Order = new(
        "x", "store-a-1001", "#1001", "ada@example.com",
        new ShippingAddress("Ada Lovelace", "100 N Racine Ave", "Suite 100", "Chicago", "IL", "US", "60607", "555-0100"),
        [new WarehouseOrderLine("9001", "WH-TEE-BLK-M", "Tee black M", 2, 25m)],
        "corr");

    [Fact]
    public async Task A_shipbob_order_is_logged_without_the_recipient()
    {
        var http = new ScriptedHttp().Answer(HttpStatusCode.Created, """{"id":1}""");
        await new ShipBobClient(new HttpClient(http), ScriptedHttp.Monitor(new ShipBobOptions { BaseUrl = "https://sb.test", AccessToken = "t", ChannelId = "1" }))
            .CreateOrderAsync(Order, default);

        AssertNothingPersonal(Redaction.RedactBody(Assert.Single(http.Requests).Body));
    }

    [Fact]
    public async Task A_shipstation_order_is_logged_without_ship_to_bill_to_or_email()
    {
        var http = new ScriptedHttp().Ok("""{"orderId":1}""");
        await new ShipStationClient(new HttpClient(http), ScriptedHttp.Monitor(new ShipStationOptions { BaseUrl = "https://ss.test", ApiKey = "k", ApiSecret = "s" }), new InstantTimers())
            .CreateOrderAsync(Order, default);

        string logged = Redaction.RedactBody(Assert.Single(http.Requests).Body)!;

        AssertNothingPersonal(logged);
        Assert.Contains("WH-TEE-BLK-M", logged, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_contact_search_is_logged_without_the_email_searched_for()
    {
        var http = new ScriptedHttp().Ok("""{"total":0,"results":[]}""");
        await new HubSpotCrmClient(new HttpClient(http), ScriptedHttp.Monitor(new HubSpotOptions { BaseUrl = "https://hs.test", AccessToken = "t" }))
            .FindContactByEmailAsync("ada@example.com", "corr", default);

        AssertNothingPersonal(Redaction.RedactBody(Assert.Single(http.Requests).Body));
    }

    private static void AssertNothingPersonal(string? logged)
    {
        Assert.NotNull(logged);
        Assert.All(Personal, p => Assert.DoesNotContain(p, logged, StringComparison.Ordinal));
    }
}
