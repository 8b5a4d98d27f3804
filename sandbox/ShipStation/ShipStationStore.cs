using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Integration.Sandbox.Infrastructure;
using Integration.Sandbox.Warehouses;

namespace Integration.Sandbox.ShipStation;

/// <summary>
/// In-memory ShipStation account of one sandbox: orders upserted by orderKey, label-generated shipments in batches,
/// and the v2 inventory. Allocated units are the open orders' unshipped ones; SKUs the inventory does not know are
/// accepted (ShipStation does not check them) and move no stock.
/// </summary>
internal sealed class ShipStationStore
{
    private const long FirstOrderId = 100_000_001;
    private const long FirstItemId = 700_000_001;
    private const long FirstShipmentId = 200_000_001;
    private const long FirstBatchId = 300_001;

    private readonly Lock gate = new();
    private readonly WarehouseStock stock = new(firstInventoryId: 1);
    private readonly SortedDictionary<long, ShipStationOrder> orders = [];
    private long nextOrderId;
    private long nextItemId;
    private long nextShipmentId;
    private long nextBatchId;
    private long nextTracking;

    public ShipStationStore(TimeProvider time)
    {
        RateWindow = new ShipStationRateWindow(time);
        Clear();
    }

    public ShipStationRateWindow RateWindow { get; }

    public void Clear()
    {
        lock (gate)
        {
            orders.Clear();
            stock.Seed();
            RateWindow.Reset();
            nextOrderId = FirstOrderId;
            nextItemId = FirstItemId;
            nextShipmentId = FirstShipmentId;
            nextBatchId = FirstBatchId;
            nextTracking = 1;
        }
    }

    /// <summary>
    /// POST /orders/createorder: creates, or updates the order with the same orderId or orderKey (the whole body is
    /// replaced). A shipped or cancelled order is locked: 400 with a ModelState entry and nothing changes.
    /// </summary>
    public VendorResponse CreateOrUpdate(JsonNode? body, DateTimeOffset now)
    {
        var (input, errors) = ShipStationOrderReader.Read(body);
        if (input is null)
        {
            return VendorResponse.BadRequest(ShipStationErrors.Invalid(errors));
        }

        lock (gate)
        {
            ShipStationOrder? order;
            if (input.OrderId is { } id)
            {
                if (!orders.TryGetValue(id, out order))
                {
                    return VendorResponse.BadRequest(ShipStationErrors.Invalid("apiOrder.orderId", $"Order {id} was not found."));
                }
            }
            else
            {
                order = input.OrderKey is null ? null : orders.Values.FirstOrDefault(o => o.OrderKey == input.OrderKey);
            }

            if (order is not null && ShipStationOrderStatus.IsLocked(order.Status))
            {
                return VendorResponse.BadRequest(ShipStationErrors.Invalid(
                    "apiOrder", $"Order {order.OrderId} is {order.Status} and cannot be updated."));
            }

            if (order is null)
            {
                order = new ShipStationOrder(nextOrderId++, input.OrderKey ?? Guid.NewGuid().ToString("N"), now);
                orders[order.OrderId] = order;
            }

            var previous = order.Items;
            order.Body = (JsonObject)input.Body.DeepClone();
            order.Status = input.Status;
            order.ModifiedAt = now;
            order.Items = [.. input.Items.Select(i =>
            {
                var match = previous.FirstOrDefault(p => p.MatchKey == (i.LineItemKey ?? i.Sku ?? string.Empty));
                previous.Remove(match!);
                return new ShipStationItem(match?.OrderItemId ?? nextItemId++, (JsonObject)i.Body.DeepClone(), i.LineItemKey, i.Sku, i.Quantity)
                {
                    Shipped = Math.Min(match?.Shipped ?? 0, i.Quantity),
                };
            })];
            return VendorResponse.Ok(ShipStationJson.Order(order));
        }
    }

    /// <summary>GET /orders: orderNumber is a starts-with match (ignoring case), as ShipStation's is; one page ordered by orderId.</summary>
    public JsonObject ListOrders(string? orderNumber, string? orderStatus, int page, int pageSize)
    {
        lock (gate)
        {
            var matches = orders.Values
                .Where(o => orderNumber is null || o.OrderNumber.StartsWith(orderNumber, StringComparison.OrdinalIgnoreCase))
                .Where(o => orderStatus is null || o.Status == orderStatus)
                .ToList();
            return Page("orders", matches.Skip((page - 1) * pageSize).Take(pageSize).Select(ShipStationJson.Order), matches.Count, page, pageSize);
        }
    }

    public JsonObject? Order(long orderId)
    {
        lock (gate)
        {
            return orders.TryGetValue(orderId, out var order) ? ShipStationJson.Order(order) : null;
        }
    }

