using System.Text.Json.Nodes;

namespace Integration.Sandbox.Warehouses;

/// <summary>
/// The outcome of an admin action on a warehouse order (ship, exception, cancel a shipment): either a problem
/// (status, title, detail) or the changed shipment plus the webhook the vendor now sends about it.
/// </summary>
internal sealed record WarehouseChange(
    int Status, string? Title, string? Detail, string? OrderId, JsonObject? Shipment, string? ShipmentId, string? Topic, byte[]? WebhookBody)
{
    public bool Succeeded => Status == StatusCodes.Status200OK;

    public static WarehouseChange Problem(int status, string title, string detail) => new(status, title, detail, null, null, null, null, null);

    public static WarehouseChange NotFound(string warehouse, string idOrReference) => Problem(
        StatusCodes.Status404NotFound, "Order not found", $"No {warehouse} order has the id or reference '{idOrReference}'.");

    public IResult ToProblem() => Results.Problem(title: Title, detail: Detail, statusCode: Status);
}
