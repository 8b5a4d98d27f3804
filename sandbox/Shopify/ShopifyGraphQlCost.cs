using System.Text.Json.Nodes;

namespace Integration.Sandbox.Shopify;

/// <summary>
/// The extensions.cost every Admin GraphQL answer carries. The sandbox keeps no bucket: each answer reports a full
/// bucket less that request's cost, and only fault injection throttles (<see cref="Throttled"/>).
/// </summary>
internal static class ShopifyGraphQlCost
{
    public const double MaximumAvailable = 1000.0;
    public const double RestoreRate = 50.0;

    /// <summary>Fixed costs per root field, of the size Shopify reports for these documents.</summary>
    public static int Requested(string? rootField) => rootField switch
    {
        "order" => 23,
        "inventoryItems" => 4,
        "fulfillmentCreate" => 10,
        "inventorySetQuantities" => 10,
        _ => 1,
    };

    public static JsonObject Extensions(int requested, int? actual) => new()
    {
        ["cost"] = new JsonObject
        {
            ["requestedQueryCost"] = requested,
            ["actualQueryCost"] = actual,
            ["throttleStatus"] = new JsonObject
            {
                ["maximumAvailable"] = MaximumAvailable,
                ["currentlyAvailable"] = (int)MaximumAvailable - (actual ?? 0),
                ["restoreRate"] = RestoreRate,
            },
        },
    };

    /// <summary>
    /// Shopify's throttled answer (HTTP 200, errors[].extensions.code THROTTLED, data absent). The bucket is reported
    /// empty and the request's cost as <paramref name="waitSeconds"/> × restoreRate, so a client that waits
    /// (requested − currentlyAvailable) / restoreRate waits exactly <paramref name="waitSeconds"/>.
    /// </summary>
    public static JsonObject Throttled(int waitSeconds)
    {
        var requested = Math.Max(1, (int)(waitSeconds * RestoreRate));
        return new JsonObject
        {
            ["errors"] = new JsonArray(new JsonObject
            {
                ["message"] = "Throttled",
                ["extensions"] = new JsonObject { ["code"] = "THROTTLED" },
            }),
            ["extensions"] = new JsonObject
            {
                ["cost"] = new JsonObject
                {
                    ["requestedQueryCost"] = requested,
                    ["actualQueryCost"] = null,
                    ["throttleStatus"] = new JsonObject
                    {
                        ["maximumAvailable"] = MaximumAvailable,
                        ["currentlyAvailable"] = 0,
                        ["restoreRate"] = RestoreRate,
                    },
                },
            },
        };
    }
}
