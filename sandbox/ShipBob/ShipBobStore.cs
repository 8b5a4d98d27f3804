using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Integration.Sandbox.Infrastructure;
using Integration.Sandbox.Warehouses;

namespace Integration.Sandbox.ShipBob;

/// <summary>
/// In-memory ShipBob account of one sandbox: orders with their shipments and the stock of one fulfilment
/// network. Committed units are the open shipments' products; shipping takes units off hand.
/// </summary>
internal sealed class ShipBobStore
{
    private const long FirstOrderId = 300_000_001;
    private const long FirstShipmentId = 400_000_001;

    private readonly Lock gate = new();
    private readonly WarehouseStock stock = new(firstInventoryId: 5_000_001);
    private readonly SortedDictionary<long, ShipBobOrder> orders = [];
    private long nextOrderId;
    private long nextShipmentId;
    private long nextTracking;

    public ShipBobStore() => Clear();

    public void Clear()
    {
        lock (gate)
        {
            orders.Clear();
            stock.Seed();
            nextOrderId = FirstOrderId;
            nextShipmentId = FirstShipmentId;
            nextTracking = 1;
        }
    }

    /// <summary>POST /{version}/order: 201 the order; 400 field errors; 422 when the channel already has the reference.</summary>
    public VendorResponse Create(long channelId, JsonNode? body, DateTimeOffset now)
    {
        var (reference, products, errors) = ShipBobOrderReader.Read(body);
        lock (gate)
        {
            foreach (var product in products.Where(p => stock.Find(p.ReferenceId) is null))
            {
                ShipBobOrderReader.Add(errors, $"products[{product.Index}].reference_id",
                    $"Product with reference id '{product.ReferenceId}' does not exist.");
            }

            if (errors.Count > 0)
            {
                return VendorResponse.BadRequest(ShipBobErrors.Fields(errors));
            }

            if (orders.Values.Any(o => o.ChannelId == channelId && string.Equals(o.ReferenceId, reference, StringComparison.Ordinal)))
            {
                return VendorResponse.Of(ShipBobErrors.Field(string.Empty, ShipBobErrors.DuplicateReference), StatusCodes.Status422UnprocessableEntity);
            }

            var lines = products
                .Select(p =>
                {
                    var item = stock.Find(p.ReferenceId)!;
                    return new ShipBobProduct(item.Id, item.Sku, p.Name ?? item.Name, p.Quantity);
                })
                .ToList();
            var order = new ShipBobOrder(nextOrderId++, channelId, reference!, (JsonObject)body!.DeepClone(), lines, now);
            order.Shipments.Add(new ShipBobShipment(nextShipmentId++, [.. lines], now));
            orders[order.Id] = order;
            return VendorResponse.Of(ShipBobJson.Order(order), StatusCodes.Status201Created);
        }
    }

    /// <summary>GET /{version}/order: the orders with any of <paramref name="references"/> (all when null), one page.</summary>
    public (JsonArray Page, int Total) List(IReadOnlyCollection<string>? references, int page, int limit)
    {
        lock (gate)
        {
            var matches = orders.Values
                .Where(o => references is null || references.Contains(o.ReferenceId, StringComparer.Ordinal))
                .ToList();
            return (new JsonArray([.. matches.Skip((page - 1) * limit).Take(limit).Select(o => (JsonNode?)ShipBobJson.Order(o))]), matches.Count);
        }
    }

    public JsonObject? Order(long id)
    {
        lock (gate)
        {
            return orders.TryGetValue(id, out var order) ? ShipBobJson.Order(order) : null;
        }
    }

    /// <summary>GET /{version}/order/{id}/shipment: the order's shipments, or null for an unknown order.</summary>
    public JsonArray? Shipments(long id)
    {
        lock (gate)
        {
            return orders.TryGetValue(id, out var order)
                ? new JsonArray([.. order.Shipments.Select(s => (JsonNode?)ShipBobJson.Shipment(order, s))])
                : null;
        }
    }

