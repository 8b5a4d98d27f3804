using System.Globalization;
using System.Text.Json.Nodes;
using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.Shopify;

/// <summary>
/// inventorySetQuantities(input:) with 2026-01 semantics: an absolute set of "available" or "on_hand", each row
/// compare-and-set against compareQuantity (COMPARE_QUANTITY_STALE on a mismatch, COMPARE_QUANTITY_REQUIRED when it
/// is missing and ignoreCompareQuantity is not true), all rows or none. Under @idempotent(key:) the first answer is
/// kept: the same key with the same input answers it again without applying anything; with a different input it
/// is refused (IDEMPOTENCY_KEY_PARAMETER_MISMATCH), since a distinct change needs a distinct key.
/// </summary>
internal static class ShopifyInventoryWrites
{
    // Shopify's reasons for inventory changes; anything else is INVALID_REASON.
    private static readonly HashSet<string> Reasons = new(StringComparer.Ordinal)
    {
        "correction", "cycle_count_available", "damaged", "movement_canceled", "movement_created", "movement_received",
        "movement_updated", "other", "promotion", "quality_control", "received", "reservation_created",
        "reservation_deleted", "reservation_updated", "restock", "safety_stock", "shrinkage",
    };

    public static JsonNode SetQuantities(ShopifyShop shop, ShopifyIds ids, ShopifyGraphQlDocument document, DateTimeOffset now)
    {
        var inputNode = ShopifyGraphQlInput.Argument(document, "input");
        var input = ShopifyGraphQlInput.RequiredObject(inputNode, "input");
        var key = document.IdempotencyKey;
        var fingerprint = JsonText.Of(input);
        lock (shop.Gate)
        {
            if (key is not null && shop.IdempotentAnswers.TryGetValue(key, out var answered))
            {
                return answered.Fingerprint == fingerprint
                    ? JsonNode.Parse(answered.Data)!
                    : Refused(new JsonArray(UserError(null, "IDEMPOTENCY_KEY_PARAMETER_MISMATCH",
                        $"The idempotency key '{key}' was already used with different input; use a new key for a different change.")));
            }

            var result = Apply(shop, ids, input, key, now);
            if (key is not null)
            {
                shop.IdempotentAnswers[key] = new ShopifyIdempotentAnswer(fingerprint, JsonText.Of(result));
            }

            return result;
        }
    }

    private static JsonObject Apply(ShopifyShop shop, ShopifyIds ids, JsonObject input, string? key, DateTimeOffset now)
    {
        var name = ShopifyGraphQlInput.RequiredString(input["name"], "input.name");
        var reason = ShopifyGraphQlInput.RequiredString(input["reason"], "input.reason");
        var reference = ShopifyGraphQlInput.OptionalString(input["referenceDocumentUri"], "input.referenceDocumentUri");
        var ignoreCompare = ShopifyGraphQlInput.OptionalBool(input["ignoreCompareQuantity"], "input.ignoreCompareQuantity", false);
        var rows = ShopifyGraphQlInput.RequiredArray(input["quantities"], "input.quantities");

        var errors = new JsonArray();
        if (name is not ("available" or "on_hand"))
        {
            errors.Add(UserError(["input", "name"], "INVALID_NAME", "The quantity name must be either 'available' or 'on_hand'."));
        }

        if (!Reasons.Contains(reason))
        {
            errors.Add(UserError(["input", "reason"], "INVALID_REASON", $"The reason '{reason}' is not a valid inventory change reason."));
        }

        if (reference is not null && !Uri.TryCreate(reference, UriKind.Absolute, out _))
        {
            errors.Add(UserError(["input", "referenceDocumentUri"], "INVALID_REFERENCE_DOCUMENT", "The reference document URI must be a valid URI."));
        }

        if (rows.Count == 0)
        {
            errors.Add(UserError(["input", "quantities"], "INVALID_QUANTITY_INPUT", "At least one quantity is required."));
        }

        var planned = new List<(ShopifyInventoryItem Item, int Quantity)>();
        for (var i = 0; i < rows.Count; i++)
        {
            var path = $"input.quantities[{i}]";
            var row = ShopifyGraphQlInput.RequiredObject(rows[i], path);
            var itemId = ShopifyGraphQlInput.RequiredString(row["inventoryItemId"], path + ".inventoryItemId");
            var locationId = ShopifyGraphQlInput.RequiredString(row["locationId"], path + ".locationId");
            var quantity = ShopifyGraphQlInput.OptionalInt(row["quantity"], path + ".quantity")
                ?? throw new ShopifyGraphQlException($"Variable input is invalid: '{path}.quantity' must be an Int (it is required).", "INVALID_VARIABLE");
            var compare = ShopifyGraphQlInput.OptionalInt(row["compareQuantity"], path + ".compareQuantity");
            var index = i.ToString(CultureInfo.InvariantCulture);

            if (!ShopifyIds.TryParseGid(itemId, "InventoryItem", out var itemNumber) || shop.FindItem(itemNumber) is not { } item)
            {
                errors.Add(UserError(["input", "quantities", index, "inventoryItemId"], "INVALID_INVENTORY_ITEM", "The specified inventory item could not be found."));
                continue;
            }

            if (!ShopifyIds.TryParseGid(locationId, "Location", out var location) || location != shop.LocationId)
            {
                errors.Add(UserError(["input", "quantities", index, "locationId"], "INVALID_LOCATION", "The specified location could not be found."));
                continue;
            }

            if (name is "available" or "on_hand")
            {
                if (compare is null && !ignoreCompare)
                {
                    errors.Add(UserError(["input", "quantities", index, "compareQuantity"], "COMPARE_QUANTITY_REQUIRED",
                        "A compareQuantity is required for every quantity unless ignoreCompareQuantity is true."));
                    continue;
                }

                if (compare is { } expected && !ignoreCompare && expected != item.Quantity(name))
                {
                    errors.Add(UserError(["input", "quantities", index, "compareQuantity"], "COMPARE_QUANTITY_STALE",
                        "The compareQuantity argument no longer matches the persisted quantity."));
                    continue;
                }
            }

            planned.Add((item, quantity));
        }

        if (errors.Count > 0)
        {
            return Refused(errors);
        }

        var changes = new JsonArray();
        foreach (var (item, quantity) in planned)
        {
            var delta = quantity - item.Quantity(name);
            item.Available += delta; // on_hand = available + committed, so both move by delta.
            changes.Add(Change("available", delta, item.Available));
            changes.Add(Change("on_hand", delta, item.OnHand));
            item.LastSet = new ShopifyInventorySet(reference, key, name, quantity, now);
        }

        return new JsonObject
        {
            ["inventoryAdjustmentGroup"] = new JsonObject
            {
                ["id"] = ShopifyIds.Gid("InventoryAdjustmentGroup", ids.NextAdjustmentGroup()),
                ["createdAt"] = ShopifyJson.GraphTime(now),
                ["reason"] = reason,
                ["referenceDocumentUri"] = reference,
                ["changes"] = changes,
            },
            ["userErrors"] = new JsonArray(),
        };
    }

    private static JsonObject Change(string name, int delta, int after) =>
        new() { ["name"] = name, ["delta"] = delta, ["quantityAfterChange"] = after };

    private static JsonObject Refused(JsonArray errors) =>
        new() { ["inventoryAdjustmentGroup"] = null, ["userErrors"] = errors };

    private static JsonObject UserError(string[]? field, string code, string message) => new()
    {
        ["code"] = code,
        ["field"] = field is null ? null : new JsonArray([.. field.Select(f => (JsonNode?)f)]),
        ["message"] = message,
    };
}
