using System.Text.Json;
using System.Text.Json.Nodes;
using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.Shopify;

/// <summary>
/// Maps the emulated Shopify Admin GraphQL API, POST /shopify/{shop}/admin/api/{version}/graphql.json. It dispatches
/// on the document's root field (order, inventoryItems, fulfillmentCreate, inventorySetQuantities); every answer is
/// HTTP 200 with extensions.cost, errors included, except a body that is not a GraphQL request (400).
/// </summary>
internal static class ShopifyEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/shopify/{shop}/admin/api/{version}/graphql.json", GraphQlAsync).AddEndpointFilter<ShopifyAuthFilter>();
    }

    private static async Task<IResult> GraphQlAsync(string shop, HttpRequest request, ShopifyStore store, TimeProvider time)
    {
        var body = await JsonBody.ReadAsync(request);
        if (!body.IsValid || body.Node is not JsonObject payload
            || payload["query"] is not JsonValue queryValue || queryValue.GetValueKind() != JsonValueKind.String)
        {
            return JsonResponse.Of(
                new JsonObject { ["errors"] = new JsonObject { ["query"] = "Required parameter missing or invalid" } },
                StatusCodes.Status400BadRequest);
        }

        if (payload["variables"] is { } variables && variables is not JsonObject)
        {
            return JsonResponse.Of(
                new JsonObject { ["errors"] = new JsonObject { ["variables"] = "must be a JSON object" } },
                StatusCodes.Status400BadRequest);
        }

        var target = store.Find(shop)!;
        string? rootField = null;
        try
        {
            var document = ShopifyGraphQlDocument.Parse(queryValue.GetValue<string>(), payload["variables"] as JsonObject);
            rootField = document.RootField;
            var data = Execute(target, store.Ids, document, time.GetUtcNow());
            var cost = ShopifyGraphQlCost.Requested(rootField);
            return JsonResponse.Of(new JsonObject
            {
                ["data"] = new JsonObject { [document.ResponseKey] = data },
                ["extensions"] = ShopifyGraphQlCost.Extensions(cost, Math.Max(1, cost / 2)),
            });
        }
        catch (ShopifyGraphQlException ex)
        {
            return JsonResponse.Of(new JsonObject
            {
                ["errors"] = new JsonArray(new JsonObject
                {
                    ["message"] = ex.Message,
                    ["extensions"] = new JsonObject { ["code"] = ex.Code },
                }),
                ["extensions"] = ShopifyGraphQlCost.Extensions(ShopifyGraphQlCost.Requested(rootField), null),
            });
        }
    }

    private static JsonNode? Execute(ShopifyShop shop, ShopifyIds ids, ShopifyGraphQlDocument document, DateTimeOffset now) =>
        (document.OperationType, document.RootField) switch
        {
            ("query", "order") => ShopifyGraphQlQueries.Order(shop, document),
            ("query", "inventoryItems") => ShopifyGraphQlQueries.InventoryItems(shop, document),
            ("mutation", "fulfillmentCreate") => ShopifyFulfillmentWrites.Create(shop, ids, document, now),
            ("mutation", "inventorySetQuantities") => ShopifyInventoryWrites.SetQuantities(shop, ids, document, now),
            _ => throw new ShopifyGraphQlException(
                $"Field '{document.RootField}' doesn't exist on type '{(document.OperationType == "mutation" ? "Mutation" : "QueryRoot")}'",
                "undefinedField"),
        };
}
