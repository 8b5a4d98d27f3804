using System.Text.Json;
using System.Text.Json.Nodes;
using Integration.Sandbox.Admin;
using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.Warehouses;

/// <summary>Reads the body of PUT /_sandbox/{shipbob|shipstation}/inventory/{sku}: {"on_hand": n}, n a whole number ≥ 0.</summary>
internal static class OnHand
{
    public static async Task<(int OnHand, IResult? Error)> ReadAsync(HttpRequest request)
    {
        var body = await JsonBody.ReadAsync(request);
        if (!body.IsValid)
        {
            return (0, Problems.BadRequest("Invalid JSON", body.Error!));
        }

        if (body.Node is not JsonObject input || input["on_hand"] is not JsonValue value
            || value.GetValueKind() != JsonValueKind.Number || !value.TryGetValue(out int onHand) || onHand < 0)
        {
            return (0, Problems.BadRequest("Invalid stock", "The body must be {\"on_hand\": n} with n a whole number of at least 0."));
        }

        return (onHand, null);
    }
}
