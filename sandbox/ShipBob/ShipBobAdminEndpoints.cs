using System.Text.Json.Nodes;
using Integration.Sandbox.Admin;
using Integration.Sandbox.Infrastructure;
using Integration.Sandbox.Warehouses;

namespace Integration.Sandbox.ShipBob;

/// <summary>
/// Maps /_sandbox/shipbob: the orders and stock a test or a person reads, stock changes, and the warehouse's own
/// actions (ship, exception, cancel a shipment), each of which sends ShipBob's signed webhook to the product.
/// </summary>
internal static class ShipBobAdminEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/_sandbox/shipbob");
        admin.MapGet("/orders", (string? reference, ShipBobStore store) => JsonResponse.Of(store.AdminOrders(reference)));
        admin.MapGet("/orders/{id}", (string id, ShipBobStore store) =>
            store.AdminOrder(id) is { } order ? JsonResponse.Of(order) : WarehouseChange.NotFound("ShipBob", id).ToProblem());
        admin.MapPost("/orders/{id}/ship", ShipAsync);
        admin.MapPost("/orders/{id}/exception", ExceptionAsync);
        admin.MapPost("/orders/{id}/cancel-shipment", CancelShipmentAsync);
        admin.MapGet("/inventory", (ShipBobStore store) => JsonResponse.Of(store.AdminInventory()));
        admin.MapPut("/inventory/{sku}", async (string sku, HttpRequest request, ShipBobStore store) =>
        {
            var (onHand, error) = await OnHand.ReadAsync(request);
            return error ?? JsonResponse.Of(store.SetOnHand(sku, onHand));
        });
    }

    private static async Task<IResult> ShipAsync(
        string id, HttpRequest request, ShipBobStore store, SandboxOptions options, WarehouseWebhooks webhooks, TimeProvider time)
    {
        var (ship, error) = await ShipRequest.ReadAsync(request);
        if (ship is null)
        {
            return Problems.BadRequest("Invalid shipment", error!);
        }

        return await SendAsync(store.Ship(id, ship, time.GetUtcNow()), request, store, options, webhooks, time);
    }

    /// <summary>Optional body {"description", "on_hold": true}: on hold sends order.shipment.on_hold instead of order.shipment.exception.</summary>
    private static async Task<IResult> ExceptionAsync(
        string id, HttpRequest request, ShipBobStore store, SandboxOptions options, WarehouseWebhooks webhooks, TimeProvider time)
    {
        var (body, error) = await ShipRequest.OptionalObjectAsync(request);
        if (error is not null)
        {
            return Problems.BadRequest("Invalid exception", error);
        }

        var onHold = body?["on_hold"] is JsonValue flag && flag.TryGetValue(out bool held) && held;
        var description = JsonValues.StringAt(body, "description")
            ?? (onHold ? "The shipment is on hold (set by the sandbox)." : "The shipment has an exception (set by the sandbox).");
        var change = onHold
            ? store.ChangeOpenShipment(id, ShipBobShipmentStatus.OnHold, "order.shipment.on_hold", description, time.GetUtcNow())
            : store.ChangeOpenShipment(id, ShipBobShipmentStatus.Exception, "order.shipment.exception", description, time.GetUtcNow());
        return await SendAsync(change, request, store, options, webhooks, time);
    }

    private static async Task<IResult> CancelShipmentAsync(
        string id, HttpRequest request, ShipBobStore store, SandboxOptions options, WarehouseWebhooks webhooks, TimeProvider time)
    {
        var (body, error) = await ShipRequest.OptionalObjectAsync(request);
        if (error is not null)
        {
            return Problems.BadRequest("Invalid cancellation", error);
        }

        var description = JsonValues.StringAt(body, "description") ?? "The warehouse cancelled the shipment (set by the sandbox).";
        var change = store.ChangeOpenShipment(id, ShipBobShipmentStatus.Cancelled, "order.shipment.cancelled", description, time.GetUtcNow());
        return await SendAsync(change, request, store, options, webhooks, time);
    }

    private static async Task<IResult> SendAsync(
        WarehouseChange change, HttpRequest request, ShipBobStore store, SandboxOptions options, WarehouseWebhooks webhooks, TimeProvider time)
    {
        if (!change.Succeeded)
        {
            return change.ToProblem();
        }

        var headers = ShipBobWebhookSigner.Headers(options.ShipBob.WebhookKey, change.Topic!, change.WebhookBody!, time.GetUtcNow());
        var delivery = await webhooks.SendAsync(change.Topic!, change.ShipmentId, "/shipbob", change.WebhookBody!, headers, request.HttpContext.RequestAborted);
        store.RecordWebhook(change.OrderId!, delivery);
        var json = delivery.ToJson();
        json["webhook_id"] = headers["webhook-id"];
        return JsonResponse.Of(new JsonObject { ["shipment"] = change.Shipment, ["delivery"] = json });
    }
}