    /// <summary>
    /// POST /{version}/order/{id}:cancel: cancels every shipment not yet shipped. Shipped ones fail with a reason;
    /// a shipment cancelled before counts as cancelled again, so a resent cancel reads the same.
    /// </summary>
    public VendorResponse? Cancel(long id, DateTimeOffset now)
    {
        lock (gate)
        {
            if (!orders.TryGetValue(id, out var order))
            {
                return null;
            }

            var results = new JsonArray();
            var succeeded = 0;
            foreach (var shipment in order.Shipments)
            {
                bool success;
                string reason;
                switch (shipment.Status)
                {
                    case ShipBobShipmentStatus.Completed:
                        success = false;
                        reason = "Shipment has already been shipped and cannot be cancelled.";
                        break;
                    case ShipBobShipmentStatus.Cancelled:
                        success = true;
                        reason = "Shipment was already cancelled.";
                        break;
                    default:
                        shipment.Status = ShipBobShipmentStatus.Cancelled;
                        shipment.LastUpdateAt = now;
                        success = true;
                        reason = "Shipment cancelled.";
                        break;
                }

                succeeded += success ? 1 : 0;
                results.Add(new JsonObject
                {
                    ["shipment_id"] = shipment.Id,
                    ["action"] = "Cancel",
                    ["is_success"] = success,
                    ["reason"] = reason,
                });
            }

            var status = succeeded == order.Shipments.Count ? "Success" : succeeded == 0 ? "Failure" : "PartialSuccess";
            return VendorResponse.Ok(new JsonObject
            {
                ["order_id"] = order.Id,
                ["order"] = ShipBobJson.Order(order),
                ["status"] = status,
                ["canceled_shipment_results"] = results,
            });
        }
    }

    /// <summary>GET /{version}/inventory-level: levels ordered by inventory id, optionally only SKUs or names containing <paramref name="search"/>.</summary>
    public List<JsonObject> InventoryLevels(string? search)
    {
        lock (gate)
        {
            return [.. stock.All
                .Where(i => search is null || i.Sku.Contains(search, StringComparison.OrdinalIgnoreCase) || i.Name.Contains(search, StringComparison.OrdinalIgnoreCase))
                .Select(i => ShipBobJson.InventoryLevel(i, Committed(i.Sku)))];
        }
    }

    public JsonObject SetOnHand(string sku, int onHand)
    {
        lock (gate)
        {
            var item = stock.SetOnHand(sku, onHand);
            return AdminStock(item);
        }
    }

    public JsonArray AdminInventory()
    {
        lock (gate)
        {
            return new JsonArray([.. stock.All.Select(i => (JsonNode?)AdminStock(i))]);
        }
    }

    public JsonArray AdminOrders(string? reference)
    {
        lock (gate)
        {
            return new JsonArray([.. orders.Values
                .Where(o => reference is null || string.Equals(o.ReferenceId, reference, StringComparison.Ordinal))
                .Select(o => (JsonNode?)AdminOrder(o))]);
        }
    }

    public JsonObject? AdminOrder(string idOrReference)
    {
        lock (gate)
        {
            return Find(idOrReference) is { } order ? AdminOrder(order) : null;
        }
    }

