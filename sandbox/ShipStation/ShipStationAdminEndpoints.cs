using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Integration.Sandbox.Admin;
using Integration.Sandbox.Infrastructure;
using Integration.Sandbox.Warehouses;

namespace Integration.Sandbox.ShipStation;

/// <summary>
/// Maps /_sandbox/shipstation: orders and stock to read, stock changes, and shipping an order, which sends
/// ShipStation's unsigned SHIP_NOTIFY pointer (with the secret token in the URL) to the product.
/// </summary>
internal static class ShipStationAdminEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/_sandbox/shipstation");
        admin.MapGet("/orders", (string? reference, ShipStationStore store) => JsonResponse.Of(store.AdminOrders(reference)));
        admin.MapGet("/orders/{id}", (string id, ShipStationStore store) =>
            store.AdminOrder(id) is { } order ? JsonResponse.Of(order) : WarehouseChange.NotFound("ShipStation", id).ToProblem());
        admin.MapPost("/orders/{id}/ship", ShipAsync);
        admin.MapGet("/inventory", (ShipStationStore store) => JsonResponse.Of(store.AdminInventory()));
        admin.MapPut("/inventory/{sku}", async (string sku, HttpRequest request, ShipStationStore store) =>
        {
            var (onHand, error) = await OnHand.ReadAsync(request);
            return error ?? JsonResponse.Of(store.SetOnHand(sku, onHand));
        });
    }

    private static async Task<IResult> ShipAsync(
        string id, HttpRequest request, ShipStationStore store, SandboxOptions options, WarehouseWebhooks webhooks, TimeProvider time)
    {
        var (ship, error) = await ShipRequest.ReadAsync(request);
        if (ship is null)
        {
            return Problems.BadRequest("Invalid shipment", error!);
        }

        var (change, batchId) = store.Ship(id, ship, time.GetUtcNow());
        if (!change.Succeeded)
        {
            return change.ToProblem();
        }

        // The pointer names this sandbox as the caller reached it, so the product fetches from the host it trusts.
        var resourceUrl = string.Create(CultureInfo.InvariantCulture,
            $"{request.Scheme}://{request.Host}{request.PathBase}/shipstation/shipments?batchId={batchId}&includeShipmentItems=True");
        var payload = new JsonObject { ["resource_url"] = resourceUrl, ["resource_type"] = "SHIP_NOTIFY" };
        var body = Encoding.UTF8.GetBytes(JsonText.Of(payload));
        var delivery = await webhooks.SendAsync(
            "SHIP_NOTIFY", change.ShipmentId, "/shipstation?token=" + Uri.EscapeDataString(options.ShipStation.WebhookToken),
            body, new Dictionary<string, string>(), request.HttpContext.RequestAborted);
        // The token is the webhook's only credential: the state a person reads shows where it went, not the token.
        var token = Uri.EscapeDataString(options.ShipStation.WebhookToken);
        delivery = delivery with { Url = delivery.Url?.Replace("token=" + token, "token=redacted", StringComparison.Ordinal) };
        store.RecordWebhook(change.OrderId!, delivery);
        var json = delivery.ToJson();
        json["resource_url"] = resourceUrl;
        return JsonResponse.Of(new JsonObject { ["shipment"] = change.Shipment, ["delivery"] = json });
    }
}