    /// <summary>GET /shipments with its filters (every one optional); shipmentItems only when asked for.</summary>
    public JsonObject ListShipments(long? batchId, long? orderId, string? orderNumber, string? trackingNumber, bool includeItems, int page, int pageSize)
    {
        lock (gate)
        {
            var matches = orders.Values
                .SelectMany(o => o.Shipments.Select(s => (Order: o, Shipment: s)))
                .Where(x => batchId is null || x.Shipment.BatchId == batchId)
                .Where(x => orderId is null || x.Order.OrderId == orderId)
                .Where(x => orderNumber is null || x.Order.OrderNumber.StartsWith(orderNumber, StringComparison.OrdinalIgnoreCase))
                .Where(x => trackingNumber is null || x.Shipment.TrackingNumber == trackingNumber)
                .OrderBy(x => x.Shipment.ShipmentId)
                .ToList();
            return Page("shipments", matches.Skip((page - 1) * pageSize).Take(pageSize)
                .Select(x => ShipStationJson.Shipment(x.Order, x.Shipment, includeItems)), matches.Count, page, pageSize);
        }
    }

    /// <summary>GET /v2/inventory: levels of the known SKUs (or one), ordered as seeded.</summary>
    public (List<JsonObject> Levels, int Total) Inventory(string? sku, int page, int pageSize)
    {
        lock (gate)
        {
            var matches = stock.All.Where(i => sku is null || string.Equals(i.Sku, sku, StringComparison.OrdinalIgnoreCase)).ToList();
            return ([.. matches.Skip((page - 1) * pageSize).Take(pageSize).Select(i => ShipStationJson.InventoryLevel(i, Allocated(i.Sku)))], matches.Count);
        }
    }

    public JsonObject SetOnHand(string sku, int onHand)
    {
        lock (gate)
        {
            return AdminStock(stock.SetOnHand(sku, onHand));
        }
    }

    public JsonArray AdminInventory()
    {
        lock (gate)
        {
            return new JsonArray([.. stock.All.Select(i => (JsonNode?)AdminStock(i))]);
        }
    }

    public JsonArray AdminOrders(string? orderKey)
    {
        lock (gate)
        {
            return new JsonArray([.. orders.Values
                .Where(o => orderKey is null || o.OrderKey == orderKey)
                .Select(o => (JsonNode?)AdminOrder(o))]);
        }
    }

    public JsonObject? AdminOrder(string idOrKey)
    {
        lock (gate)
        {
            return Find(idOrKey) is { } order ? AdminOrder(order) : null;
        }
    }