    /// <summary>Ships <paramref name="request"/>'s lines (all open units when none) with tracking; the rest stays in a new open shipment.</summary>
    public WarehouseChange Ship(string idOrReference, ShipRequest request, DateTimeOffset now)
    {
        lock (gate)
        {
            if (Find(idOrReference) is not { } order)
            {
                return WarehouseChange.NotFound("ShipBob", idOrReference);
            }

            if (order.OpenShipment is not { } open)
            {
                return WarehouseChange.Problem(StatusCodes.Status409Conflict, "Nothing to ship",
                    $"ShipBob order {order.Id} ({order.ReferenceId}) has nothing left to ship: it is {order.Status}.");
            }

            var wanted = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in request.Lines ?? open.Products.Select(p => new ShipLine(p.ReferenceId, p.Quantity)))
            {
                wanted[line.Sku] = wanted.GetValueOrDefault(line.Sku) + line.Quantity;
            }

            foreach (var (sku, quantity) in wanted)
            {
                var openUnits = open.Products.Where(p => string.Equals(p.ReferenceId, sku, StringComparison.OrdinalIgnoreCase)).Sum(p => p.Quantity);
                if (quantity > openUnits)
                {
                    return WarehouseChange.Problem(StatusCodes.Status400BadRequest, "Invalid shipment",
                        $"ShipBob order {order.Id} has {openUnits} unit(s) of '{sku}' left to ship, not {quantity}.");
                }

                var onHand = stock.Find(sku)?.OnHand ?? 0;
                if (quantity > onHand)
                {
                    return WarehouseChange.Problem(StatusCodes.Status409Conflict, "Not enough stock",
                        $"ShipBob holds {onHand} unit(s) of '{sku}' and cannot ship {quantity}; raise it with PUT /_sandbox/shipbob/inventory/{sku}.");
                }
            }

            var shipped = new List<ShipBobProduct>();
            var rest = new List<ShipBobProduct>();
            foreach (var product in open.Products)
            {
                var take = Math.Min(product.Quantity, wanted.GetValueOrDefault(product.ReferenceId));
                wanted[product.ReferenceId] = wanted.GetValueOrDefault(product.ReferenceId) - take;
                if (take > 0)
                {
                    shipped.Add(product with { Quantity = take });
                }

                if (product.Quantity - take > 0)
                {
                    rest.Add(product with { Quantity = product.Quantity - take });
                }
            }

            foreach (var product in shipped)
            {
                stock.Find(product.ReferenceId)!.OnHand -= product.Quantity;
            }

            var carrier = request.Carrier ?? "USPS";
            var number = request.TrackingNumber
                ?? string.Create(CultureInfo.InvariantCulture, $"94001{nextTracking++:D17}");
            open.Products = shipped;
            open.Status = ShipBobShipmentStatus.Completed;
            open.StatusDetails.Clear();
            open.LastUpdateAt = now;
            open.Tracking = new ShipBobTracking(carrier, "Ground", number, $"https://tracking.example.com/{Uri.EscapeDataString(carrier)}/{Uri.EscapeDataString(number)}", now);
            if (rest.Count > 0)
            {
                order.Shipments.Add(new ShipBobShipment(nextShipmentId++, rest, now));
            }

            return Changed(order, open, "order.shipped");
        }
    }

    /// <summary>Puts the open shipment into Exception, OnHold or Cancelled (a cancelled shipment's units are no longer committed).</summary>
    public WarehouseChange ChangeOpenShipment(string idOrReference, string status, string topic, string description, DateTimeOffset now)
    {
        lock (gate)
        {
            if (Find(idOrReference) is not { } order)
            {
                return WarehouseChange.NotFound("ShipBob", idOrReference);
            }

            if (order.OpenShipment is not { } open)
            {
                return WarehouseChange.Problem(StatusCodes.Status409Conflict, "No open shipment",
                    $"ShipBob order {order.Id} ({order.ReferenceId}) has no shipment left that is not shipped or cancelled: it is {order.Status}.");
            }

            open.Status = status;
            open.StatusDetails.Clear();
            open.StatusDetails.Add((status, description));
            open.LastUpdateAt = now;
            return Changed(order, open, topic);
        }
    }

    public void RecordWebhook(string orderId, WebhookRecord record)
    {
        lock (gate)
        {
            if (Find(orderId) is { } order)
            {
                order.Webhooks.Add(record);
            }
        }
    }

    private static WarehouseChange Changed(ShipBobOrder order, ShipBobShipment shipment, string topic)
    {
        var json = ShipBobJson.Shipment(order, shipment);
        return new WarehouseChange(StatusCodes.Status200OK, null, null, order.Id.ToString(CultureInfo.InvariantCulture), json,
            shipment.Id.ToString(CultureInfo.InvariantCulture), topic, Encoding.UTF8.GetBytes(JsonText.Of(json)));
    }

    // By ShipBob order id first, else by the reference the product gave it (its order key).
    private ShipBobOrder? Find(string idOrReference)
    {
        if (long.TryParse(idOrReference, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && orders.TryGetValue(id, out var byId))
        {
            return byId;
        }

        return orders.Values.FirstOrDefault(o => string.Equals(o.ReferenceId, idOrReference, StringComparison.Ordinal));
    }

    private int Committed(string sku) => orders.Values
        .SelectMany(o => o.Shipments)
        .Where(s => s.IsOpen)
        .SelectMany(s => s.Products)
        .Where(p => string.Equals(p.ReferenceId, sku, StringComparison.OrdinalIgnoreCase))
        .Sum(p => p.Quantity);

    private JsonObject AdminStock(StockItem item)
    {
        var committed = Committed(item.Sku);
        return new JsonObject
        {
            ["sku"] = item.Sku,
            ["name"] = item.Name,
            ["inventory_id"] = item.Id,
            ["on_hand"] = item.OnHand,
            ["committed"] = committed,
            ["available"] = Math.Max(0, item.OnHand - committed),
        };
    }

    private static JsonObject AdminOrder(ShipBobOrder order) => new()
    {
        ["id"] = order.Id,
        ["reference_id"] = order.ReferenceId,
        ["order_number"] = order.Request["order_number"]?.DeepClone(),
        ["channel_id"] = order.ChannelId,
        ["status"] = order.Status,
        ["created_date"] = WarehouseTimes.Iso(order.CreatedAt),
        ["lines"] = new JsonArray([.. order.Products.Select(p => (JsonNode?)new JsonObject
        {
            ["sku"] = p.ReferenceId,
            ["name"] = p.Name,
            ["quantity"] = p.Quantity,
            ["shipped"] = order.Shipped(p.ReferenceId),
        })]),
        ["shipments"] = new JsonArray([.. order.Shipments.Select(s => (JsonNode?)ShipBobJson.Shipment(order, s))]),
        ["webhooks"] = new JsonArray([.. order.Webhooks.Select(w => (JsonNode?)w.ToJson())]),
    };
}
