using System.Text.Json;
using Integration.Orchestrations.Orders;
using Xunit;

namespace Integration.Tests.Unit.Orchestrations.Orders;

/// <summary>Shopify's REST Order read once for every subscriber: int64 ids kept exact, money as invariant decimals, lines that ship.</summary>
public sealed class ShopOrderReaderTests
{
    [Fact]
    public void Shopifys_test_order_is_read_with_its_int64_ids_exact()
    {
        ShopOrder order = Read(ShopifyOrderExamples.OrdersCreate);

        Assert.Equal(820982911946154508L, order.OrderId);
        Assert.Equal("store-a-820982911946154508", order.Key);
        Assert.Equal("#9999", order.Name);
        Assert.Equal("jon@example.com", order.Email);
        Assert.Equal("USD", order.Currency);
        Assert.Equal(new DateTimeOffset(2021, 12, 31, 19, 0, 0, TimeSpan.FromHours(-5)), order.CreatedAt);
        Assert.Null(order.CancelledAt);
        Assert.Equal([866550311766439020L, 141249953214522974L], order.Lines.Select(l => l.LineItemId));
        Assert.All(order.Lines, l => Assert.Equal(("IPOD2008PINK", 1, 199.00m), (l.Sku, l.Quantity, l.Price)));
    }

    [Fact]
    public void The_shipping_address_keeps_the_codes_the_routing_rule_uses()
    {
        ShippingAddress address = Assert.IsType<ShippingAddress>(Read(ShopifyOrderExamples.OrdersCreate).ShippingAddress);

        Assert.Equal(new ShippingAddress("Steve Shipper", "123 Shipping Street", null, "Shippington", "KY", "US", "40003", "555-555-SHIP"), address);
    }

    [Fact]
    public void Money_is_read_with_the_invariant_culture_whatever_the_thread_culture()
    {
        var before = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Equal(19.99m, Assert.Single(Read(ShopifyOrderExamples.StoreOrder()).Lines).Price);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void A_cancelled_order_says_when_and_why()
    {
        ShopOrder order = Read(ShopifyOrderExamples.StoreOrder(cancelledAt: "2026-03-01T13:00:00Z"));

        Assert.Equal(new DateTimeOffset(2026, 3, 1, 13, 0, 0, TimeSpan.Zero), order.CancelledAt);
        Assert.Equal("customer", order.CancelReason);
    }

    [Fact]
    public void Lines_that_need_no_shipping_or_were_edited_to_nothing_are_left_out()
    {
        string json = ShopifyOrderExamples.StoreOrder().Replace(
            "\"line_items\": [",
            "\"line_items\": [ { \"id\": 9, \"sku\": \"GIFT\", \"title\": \"Gift card\", \"quantity\": 1, \"price\": \"10.00\", \"requires_shipping\": false }," +
            " { \"id\": 10, \"sku\": \"GONE\", \"title\": \"Removed\", \"quantity\": 1, \"current_quantity\": 0, \"price\": \"1.00\", \"requires_shipping\": true },",
            StringComparison.Ordinal);

        Assert.Equal(["TEE-BLK-M"], Read(json).Lines.Select(l => l.Sku));
    }

    [Fact]
    public void An_order_without_a_shipping_address_or_its_first_line_has_none()
    {
        string noAddress = ShopifyOrderExamples.StoreOrder().Replace("\"shipping_address\":", "\"billing_address\":", StringComparison.Ordinal);
        string noStreet = ShopifyOrderExamples.StoreOrder().Replace("\"address1\": \"1 Main St\"", "\"address1\": \"\"", StringComparison.Ordinal);

        Assert.Null(Read(noAddress).ShippingAddress);
        Assert.Null(Read(noStreet).ShippingAddress);
    }

    [Theory]
    [InlineData("""{"line_items": []}""", "'id'")]
    [InlineData("""{"id": 5, "created_at": "2026-03-01T12:00:00Z"}""", "line_items")]
    [InlineData("""{"id": 5.5, "line_items": []}""", "positive integer")]
    [InlineData("""{"id": 5, "created_at": "2026-03-01T12:00:00Z", "line_items": [ {"id": 1, "quantity": 1, "price": "1,50"} ]}""", "decimal")]
    [InlineData("""[1, 2]""", "JSON object")]
    public void A_body_that_is_not_an_order_is_refused_naming_what_is_wrong(string json, string expected)
    {
        FormatException error = Assert.Throws<FormatException>(() => Read(json));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static ShopOrder Read(string json)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        return ShopOrderReader.Read("store-a", doc.RootElement);
    }
}
