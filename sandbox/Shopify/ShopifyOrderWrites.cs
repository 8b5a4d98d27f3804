namespace Integration.Sandbox.Shopify;

/// <summary>
/// What happens in a store when an order is placed or cancelled (vendor-apis-2.md §1.1): placing lowers available and
/// raises committed per line and opens one fulfilment order; cancelling cancels the open fulfilment orders and
/// restocks the units not yet fulfilled (committed back to available). Callers hold the shop's gate.
/// </summary>
internal static class ShopifyOrderWrites
{
    public static readonly IReadOnlySet<string> CancelReasons =
        new HashSet<string>(StringComparer.Ordinal) { "customer", "declined", "fraud", "inventory", "other", "staff" };

    /// <summary>The order, or why it cannot be placed (an id in use, a SKU the store does not sell).</summary>
    public static ShopifyOrder? Place(ShopifyShop shop, ShopifyIds ids, ShopifyOrderRequest request, DateTimeOffset now, out string error, out bool conflict)
    {
        error = string.Empty;
        conflict = false;
        if (request.Id is { } requested && shop.Orders.ContainsKey(requested))
        {
            error = $"Order {requested} already exists in {shop.Handle}; cancel or update it, or leave 'id' out for a new one.";
            conflict = true;
            return null;
        }

        foreach (var line in request.Lines)
        {
            if (!shop.Inventory.ContainsKey(line.Sku))
            {
                error = $"'{line.Sku}' is not sold by {shop.Handle}; seed it first with PUT /_sandbox/shopify/{shop.Handle}/inventory/{line.Sku}.";
                return null;
            }
        }

        var orderId = request.Id ?? NextFreeId(shop, ids);
        var lines = request.Lines.Select(l =>
        {
            var item = shop.Inventory[l.Sku];
            return new ShopifyLineItem
            {
                Id = ids.NextLineItem(),
                Item = item,
                Title = l.Title ?? item.Title,
                Quantity = l.Quantity,
                Price = l.Price ?? item.Price,
            };
        }).ToList();

        var order = new ShopifyOrder
        {
            Id = orderId,
            Number = shop.NextOrderNumber(),
            Email = request.Email ?? ShopifyOrderRequest.DefaultEmail,
            CustomerId = ids.NextCustomer(),
            ShippingAddress = request.AddressGiven ? request.ShippingAddress : ShopifyOrderRequest.DefaultAddress(),
            Lines = lines,
            CreatedAt = now,
            UpdatedAt = now,
        };

        order.FulfillmentOrders.Add(new ShopifyFulfillmentOrder
        {
            Id = ids.NextFulfillmentOrder(),
            OrderId = orderId,
            Lines = [.. lines.Select(l => new ShopifyFulfillmentOrderLine
            {
                Id = ids.NextFulfillmentOrderLine(),
                LineItem = l,
                TotalQuantity = l.Quantity,
                RemainingQuantity = l.Quantity,
            })],
        });

        // Stock is committed as the order is placed; available may go below zero (an oversold store), as Shopify allows.
        foreach (var line in lines)
        {
            line.Item.Available -= line.Quantity;
            line.Item.Committed += line.Quantity;
        }

        shop.Orders[orderId] = order;
        return order;
    }

    /// <summary>Cancels an order; false (with the reason) when it is already cancelled.</summary>
    public static bool Cancel(ShopifyOrder order, string reason, DateTimeOffset now, out string error)
    {
        error = string.Empty;
        if (order.CancelledAt is not null)
        {
            error = $"Order {order.Id} has already been cancelled.";
            return false;
        }

        foreach (var fo in order.FulfillmentOrders.Where(f => f.IsFulfillable))
        {
            foreach (var line in fo.Lines.Where(l => l.RemainingQuantity > 0))
            {
                line.LineItem.Item.Committed -= line.RemainingQuantity;
                line.LineItem.Item.Available += line.RemainingQuantity;
                line.LineItem.RemovedQuantity += line.RemainingQuantity;
                line.RemainingQuantity = 0;
            }

            fo.Status = ShopifyFulfillmentOrder.Cancelled;
        }

        order.CancelledAt = now;
        order.CancelReason = reason;
        order.UpdatedAt = now;
        return true;
    }

    // Auto ids continue from a large base; an id a test chose explicitly is skipped over.
    private static long NextFreeId(ShopifyShop shop, ShopifyIds ids)
    {
        long id;
        do
        {
            id = ids.NextOrder();
        }
        while (shop.Orders.ContainsKey(id));

        return id;
    }
}