    /// <summary>
    /// Generates a label for <paramref name="request"/>'s lines (all unshipped units when none) in a batch of its own;
    /// the order becomes shipped once every unit is. The change carries the batch id the SHIP_NOTIFY points at.
    /// </summary>
    public (WarehouseChange Change, long BatchId) Ship(string idOrKey, ShipRequest request, DateTimeOffset now)
    {
        lock (gate)
        {
            if (Find(idOrKey) is not { } order)
            {
                return (WarehouseChange.NotFound("ShipStation", idOrKey), 0);
            }

            if (order.Status != ShipStationOrderStatus.AwaitingShipment)
            {
                return (WarehouseChange.Problem(StatusCodes.Status409Conflict, "Order cannot ship",
                    $"ShipStation order {order.OrderId} ({order.OrderKey}) is {order.Status}; only awaiting_shipment orders ship."), 0);
            }

            var wanted = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in request.Lines ?? order.Items.Where(i => i.Open > 0).Select(i => new ShipLine(i.Sku ?? string.Empty, i.Open)))
            {
                wanted[line.Sku] = wanted.GetValueOrDefault(line.Sku) + line.Quantity;
            }

            if (wanted.Values.Sum() == 0)
            {
                return (WarehouseChange.Problem(StatusCodes.Status409Conflict, "Nothing to ship",
                    $"ShipStation order {order.OrderId} ({order.OrderKey}) has no unshipped units."), 0);
            }

            foreach (var (sku, quantity) in wanted)
            {
                var open = order.Items.Where(i => string.Equals(i.Sku ?? string.Empty, sku, StringComparison.OrdinalIgnoreCase)).Sum(i => i.Open);
                if (quantity > open)
                {
                    return (WarehouseChange.Problem(StatusCodes.Status400BadRequest, "Invalid shipment",
                        $"ShipStation order {order.OrderId} has {open} unit(s) of '{sku}' left to ship, not {quantity}."), 0);
                }

                if (stock.Find(sku) is { } item && quantity > item.OnHand)
                {
                    return (WarehouseChange.Problem(StatusCodes.Status409Conflict, "Not enough stock",
                        $"ShipStation holds {item.OnHand} unit(s) of '{sku}' and cannot ship {quantity}; raise it with PUT /_sandbox/shipstation/inventory/{sku}."), 0);
                }
            }

            var lines = new List<(ShipStationItem Item, int Quantity)>();
            foreach (var item in order.Items)
            {
                var key = item.Sku ?? string.Empty;
                var take = Math.Min(item.Open, wanted.GetValueOrDefault(key));
                if (take <= 0)
                {
                    continue;
                }

                wanted[key] -= take;
                item.Shipped += take;
                if (stock.Find(item.Sku) is { } held)
                {
                    held.OnHand -= take;
                }

                lines.Add((item, take));
            }

            var shipment = new ShipStationShipment(
                nextShipmentId++, nextBatchId++, now,
                request.TrackingNumber ?? string.Create(CultureInfo.InvariantCulture, $"1ZSANDBOX{nextTracking++:D9}"),
                request.Carrier ?? "ups", "ups_ground", lines);
            order.Shipments.Add(shipment);
            if (order.Items.All(i => i.Open == 0))
            {
                order.Status = ShipStationOrderStatus.Shipped;
            }

            order.ModifiedAt = now;
            var json = ShipStationJson.Shipment(order, shipment, includeItems: true);
            return (new WarehouseChange(StatusCodes.Status200OK, null, null, order.OrderId.ToString(CultureInfo.InvariantCulture), json,
                shipment.ShipmentId.ToString(CultureInfo.InvariantCulture), "SHIP_NOTIFY", null), shipment.BatchId);
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

    private static JsonObject Page(string name, IEnumerable<JsonObject> items, int total, int page, int pageSize) => new()
    {
        [name] = new JsonArray([.. items.Select(i => (JsonNode?)i)]),
        ["total"] = total,
        ["page"] = page,
        ["pages"] = (total + pageSize - 1) / pageSize,
    };

    // By ShipStation orderId first, else by the orderKey the product gave it (its order key).
    private ShipStationOrder? Find(string idOrKey)
    {
        if (long.TryParse(idOrKey, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && orders.TryGetValue(id, out var byId))
        {
            return byId;
        }

        return orders.Values.FirstOrDefault(o => o.OrderKey == idOrKey);
    }

    private int Allocated(string sku) => orders.Values
        .Where(o => ShipStationOrderStatus.Allocates(o.Status))
        .SelectMany(o => o.Items)
        .Where(i => string.Equals(i.Sku, sku, StringComparison.OrdinalIgnoreCase))
        .Sum(i => i.Open);

    private JsonObject AdminStock(StockItem item)
    {
        var allocated = Allocated(item.Sku);
        return new JsonObject
        {
            ["sku"] = item.Sku,
            ["name"] = item.Name,
            ["on_hand"] = item.OnHand,
            ["allocated"] = allocated,
            ["available"] = Math.Max(0, item.OnHand - allocated),
        };
    }

    private static JsonObject AdminOrder(ShipStationOrder order) => new()
    {
        ["orderId"] = order.OrderId,
        ["orderKey"] = order.OrderKey,
        ["orderNumber"] = order.OrderNumber,
        ["orderStatus"] = order.Status,
        ["createDate"] = ShipStationJson.Time(order.CreatedAt),
        ["modifyDate"] = ShipStationJson.Time(order.ModifiedAt),
        ["lines"] = new JsonArray([.. order.Items.Select(i => (JsonNode?)new JsonObject
        {
            ["lineItemKey"] = i.LineItemKey,
            ["sku"] = i.Sku,
            ["name"] = i.Body["name"]?.DeepClone(),
            ["quantity"] = i.Quantity,
            ["shipped"] = i.Shipped,
        })]),
        ["shipments"] = new JsonArray([.. order.Shipments.Select(s => (JsonNode?)new JsonObject
        {
            ["shipmentId"] = s.ShipmentId,
            ["batchId"] = s.BatchId,
            ["trackingNumber"] = s.TrackingNumber,
            ["carrierCode"] = s.CarrierCode,
            ["serviceCode"] = s.ServiceCode,
            ["shipDate"] = ShipStationJson.Time(s.CreatedAt),
            ["voided"] = false,
            ["items"] = new JsonArray([.. s.Items.Select(x => (JsonNode?)new JsonObject { ["sku"] = x.Item.Sku, ["quantity"] = x.Quantity })]),
        })]),
        ["webhooks"] = new JsonArray([.. order.Webhooks.Select(w => (JsonNode?)w.ToJson())]),
    };
}
