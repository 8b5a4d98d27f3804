using System.Text.Json;
using System.Text.Json.Nodes;
using Integration.Sandbox.Admin;
using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.Shopify;

/// <summary>
/// Maps /_sandbox/shopify: place, cancel and update orders (each sends its order webhook to the product, signed with
/// the shop's secret), and read orders with their fulfilment orders, fulfilments and tracking, and the stores' stock.
/// </summary>
internal static class ShopifyAdminEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/_sandbox/shopify");
        admin.MapGet("/shops", (ShopifyStore store) => JsonResponse.Of(new JsonArray([.. store.Handles.Select(h =>
        {
            var shop = store.Find(h)!;
            return (JsonNode?)new JsonObject
            {
                ["shop"] = shop.Handle,
                ["domain"] = shop.Domain,
                ["locationId"] = ShopifyIds.Gid("Location", shop.LocationId),
            };
        })])));

        var shops = admin.MapGroup("/{shop}");
        shops.MapPost("/orders", PlaceOrderAsync);
        shops.MapGet("/orders", (string shop, ShopifyStore store) => WithShop(store, shop, s =>
        {
            lock (s.Gate)
            {
                return JsonResponse.Of(new JsonArray([.. s.Orders.Values.OrderBy(o => o.CreatedAt).ThenBy(o => o.Number)
                    .Select(o => (JsonNode?)ShopifyJson.AdminOrder(s, o))]));
            }
        }));
        shops.MapGet("/orders/{id:long}", (string shop, long id, ShopifyStore store) => WithOrder(store, shop, id, (s, o) =>
        {
            lock (s.Gate)
            {
                return JsonResponse.Of(ShopifyJson.AdminOrder(s, o));
            }
        }));
        shops.MapPost("/orders/{id:long}/cancel", CancelOrderAsync);
        shops.MapPost("/orders/{id:long}/update", UpdateOrderAsync);
        shops.MapGet("/inventory", (string shop, ShopifyStore store) => WithShop(store, shop, s =>
        {
            lock (s.Gate)
            {
                return JsonResponse.Of(new JsonArray([.. s.Inventory.Values.OrderBy(i => i.Id).Select(i => (JsonNode?)ShopifyJson.AdminInventory(s, i))]));
            }
        }));
        shops.MapPut("/inventory/{sku}", PutInventoryAsync);
    }

    private static async Task<IResult> PlaceOrderAsync(string shop, HttpRequest request, ShopifyStore store, ShopifyWebhookSender sender, TimeProvider time)
    {
        if (store.Find(shop) is not { } target)
        {
            return UnknownShop(store, shop);
        }

        var body = await JsonBody.ReadAsync(request);
        if (!body.IsValid)
        {
            return Problems.BadRequest("Invalid JSON", body.Error!);
        }

        var input = ShopifyOrderRequest.Read(body.Node, out var error);
        if (input is null)
        {
            return Problems.BadRequest("Invalid order", error);
        }

        JsonObject payload;
        long orderId;
        lock (target.Gate)
        {
            var order = ShopifyOrderWrites.Place(target, store.Ids, input, time.GetUtcNow(), out error, out var conflict);
            if (order is null)
            {
                return conflict
                    ? Results.Problem(title: "Order exists", detail: error, statusCode: StatusCodes.Status409Conflict)
                    : Problems.BadRequest("Invalid order", error);
            }

            orderId = order.Id;
            payload = ShopifyJson.RestOrder(target, order);
        }

        return await SendAsync(target, orderId, "orders/create", payload, input.Deliveries, sender, StatusCodes.Status201Created, request.HttpContext.RequestAborted);
    }

    /// <summary>Body (optional): {"reason": "customer"|"declined"|"fraud"|"inventory"|"other"|"staff", "deliveries": 0..10}.</summary>
    private static async Task<IResult> CancelOrderAsync(string shop, long id, HttpRequest request, ShopifyStore store, ShopifyWebhookSender sender, TimeProvider time)
    {
        var (input, problem) = await OptionalBodyAsync(request);
        if (problem is not null)
        {
            return problem;
        }

        var reason = "customer";
        if (input?["reason"] is { } reasonNode)
        {
            reason = reasonNode is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : string.Empty;
            if (!ShopifyOrderWrites.CancelReasons.Contains(reason))
            {
                return Problems.BadRequest("Invalid cancellation", $"'reason' must be one of {string.Join(", ", ShopifyOrderWrites.CancelReasons.Order(StringComparer.Ordinal))}.");
            }
        }

        if (!TryDeliveries(input, out var deliveries, out problem))
        {
            return problem!;
        }

        if (store.Find(shop) is not { } target)
        {
            return UnknownShop(store, shop);
        }

        JsonObject payload;
        lock (target.Gate)
        {
            if (!target.Orders.TryGetValue(id, out var order))
            {
                return UnknownOrder(target, id);
            }

            if (!ShopifyOrderWrites.Cancel(order, reason, time.GetUtcNow(), out var error))
            {
                return Results.Problem(title: "Order already cancelled", detail: error, statusCode: StatusCodes.Status409Conflict);
            }

            payload = ShopifyJson.RestOrder(target, order);
        }

        return await SendAsync(target, id, "orders/cancelled", payload, deliveries, sender, StatusCodes.Status200OK, request.HttpContext.RequestAborted);
    }

    /// <summary>Body (optional): {"shipping_address": {..}|null, "email": "..", "deliveries": 0..10}; sends orders/updated with the order as it now is.</summary>
    private static async Task<IResult> UpdateOrderAsync(string shop, long id, HttpRequest request, ShopifyStore store, ShopifyWebhookSender sender, TimeProvider time)
    {
        var (input, problem) = await OptionalBodyAsync(request);
        if (problem is not null)
        {
            return problem;
        }

        JsonObject? address = null;
        var replaceAddress = input?.ContainsKey("shipping_address") == true;
        if (replaceAddress && input!["shipping_address"] is { } addressNode && !ShopifyOrderRequest.TryAddress(addressNode, out address, out var addressError))
        {
            return Problems.BadRequest("Invalid update", addressError);
        }

        var email = JsonValues.StringAt(input, "email");
        if (input?["email"] is not null && (email is null || !email.Contains('@')))
        {
            return Problems.BadRequest("Invalid update", "'email' must be an e-mail address.");
        }

        if (!TryDeliveries(input, out var deliveries, out problem))
        {
            return problem!;
        }

        if (store.Find(shop) is not { } target)
        {
            return UnknownShop(store, shop);
        }

        JsonObject payload;
        lock (target.Gate)
        {
            if (!target.Orders.TryGetValue(id, out var order))
            {
                return UnknownOrder(target, id);
            }

            if (replaceAddress)
            {
                order.ShippingAddress = address;
            }

            if (email is not null)
            {
                order.Email = email;
            }

            order.UpdatedAt = time.GetUtcNow();
            payload = ShopifyJson.RestOrder(target, order);
        }

        return await SendAsync(target, id, "orders/updated", payload, deliveries, sender, StatusCodes.Status200OK, request.HttpContext.RequestAborted);
    }

    /// <summary>Body {"available": n}: sets the store's available quantity of a SKU (a SKU it does not sell yet is added).</summary>
    private static async Task<IResult> PutInventoryAsync(string shop, string sku, HttpRequest request, ShopifyStore store)
    {
        if (store.Find(shop) is not { } target)
        {
            return UnknownShop(store, shop);
        }

        var body = await JsonBody.ReadAsync(request);
        if (!body.IsValid)
        {
            return Problems.BadRequest("Invalid JSON", body.Error!);
        }

        if (body.Node is not JsonObject input || input["available"] is not JsonValue value
            || value.GetValueKind() != JsonValueKind.Number || !value.TryGetValue(out int available) || available < 0)
        {
            return Problems.BadRequest("Invalid inventory", "The body must be {\"available\": n} with n a whole number of at least 0.");
        }

        if (sku.Length > 255 || string.IsNullOrWhiteSpace(sku))
        {
            return Problems.BadRequest("Invalid inventory", "A SKU is 1-255 characters.");
        }

        lock (target.Gate)
        {
            if (!target.Inventory.TryGetValue(sku, out var item))
            {
                item = ShopifyStore.AddItem(target, store.Ids, new ShopifyCatalogueItem(sku, sku, 10.00m, 100), available);
            }

            item.Available = available;
            return JsonResponse.Of(ShopifyJson.AdminInventory(target, item));
        }
    }

    private static async Task<IResult> SendAsync(
        ShopifyShop shop, long orderId, string topic, JsonObject payload, int deliveries, ShopifyWebhookSender sender, int status, CancellationToken cancellationToken)
    {
        var sent = await sender.SendAsync(shop, topic, payload, deliveries, cancellationToken);
        lock (shop.Gate)
        {
            if (shop.Orders.TryGetValue(orderId, out var order))
            {
                order.Webhooks.Add(new ShopifyWebhookRecord(sent.Topic, sent.WebhookId, sent.EventId, sent.TriggeredAt, [.. sent.Deliveries.Select(d => d.StatusCode)]));
            }
        }

        var answer = new JsonObject
        {
            ["order"] = payload,
            ["topic"] = sent.Topic,
            ["webhookId"] = sent.WebhookId,
            ["eventId"] = sent.EventId,
            ["deliveries"] = new JsonArray([.. sent.Deliveries.Select(d => (JsonNode?)new JsonObject
            {
                ["url"] = d.Url,
                ["status"] = d.StatusCode,
                ["body"] = d.Body,
            })]),
        };
        if (sent.Note is not null)
        {
            answer["note"] = sent.Note;
        }

        return JsonResponse.Of(answer, status);
    }

    private static async Task<(JsonObject? Body, IResult? Problem)> OptionalBodyAsync(HttpRequest request)
    {
        if (request.ContentLength is null or 0 && request.Headers.TransferEncoding.Count == 0)
        {
            return (null, null);
        }

        var body = await JsonBody.ReadAsync(request);
        return body.IsValid && body.Node is JsonObject input
            ? (input, null)
            : (null, Problems.BadRequest("Invalid JSON", body.Error ?? "The body must be a JSON object (or empty)."));
    }

    private static bool TryDeliveries(JsonObject? input, out int deliveries, out IResult? problem)
    {
        deliveries = 1;
        problem = null;
        if (input?["deliveries"] is not { } node)
        {
            return true;
        }

        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out deliveries)
            && deliveries is >= 0 and <= ShopifyOrderRequest.MaxDeliveries)
        {
            return true;
        }

        problem = Problems.BadRequest("Invalid deliveries", $"'deliveries' must be a whole number from 0 to {ShopifyOrderRequest.MaxDeliveries}.");
        return false;
    }

    private static IResult WithShop(ShopifyStore store, string shop, Func<ShopifyShop, IResult> answer) =>
        store.Find(shop) is { } target ? answer(target) : UnknownShop(store, shop);

    private static IResult WithOrder(ShopifyStore store, string shop, long id, Func<ShopifyShop, ShopifyOrder, IResult> answer)
    {
        if (store.Find(shop) is not { } target)
        {
            return UnknownShop(store, shop);
        }

        ShopifyOrder? order;
        lock (target.Gate)
        {
            order = target.Orders.GetValueOrDefault(id);
        }

        return order is null ? UnknownOrder(target, id) : answer(target, order);
    }

    private static IResult UnknownShop(ShopifyStore store, string shop) => Problems.NotFound(
        "Unknown shop", $"'{shop}' is not an emulated store; use one of: {string.Join(", ", store.Handles)} (Sandbox:Shopify:Shops adds more).");

    private static IResult UnknownOrder(ShopifyShop shop, long id) =>
        Problems.NotFound("Order not found", $"{shop.Handle} has no order {id}.");
}
