using System.Globalization;
using System.Text.Json.Nodes;

namespace Integration.Sandbox.Shopify;

/// <summary>
/// fulfillmentCreate(fulfillment: FulfillmentInput!): all or nothing. Business refusals (unknown ids, a closed or
/// cancelled fulfilment order, a quantity above what remains) are userErrors on HTTP 200, as Shopify answers them.
/// Success lowers remainingQuantity (closing the fulfilment order at 0), records the fulfilment with its tracking and
/// moves the units from committed to shipped, so on_hand drops. Like Shopify it is not idempotent.
/// </summary>
internal static class ShopifyFulfillmentWrites
{
    public static JsonObject Create(ShopifyShop shop, ShopifyIds ids, ShopifyGraphQlDocument document, DateTimeOffset now)
    {
        var input = ShopifyGraphQlInput.RequiredObject(ShopifyGraphQlInput.Argument(document, "fulfillment"), "fulfillment");
        var groups = ShopifyGraphQlInput.RequiredArray(input["lineItemsByFulfillmentOrder"], "fulfillment.lineItemsByFulfillmentOrder");
        var tracking = ReadTracking(input["trackingInfo"]);
        var notify = ShopifyGraphQlInput.OptionalBool(input["notifyCustomer"], "fulfillment.notifyCustomer", false);

        lock (shop.Gate)
        {
            var errors = new JsonArray();
            var requested = new List<(ShopifyFulfillmentOrder Order, ShopifyFulfillmentOrderLine Line, int Quantity)>();
            if (groups.Count == 0)
            {
                errors.Add(UserError(["fulfillment", "lineItemsByFulfillmentOrder"], "Line items by fulfillment order can't be blank."));
            }

            for (var g = 0; g < groups.Count; g++)
            {
                var path = $"fulfillment.lineItemsByFulfillmentOrder[{g}]";
                var group = ShopifyGraphQlInput.RequiredObject(groups[g], path);
                var foId = ShopifyGraphQlInput.RequiredString(group["fulfillmentOrderId"], path + ".fulfillmentOrderId");
                string[] field = ["fulfillment", "lineItemsByFulfillmentOrder", G(g), "fulfillmentOrderId"];
                if (!ShopifyIds.TryParseGid(foId, "FulfillmentOrder", out var foNumber) || shop.FindFulfillmentOrder(foNumber) is not { } fo)
                {
                    errors.Add(UserError(field, "Fulfillment order does not exist."));
                    continue;
                }

                if (!fo.IsFulfillable)
                {
                    errors.Add(UserError(field, $"Fulfillment order {foId} has an unfulfillable status= {fo.Status.ToLowerInvariant()}."));
                    continue;
                }

                if (group["fulfillmentOrderLineItems"] is null)
                {
                    // No lines: everything that remains on the fulfilment order.
                    requested.AddRange(fo.Lines.Where(l => l.RemainingQuantity > 0).Select(l => (fo, l, l.RemainingQuantity)));
                    continue;
                }

                var lines = ShopifyGraphQlInput.RequiredArray(group["fulfillmentOrderLineItems"], path + ".fulfillmentOrderLineItems");
                for (var i = 0; i < lines.Count; i++)
                {
                    var linePath = $"{path}.fulfillmentOrderLineItems[{i}]";
                    var lineInput = ShopifyGraphQlInput.RequiredObject(lines[i], linePath);
                    var lineId = ShopifyGraphQlInput.RequiredString(lineInput["id"], linePath + ".id");
                    var quantity = ShopifyGraphQlInput.OptionalInt(lineInput["quantity"], linePath + ".quantity")
                        ?? throw new ShopifyGraphQlException($"Variable input is invalid: '{linePath}.quantity' must be an Int (it is required).", "INVALID_VARIABLE");
                    string[] lineField = ["fulfillment", "lineItemsByFulfillmentOrder", G(g), "fulfillmentOrderLineItems", G(i), "id"];
                    var line = ShopifyIds.TryParseGid(lineId, "FulfillmentOrderLineItem", out var lineNumber)
                        ? fo.Lines.FirstOrDefault(l => l.Id == lineNumber)
                        : null;
                    if (line is null)
                    {
                        errors.Add(UserError(lineField, "Fulfillment order line item does not exist."));
                        continue;
                    }

                    requested.Add((fo, line, quantity));
                }
            }

            // A line named twice counts once with the sum, so two entries cannot together exceed what remains.
            foreach (var byLine in requested.GroupBy(r => r.Line))
            {
                var total = byLine.Sum(r => r.Quantity);
                if (byLine.Any(r => r.Quantity <= 0) || total > byLine.Key.RemainingQuantity)
                {
                    errors.Add(UserError(
                        ["fulfillment", "lineItemsByFulfillmentOrder"],
                        $"Invalid fulfillment order line item quantity requested: {ShopifyIds.Gid("FulfillmentOrderLineItem", byLine.Key.Id)} has {byLine.Key.RemainingQuantity} remaining, {total} requested."));
                }
            }

            if (requested.Select(r => r.Order.OrderId).Distinct().Count() > 1)
            {
                errors.Add(UserError(["fulfillment", "lineItemsByFulfillmentOrder"], "All fulfillment orders must belong to the same order."));
            }

            if (errors.Count == 0 && requested.Count == 0)
            {
                errors.Add(UserError(["fulfillment", "lineItemsByFulfillmentOrder"], "The fulfillment orders have nothing left to fulfil."));
            }

            if (errors.Count > 0)
            {
                return new JsonObject { ["fulfillment"] = null, ["userErrors"] = errors };
            }

            var shipped = new List<ShopifyFulfillmentLine>();
            foreach (var (fo, line, quantity) in requested)
            {
                line.RemainingQuantity -= quantity;
                line.LineItem.FulfilledQuantity += quantity;
                line.LineItem.Item.Committed -= quantity;
                shipped.Add(new ShopifyFulfillmentLine(fo.Id, line.Id, line.LineItem.Id, line.LineItem.Item.Sku, quantity));
            }

            foreach (var fo in requested.Select(r => r.Order).Distinct())
            {
                fo.Status = fo.Lines.All(l => l.RemainingQuantity == 0) ? ShopifyFulfillmentOrder.Closed : ShopifyFulfillmentOrder.InProgress;
            }

            var fulfillment = new ShopifyFulfillment(ids.NextFulfillment(), now, tracking, shipped, notify);
            var order = shop.Orders[requested[0].Order.OrderId];
            order.Fulfillments.Add(fulfillment);
            order.UpdatedAt = now;
            return new JsonObject { ["fulfillment"] = ShopifyJson.FulfillmentNode(fulfillment), ["userErrors"] = new JsonArray() };
        }
    }

