using System.Globalization;
using System.Text.Json.Nodes;
using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.ShipStation;

/// <summary>Maps the emulated ShipStation v1 API (orders, shipments; Basic auth) and the v2 inventory API (API-Key) under /shipstation.</summary>
internal static class ShipStationEndpoints
{
    private const int MaxPageSize = 500;

    public static void Map(IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/shipstation").AddEndpointFilter<ShipStationAuthFilter>();
        v1.MapPost("/orders/createorder", async (HttpRequest request, ShipStationStore store, TimeProvider time) =>
        {
            var body = await JsonBody.ReadAsync(request);
            return body.IsValid
                ? store.CreateOrUpdate(body.Node, time.GetUtcNow()).ToResult()
                : JsonResponse.Of(ShipStationErrors.Invalid("apiOrder", $"The body is not valid JSON: {body.Error}"), StatusCodes.Status400BadRequest);
        });
        v1.MapGet("/orders", (HttpRequest request, ShipStationStore store) =>
        {
            if (!TryPaging(request, "page", "pageSize", 100, out var page, out var size, out var error))
            {
                return error!;
            }

            return JsonResponse.Of(store.ListOrders(Text(request, "orderNumber"), Text(request, "orderStatus"), page, size));
        });
        v1.MapGet("/orders/{orderId:long}", (long orderId, ShipStationStore store) =>
            store.Order(orderId) is { } order
                ? JsonResponse.Of(order)
                : JsonResponse.Of(ShipStationErrors.Message($"Order {orderId} was not found."), StatusCodes.Status404NotFound));
        v1.MapGet("/shipments", Shipments);

        var v2 = app.MapGroup("/shipstation/v2").AddEndpointFilter<ShipStationInventoryAuthFilter>();
        v2.MapGet("/inventory", Inventory);
    }

    private static IResult Shipments(HttpRequest request, ShipStationStore store)
    {
        if (!TryPaging(request, "page", "pageSize", 100, out var page, out var size, out var error))
        {
            return error!;
        }

        long? batchId = null, orderId = null;
        foreach (var (name, assign) in new (string, Action<long>)[] { ("batchId", v => batchId = v), ("orderId", v => orderId = v) })
        {
            if (Text(request, name) is { } text)
            {
                if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                {
                    return Invalid(name, $"The value '{text}' is not valid for {name}.");
                }

                assign(value);
            }
        }

        var include = Text(request, "includeShipmentItems");
        if (include is not null && !bool.TryParse(include, out _))
        {
            return Invalid("includeShipmentItems", $"The value '{include}' is not valid for includeShipmentItems.");
        }

        return JsonResponse.Of(store.ListShipments(
            batchId, orderId, Text(request, "orderNumber"), Text(request, "trackingNumber"),
            include is not null && bool.Parse(include), page, size));
    }

    private static IResult Inventory(HttpRequest request, ShipStationStore store)
    {
        if (!TryInt(request, "page", 1, int.MaxValue, 1, out var page) || !TryInt(request, "page_size", 1, MaxPageSize, 100, out var size))
        {
            return JsonResponse.Of(ShipStationErrors.V2Invalid($"page must be at least 1 and page_size between 1 and {MaxPageSize}."), StatusCodes.Status400BadRequest);
        }

        var sku = Text(request, "sku");
        var (levels, total) = store.Inventory(sku, page, size);
        var pages = Math.Max(1, (total + size - 1) / size);
        JsonObject Link(int p) => new()
        {
            ["href"] = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}?page={p}&page_size={size}"
                + (sku is null ? string.Empty : "&sku=" + Uri.EscapeDataString(sku)),
        };
        return JsonResponse.Of(new JsonObject
        {
            ["inventory"] = new JsonArray([.. levels.Select(l => (JsonNode?)l)]),
            ["total"] = total,
            ["page"] = page,
            ["pages"] = pages,
            ["links"] = new JsonObject
            {
                ["first"] = Link(1),
                ["last"] = Link(pages),
                ["prev"] = page > 1 ? Link(page - 1) : null,
                ["next"] = page < pages ? Link(page + 1) : null,
            },
        });
    }

    private static bool TryPaging(HttpRequest request, string pageName, string sizeName, int defaultSize, out int page, out int size, out IResult? error)
    {
        error = null;
        size = defaultSize;
        if (!TryInt(request, pageName, 1, int.MaxValue, 1, out page))
        {
            error = Invalid(pageName, $"{pageName} must be a whole number of at least 1.");
            return false;
        }

        if (!TryInt(request, sizeName, 1, MaxPageSize, defaultSize, out size))
        {
            error = Invalid(sizeName, $"{sizeName} must be between 1 and {MaxPageSize}.");
            return false;
        }

        return true;
    }

    private static bool TryInt(HttpRequest request, string name, int min, int max, int fallback, out int value)
    {
        value = fallback;
        var text = Text(request, name);
        return text is null || (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max);
    }

    private static string? Text(HttpRequest request, string name)
    {
        var value = request.Query[name].FirstOrDefault();
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    private static IResult Invalid(string name, string message) =>
        JsonResponse.Of(ShipStationErrors.Invalid(name, message), StatusCodes.Status400BadRequest);
}
