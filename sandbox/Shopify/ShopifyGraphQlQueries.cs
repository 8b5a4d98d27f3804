using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Integration.Sandbox.Shopify;

/// <summary>The two query root fields: order (its fulfilment orders and fulfilments) and inventoryItems (by SKU).</summary>
internal static partial class ShopifyGraphQlQueries
{
    /// <summary>order(id:) → the order with the connections the document names; null for an order the shop does not have.</summary>
    public static JsonNode? Order(ShopifyShop shop, ShopifyGraphQlDocument document)
    {
        var id = ShopifyGraphQlInput.RequiredString(ShopifyGraphQlInput.Argument(document, "id"), "id");
        if (!ShopifyIds.TryParseGid(id, "Order", out var orderId))
        {
            throw new ShopifyGraphQlException($"Invalid global id '{id}'", "argumentLiteralsIncompatible");
        }

        lock (shop.Gate)
        {
            if (!shop.Orders.TryGetValue(orderId, out var order))
            {
                return null;
            }

            var json = new JsonObject { ["id"] = id, ["name"] = order.Name };
            if (FulfillmentOrdersField().IsMatch(document.SelectionText))
            {
                var nodes = new JsonArray();
                foreach (var fo in order.FulfillmentOrders)
                {
                    nodes.Add(ShopifyJson.FulfillmentOrderNode(fo));
                }

                json["fulfillmentOrders"] = new JsonObject { ["nodes"] = nodes };
            }

            if (FulfillmentsField().IsMatch(document.SelectionText))
            {
                var list = new JsonArray();
                foreach (var fulfillment in order.Fulfillments)
                {
                    list.Add(ShopifyJson.FulfillmentNode(fulfillment));
                }

                json["fulfillments"] = list;
            }

            return json;
        }
    }

    /// <summary>inventoryItems(first:, query: "sku:X") → { nodes: [{ id sku inventoryLevels { nodes: [{ location { id } quantities }] } }] }.</summary>
    public static JsonNode InventoryItems(ShopifyShop shop, ShopifyGraphQlDocument document)
    {
        var first = ShopifyGraphQlInput.OptionalInt(ShopifyGraphQlInput.Argument(document, "first"), "first")
            ?? throw new ShopifyGraphQlException("you must provide one of first or last", "argumentLiteralsIncompatible");
        var query = ShopifyGraphQlInput.OptionalString(ShopifyGraphQlInput.Argument(document, "query"), "query");
        string? sku = null;
        if (query is not null)
        {
            var match = SkuQuery().Match(query);
            if (!match.Success)
            {
                throw new ShopifyGraphQlException(
                    $"The sandbox searches inventory items by \"sku:<sku>\" only (got \"{query}\").", "unsupportedBySandbox");
            }

            sku = match.Groups["sku"].Value;
        }

        var names = QuantityNames(document.SelectionText);
        var nodes = new JsonArray();
        lock (shop.Gate)
        {
            var items = shop.Inventory.Values
                .Where(i => sku is null || string.Equals(i.Sku, sku, StringComparison.OrdinalIgnoreCase))
                .OrderBy(i => i.Id)
                .Take(Math.Max(0, first));
            foreach (var item in items)
            {
                var quantities = new JsonArray();
                foreach (var name in names)
                {
                    quantities.Add(new JsonObject { ["name"] = name, ["quantity"] = item.Quantity(name) });
                }

                nodes.Add(new JsonObject
                {
                    ["id"] = ShopifyIds.Gid("InventoryItem", item.Id),
                    ["sku"] = item.Sku,
                    ["tracked"] = true,
                    ["inventoryLevels"] = new JsonObject
                    {
                        ["nodes"] = new JsonArray(new JsonObject
                        {
                            ["location"] = new JsonObject { ["id"] = ShopifyIds.Gid("Location", shop.LocationId) },
                            ["quantities"] = quantities,
                        }),
                    },
                });
            }
        }

        return new JsonObject { ["nodes"] = nodes };
    }

    // quantities(names: ["available", "on_hand"]) → those names; the sandbox knows available, committed and on_hand.
    private static IReadOnlyList<string> QuantityNames(string selection)
    {
        var match = QuantitiesArgument().Match(selection);
        if (!match.Success)
        {
            return ["available"];
        }

        var names = QuotedName().Matches(match.Groups["names"].Value).Select(m => m.Groups[1].Value).ToList();
        var unknown = names.FirstOrDefault(n => n is not ("available" or "committed" or "on_hand"));
        return unknown is not null
            ? throw new ShopifyGraphQlException(
                $"The sandbox keeps the quantities available, committed and on_hand only (asked for \"{unknown}\").", "unsupportedBySandbox")
            : names;
    }

    [GeneratedRegex(@"\bfulfillmentOrders\b")]
    private static partial Regex FulfillmentOrdersField();

    [GeneratedRegex(@"\bfulfillments\b")]
    private static partial Regex FulfillmentsField();

    [GeneratedRegex(@"^\s*sku:\s*(?:""(?<sku>[^""]*)""|'(?<sku>[^']*)'|(?<sku>\S+))\s*$")]
    private static partial Regex SkuQuery();

    [GeneratedRegex(@"quantities\s*\(\s*names\s*:\s*\[(?<names>[^\]]*)\]")]
    private static partial Regex QuantitiesArgument();

    [GeneratedRegex(@"""([^""]*)""")]
    private static partial Regex QuotedName();
}