    // trackingInfo { company number url } or { company numbers urls }: one entry per number.
    private static IReadOnlyList<ShopifyTracking> ReadTracking(JsonNode? node)
    {
        if (node is null)
        {
            return [];
        }

        var info = ShopifyGraphQlInput.RequiredObject(node, "fulfillment.trackingInfo");
        var company = ShopifyGraphQlInput.OptionalString(info["company"], "fulfillment.trackingInfo.company");
        var number = ShopifyGraphQlInput.OptionalString(info["number"], "fulfillment.trackingInfo.number");
        var url = ShopifyGraphQlInput.OptionalString(info["url"], "fulfillment.trackingInfo.url");
        if (info["numbers"] is null)
        {
            return number is null && url is null && company is null ? [] : [new ShopifyTracking(company, number, url)];
        }

        var numbers = ShopifyGraphQlInput.RequiredArray(info["numbers"], "fulfillment.trackingInfo.numbers");
        var urls = info["urls"] is null ? [] : ShopifyGraphQlInput.RequiredArray(info["urls"], "fulfillment.trackingInfo.urls");
        var result = new List<ShopifyTracking>();
        for (var i = 0; i < numbers.Count; i++)
        {
            result.Add(new ShopifyTracking(
                company,
                ShopifyGraphQlInput.OptionalString(numbers[i], $"fulfillment.trackingInfo.numbers[{i}]"),
                i < urls.Count ? ShopifyGraphQlInput.OptionalString(urls[i], $"fulfillment.trackingInfo.urls[{i}]") : null));
        }

        return result;
    }

    private static string G(int index) => index.ToString(CultureInfo.InvariantCulture);

    public static JsonObject UserError(string[] field, string message) => new()
    {
        ["field"] = new JsonArray([.. field.Select(f => (JsonNode?)f)]),
        ["message"] = message,
    };
}
