namespace Integration.Tests.Unit.Orchestrations.Orders;

/// <summary>Shopify REST Order bodies in Shopify's own example shape (the orders/create test vector, id 820982911946154508).</summary>
internal static class ShopifyOrderExamples
{
    public const long OrderId = 820982911946154508;

    /// <summary>Shopify's test orders/create payload, trimmed to the fields this product reads plus a few it does not.</summary>
    public const string OrdersCreate = """
        {
          "id": 820982911946154508,
          "admin_graphql_api_id": "gid://shopify/Order/820982911946154508",
          "app_id": null,
          "buyer_accepts_marketing": true,
          "cancel_reason": null,
          "cancelled_at": null,
          "contact_email": "jon@example.com",
          "created_at": "2021-12-31T19:00:00-05:00",
          "currency": "USD",
          "current_total_price": "398.00",
          "email": "jon@example.com",
          "financial_status": "voided",
          "fulfillment_status": "pending",
          "name": "#9999",
          "order_number": 1234,
          "presentment_currency": "USD",
          "total_price": "403.00",
          "updated_at": "2021-12-31T19:00:00-05:00",
          "customer": { "id": 115310627314723954, "email": "john@example.com", "first_name": "John", "last_name": "Smith" },
          "shipping_address": {
            "first_name": "Steve", "address1": "123 Shipping Street", "phone": "555-555-SHIP", "city": "Shippington",
            "zip": "40003", "province": "Kentucky", "country": "United States", "last_name": "Shipper",
            "address2": null, "company": "Shipping Company", "latitude": null, "longitude": null,
            "name": "Steve Shipper", "country_code": "US", "province_code": "KY"
          },
          "line_items": [
            {
              "id": 866550311766439020, "admin_graphql_api_id": "gid://shopify/LineItem/866550311766439020",
              "current_quantity": 1, "fulfillable_quantity": 1, "fulfillment_service": "manual", "fulfillment_status": null,
              "gift_card": false, "grams": 567, "name": "IPod Nano - 8GB", "price": "199.00", "product_id": 632910392,
              "quantity": 1, "requires_shipping": true, "sku": "IPOD2008PINK", "title": "IPod Nano - 8GB",
              "variant_id": 808950810, "variant_title": null, "vendor": null
            },
            {
              "id": 141249953214522974, "admin_graphql_api_id": "gid://shopify/LineItem/141249953214522974",
              "current_quantity": 1, "fulfillable_quantity": 1, "fulfillment_service": "manual", "fulfillment_status": null,
              "gift_card": false, "grams": 567, "name": "IPod Nano - 8GB", "price": "199.00", "product_id": 632910392,
              "quantity": 1, "requires_shipping": true, "sku": "IPOD2008PINK", "title": "IPod Nano - 8GB",
              "variant_id": 808950810, "variant_title": null, "vendor": null
            }
          ],
          "shipping_lines": [ { "id": 271878346596884015, "code": null, "price": "10.00", "title": "Generic Shipping" } ]
        }
        """;

    /// <summary>A dev-store order as the sandbox sends it: one line of TEE-BLK-M x2 to the US.</summary>
    public static string StoreOrder(long id = 1001, string? cancelledAt = null, string sku = "TEE-BLK-M", int quantity = 2) => $$"""
        {
          "id": {{id}}, "admin_graphql_api_id": "gid://shopify/Order/{{id}}", "name": "#{{id}}", "order_number": {{id}},
          "email": "ada@example.com", "created_at": "2026-03-01T12:00:00Z", "updated_at": "2026-03-01T12:00:00Z",
          "currency": "USD", "cancelled_at": {{(cancelledAt is null ? "null" : $"\"{cancelledAt}\"")}}, "cancel_reason": {{(cancelledAt is null ? "null" : "\"customer\"")}},
          "financial_status": "paid", "fulfillment_status": null,
          "customer": { "id": 7, "email": "ada@example.com", "first_name": "Ada", "last_name": "Lovelace" },
          "shipping_address": { "first_name": "Ada", "last_name": "Lovelace", "name": "Ada Lovelace", "address1": "1 Main St", "address2": null,
            "city": "Chicago", "province": "Illinois", "province_code": "IL", "country": "United States", "country_code": "US", "zip": "60607", "phone": null },
          "line_items": [ { "id": 5001, "admin_graphql_api_id": "gid://shopify/LineItem/5001", "variant_id": 1, "product_id": 2, "sku": "{{sku}}",
            "title": "Tee", "name": "Tee - Black / M", "quantity": {{quantity}}, "current_quantity": {{quantity}}, "fulfillable_quantity": {{quantity}}, "price": "19.99", "requires_shipping": true } ]
        }
        """;
}
