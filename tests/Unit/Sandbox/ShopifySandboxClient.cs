using System.Net;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Integration.Tests.Unit.Sandbox;

/// <summary>Calls a sandbox's Shopify routes as the product's connector does (X-Shopify-Access-Token, GraphQL documents of the design).</summary>
public sealed class ShopifySandboxClient(SandboxHost sandbox)
{
    public const string Token = "sandbox-shopify-token";

    public const string FulfillmentOrdersQuery =
        "query($id: ID!) { order(id: $id) { fulfillmentOrders(first: 20) { nodes { id status lineItems(first: 100) { nodes { id sku totalQuantity remainingQuantity lineItem { id } } } } } } }";

    public const string FulfillmentsQuery =
        "query($id: ID!) { order(id: $id) { fulfillments { id status trackingInfo { company number url } } } }";

    public const string FulfillmentCreate =
        "mutation($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { fulfillment { id status trackingInfo { company number url } } userErrors { field message } } }";

    public const string InventoryItemsQuery =
        "query($q: String!) { inventoryItems(first: 1, query: $q) { nodes { id sku inventoryLevels(first: 1) { nodes { location { id } quantities(names: [\"available\"]) { name quantity } } } } } }";

    public static string SetQuantities(string key) =>
        "mutation($input: InventorySetQuantitiesInput!) { inventorySetQuantities(input: $input) @idempotent(key: \"" + key +
        "\") { inventoryAdjustmentGroup { id changes { name delta quantityAfterChange } } userErrors { code field message } } }";

    public async Task<SandboxResponse> GraphQlAsync(string query, object? variables = null, string shop = "store-a", string? token = Token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/shopify/{shop}/admin/api/2026-01/graphql.json");
        if (token is not null)
        {
            request.Headers.Add("X-Shopify-Access-Token", token);
        }

        request.Content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json");
        var response = await sandbox.Http.SendAsync(request);
        return new SandboxResponse(response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    /// <summary>The root field's data of a successful GraphQL answer (HTTP 200, no errors).</summary>
    public async Task<JsonElement> DataAsync(string query, object? variables = null, string shop = "store-a")
    {
        var response = await GraphQlAsync(query, variables, shop);
        Assert.True(response.Status == HttpStatusCode.OK, response.Text);
        Assert.False(response.Json.TryGetProperty("errors", out _), response.Text);
        return response.Json.GetProperty("data");
    }

    /// <summary>Places an order through the admin route and returns the admin answer.</summary>
    public async Task<JsonElement> PlaceOrderAsync(string json, string shop = "store-a")
    {
        var response = await sandbox.AdminAsync(HttpMethod.Post, $"/shopify/{shop}/orders", json);
        Assert.True(response.Status == HttpStatusCode.Created, response.Text);
        return response.Json;
    }

    public async Task<JsonElement> InventoryAsync(string sku, string shop = "store-a")
    {
        var response = await sandbox.AdminAsync(HttpMethod.Get, $"/shopify/{shop}/inventory");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return response.Json.EnumerateArray().Single(i => i.GetProperty("sku").GetString() == sku);
    }

    public async Task<JsonElement> FulfillmentOrderAsync(long orderId, string shop = "store-a")
    {
        var data = await DataAsync(FulfillmentOrdersQuery, new { id = $"gid://shopify/Order/{orderId}" }, shop);
        return Assert.Single(data.GetProperty("order").GetProperty("fulfillmentOrders").GetProperty("nodes").EnumerateArray());
    }
}
