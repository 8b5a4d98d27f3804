using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Integration.SendEvent.Orders;

/// <summary>The sandbox's ShipBob and ShipStation through their admin routes: orders, shipping, stock and faults.</summary>
public sealed class SandboxWarehouses(HttpClient http, string sandboxBaseUrl)
{
    public static readonly IReadOnlyList<string> Names = ["shipbob", "shipstation"];

    private readonly string root = sandboxBaseUrl.TrimEnd('/');

    /// <summary>Every order the warehouse holds, as its admin route lists them.</summary>
    public async Task<IReadOnlyList<JsonObject>> OrdersAsync(string warehouse, CancellationToken cancellationToken)
    {
        JsonNode? answer = await http.GetFromJsonAsync<JsonNode>(new Uri($"{root}/_sandbox/{warehouse}/orders"), cancellationToken).ConfigureAwait(false);
        JsonArray rows = answer as JsonArray ?? answer?["orders"] as JsonArray ?? [];
        return [.. rows.OfType<JsonObject>()];
    }

    /// <summary>The warehouse order our order key names (ShipBob reference_id, ShipStation orderKey), in whichever warehouse has it.</summary>
    public async Task<WarehouseOrder?> FindAsync(string orderKey, CancellationToken cancellationToken)
    {
        foreach (string warehouse in Names)
        {
            foreach (JsonObject order in await OrdersAsync(warehouse, cancellationToken).ConfigureAwait(false))
            {
                if (ReferenceOf(order) == orderKey)
                {
                    return new WarehouseOrder(warehouse, IdOf(order), order);
                }
            }
        }

        return null;
    }

    /// <summary>Ships the order (all that is left, or the given warehouse SKU lines); the sandbox then sends the vendor's webhook.</summary>
    public Task<JsonObject> ShipAsync(WarehouseOrder order, IReadOnlyList<(string Sku, int Quantity)>? lines, CancellationToken cancellationToken)
    {
        var body = new JsonObject();
        if (lines is not null)
        {
            body["lines"] = new JsonArray([.. lines.Select(l => (JsonNode)new JsonObject { ["sku"] = l.Sku, ["quantity"] = l.Quantity })]);
        }

        return SendAsync(HttpMethod.Post, $"/_sandbox/{order.Warehouse}/orders/{order.Id}/ship", body, $"shipment of {order.Warehouse} order {order.Id}", cancellationToken);
    }

    /// <summary>Sets what the warehouse physically holds of a warehouse SKU.</summary>
    public Task<JsonObject> SetOnHandAsync(string warehouse, string warehouseSku, int onHand, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, $"/_sandbox/{warehouse}/inventory/{warehouseSku}", new JsonObject { ["on_hand"] = onHand }, $"stock of {warehouseSku} at {warehouse}", cancellationToken);

    /// <summary>Sets the fault injection of one sandbox system (e.g. every ShipBob call answered 503).</summary>
    public Task<JsonObject> SetFaultsAsync(string system, JsonObject settings, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, $"/_sandbox/faults/{system}", settings, $"faults of {system}", cancellationToken);

    public static string? ReferenceOf(JsonObject order) => (string?)order["reference_id"] ?? (string?)order["orderKey"];

    public static string IdOf(JsonObject order) =>
        (order["id"] ?? order["orderId"])?.ToJsonString().Trim('"') ?? throw new HttpRequestException("A sandbox warehouse order has no id.");

    /// <summary>Units of a warehouse SKU in this warehouse's orders that are not shipped or cancelled (what our ledger holds for them).</summary>
    public async Task<int> OpenUnitsAsync(string warehouse, string warehouseSku, CancellationToken cancellationToken)
    {
        int units = 0;
        foreach (JsonObject order in await OrdersAsync(warehouse, cancellationToken).ConfigureAwait(false))
        {
            string status = ((string?)order["status"] ?? (string?)order["orderStatus"] ?? string.Empty).ToLowerInvariant();
            if (status.Contains("cancel", StringComparison.Ordinal) || status is "shipped" or "fulfilled" or "completed")
            {
                continue;
            }

            JsonArray lines = order["products"] as JsonArray ?? order["items"] as JsonArray ?? order["lines"] as JsonArray ?? [];
            foreach (JsonNode? line in lines)
            {
                string? sku = (string?)line?["reference_id"] ?? (string?)line?["sku"];
                if (string.Equals(sku, warehouseSku, StringComparison.OrdinalIgnoreCase))
                {
                    units += int.Parse(line!["quantity"]!.ToJsonString(), CultureInfo.InvariantCulture);
                }
            }
        }

        return units;
    }

    private async Task<JsonObject> SendAsync(HttpMethod method, string path, JsonObject body, string what, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(root + path)) { Content = JsonContent.Create(body) };
        using HttpResponseMessage response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The sandbox refused the {what}: {(int)response.StatusCode} {text}");
        }

        return text.Length == 0 ? [] : JsonNode.Parse(text) as JsonObject ?? [];
    }
}

/// <summary>An order as a sandbox warehouse holds it.</summary>
public sealed record WarehouseOrder(string Warehouse, string Id, JsonObject Body);
