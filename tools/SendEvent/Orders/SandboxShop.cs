using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Integration.SendEvent.Orders;

/// <summary>
/// The sandbox's Shopify stores through their admin routes: create or cancel an order there (without the sandbox
/// sending the webhook; this tool signs and sends it, so --url and --secret apply), and read orders and stock back.
/// </summary>
public sealed class SandboxShop(HttpClient http, string sandboxBaseUrl)
{
    private readonly string root = sandboxBaseUrl.TrimEnd('/');

    /// <summary>Creates the order in the store and returns the REST Order the store would send in orders/create.</summary>
    public async Task<JsonObject> CreateOrderAsync(string shop, JsonObject order, CancellationToken cancellationToken)
    {
        order["deliveries"] = 0;
        JsonObject answer = await SendAsync(HttpMethod.Post, $"/_sandbox/shopify/{shop}/orders", order, $"order {order["id"]} in {shop}", cancellationToken).ConfigureAwait(false);
        return OrderOf(answer);
    }

    /// <summary>Cancels the order in the store (restocking it) and returns the order as orders/cancelled carries it.</summary>
    public async Task<JsonObject> CancelOrderAsync(string shop, long orderId, CancellationToken cancellationToken)
    {
        JsonObject answer = await SendAsync(HttpMethod.Post, $"/_sandbox/shopify/{shop}/orders/{orderId}/cancel", new JsonObject { ["reason"] = "customer", ["deliveries"] = 0 }, $"cancel of order {orderId} in {shop}", cancellationToken).ConfigureAwait(false);
        return OrderOf(answer);
    }

    /// <summary>The order with its fulfilment orders and fulfilments (tracking), or null when the store has no such order.</summary>
    public async Task<JsonObject?> GetOrderAsync(string shop, long orderId, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await http.GetAsync(new Uri($"{root}/_sandbox/shopify/{shop}/orders/{orderId}"), cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonNode>(cancellationToken).ConfigureAwait(false)) as JsonObject : null;
    }

    /// <summary>The store's available quantity of a SKU, or null when it does not sell it.</summary>
    public async Task<int?> AvailableAsync(string shop, string sku, CancellationToken cancellationToken)
    {
        JsonNode? inventory = await http.GetFromJsonAsync<JsonNode>(new Uri($"{root}/_sandbox/shopify/{shop}/inventory"), cancellationToken).ConfigureAwait(false);
        JsonArray rows = inventory as JsonArray ?? inventory?["inventory"] as JsonArray ?? [];
        JsonNode? row = rows.FirstOrDefault(r => string.Equals((string?)r?["sku"], sku, StringComparison.OrdinalIgnoreCase));
        return row is null ? null : (int?)row["available"];
    }

    /// <summary>The admin answer holds the order under "order" (or is the order itself).</summary>
    private static JsonObject OrderOf(JsonObject answer) => answer["order"] as JsonObject ?? answer;

    private async Task<JsonObject> SendAsync(HttpMethod method, string path, JsonObject body, string what, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(root + path)) { Content = JsonContent.Create(body) };
        using HttpResponseMessage response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The sandbox store refused the {what}: {(int)response.StatusCode} {text}");
        }

        return JsonNode.Parse(text) as JsonObject ?? throw new HttpRequestException($"The sandbox store answered the {what} with something that is not a JSON object.");
    }
}
