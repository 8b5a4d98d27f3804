using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Integration.Activities.ApiCalls;
using Integration.Orchestrations.Common;
using Microsoft.Extensions.Options;

namespace Integration.Activities.Connectors.Shopify;

/// <summary>
/// The Shopify Admin GraphQL API for every configured shop, as <see cref="IShopifyAdmin"/>. GraphQL answers
/// HTTP 200 for its own failures, so each answer is read for THROTTLED errors (waited out by the bucket's own
/// figures, then retried) and userErrors (thrown, except a stale compare-and-set, which is an answer).
/// </summary>
public sealed class ShopifyAdminClient(HttpClient http, IOptionsMonitor<ShopifyOptions> options, TimeProvider time) : IShopifyAdmin
{
    public const string SystemName = "shopify";
    public const string AccessTokenHeader = "X-Shopify-Access-Token";

    /// <summary>inventorySetQuantities' answer when the store's quantity is no longer the compareQuantity sent.</summary>
    public const string CompareQuantityStale = "COMPARE_QUANTITY_STALE";

    /// <summary>The code of a GraphQL error that says the cost bucket is empty.</summary>
    public const string ThrottledCode = "THROTTLED";

    public const string FulfilmentOrdersQuery =
        "query($id: ID!) { order(id: $id) { fulfillmentOrders(first: 20) { nodes { id status lineItems(first: 100) { nodes { id sku totalQuantity remainingQuantity lineItem { id } } } } } } }";

    public const string FulfilmentsQuery =
        "query($id: ID!) { order(id: $id) { fulfillments { id status trackingInfo { company number url } } } }";

    public const string FulfilmentCreateMutation =
        "mutation($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { fulfillment { id status trackingInfo { company number url } } userErrors { field message } } }";

    public const string InventoryItemQuery =
        "query($q: String!) { inventoryItems(first: 1, query: $q) { nodes { id sku inventoryLevels(first: 1) { nodes { location { id } quantities(names: [\"available\"]) { name quantity } } } } } }";

    /// <summary>The key is placed in the document (the directive takes a literal); it is checked to be [A-Za-z0-9-] first.</summary>
    public const string InventorySetMutationTemplate =
        "mutation($input: InventorySetQuantitiesInput!) { inventorySetQuantities(input: $input) @idempotent(key: \"{key}\") { inventoryAdjustmentGroup { id changes { name delta quantityAfterChange } } userErrors { code field message } } }";

    /// <summary>Shopify's limit on an idempotency key's length.</summary>
    public const int MaxIdempotencyKeyLength = 255;

    public IReadOnlyList<string> Shops => [.. options.CurrentValue.ByHandle().Keys];

    public async Task<IReadOnlyList<ShopFulfilmentOrder>> GetFulfilmentOrdersAsync(string shop, long orderId, string correlationId, CancellationToken cancellationToken)
    {
        JsonElement data = await QueryAsync(shop, FulfilmentOrdersQuery, new { id = OrderGid(orderId) }, correlationId, cancellationToken).ConfigureAwait(false);
        JsonElement order = Order(data, shop, orderId);
        var result = new List<ShopFulfilmentOrder>();
        foreach (JsonElement fo in Nodes(order, "fulfillmentOrders"))
        {
            var lines = new List<ShopFulfilmentOrderLine>();
            foreach (JsonElement line in Nodes(fo, "lineItems"))
            {
                lines.Add(new ShopFulfilmentOrderLine(
                    Text(line, "id") ?? throw Unreadable(shop, "a fulfilment-order line without an id"),
                    Text(line, "sku"),
                    line.TryGetProperty("lineItem", out JsonElement li) && li.ValueKind == JsonValueKind.Object ? GidNumber(Text(li, "id")) : null,
                    Int(line, "totalQuantity"),
                    Int(line, "remainingQuantity")));
            }

            result.Add(new ShopFulfilmentOrder(
                Text(fo, "id") ?? throw Unreadable(shop, "a fulfilment order without an id"), Text(fo, "status") ?? string.Empty, lines));
        }

        return result;
    }

    public async Task<IReadOnlyList<ShopFulfilment>> GetFulfilmentsAsync(string shop, long orderId, string correlationId, CancellationToken cancellationToken)
    {
        JsonElement data = await QueryAsync(shop, FulfilmentsQuery, new { id = OrderGid(orderId) }, correlationId, cancellationToken).ConfigureAwait(false);
        JsonElement order = Order(data, shop, orderId);
        if (!order.TryGetProperty("fulfillments", out JsonElement list) || list.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return [.. list.EnumerateArray().Select(f => Fulfilment(f, shop))];
    }

    public async Task<ShopFulfilment> CreateFulfilmentAsync(string shop, ShopFulfilmentRequest request, string correlationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var input = new Dictionary<string, object?>
        {
            ["lineItemsByFulfillmentOrder"] = request.LineItemsByFulfilmentOrder.Select(fo => new
            {
                fulfillmentOrderId = fo.FulfilmentOrderId,
                fulfillmentOrderLineItems = fo.Lines.Select(l => new { id = l.Id, quantity = l.Quantity }),
            }),
            ["notifyCustomer"] = request.NotifyCustomer,
        };
        if (request.TrackingCompany is not null || request.TrackingNumber is not null || request.TrackingUrl is not null)
        {
            input["trackingInfo"] = new { company = request.TrackingCompany, number = request.TrackingNumber, url = request.TrackingUrl };
        }

        // Not idempotent: never re-sent by the pipeline (a 5xx may follow a fulfilment made); the activity reads the fulfilments first on its retry.
        JsonElement data = await QueryAsync(shop, FulfilmentCreateMutation, new { f = input }, correlationId, cancellationToken, retryable: false).ConfigureAwait(false);
        JsonElement payload = Field(data, "fulfillmentCreate") ?? throw Unreadable(shop, "fulfillmentCreate without a payload");
        ThrowOnUserErrors(shop, "fulfillmentCreate", payload);
        return Field(payload, "fulfillment") is { } fulfilment
            ? Fulfilment(fulfilment, shop)
            : throw Unreadable(shop, "fulfillmentCreate with neither a fulfillment nor userErrors");
    }

    public async Task<ShopInventoryLevel?> GetInventoryLevelAsync(string shop, string sku, string correlationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sku);
        JsonElement data = await QueryAsync(shop, InventoryItemQuery, new { q = "sku:" + sku }, correlationId, cancellationToken).ConfigureAwait(false);
        JsonElement items = Field(data, "inventoryItems") ?? throw Unreadable(shop, "no inventoryItems");

        // Shopify's search matches more loosely than equality; setting another SKU's stock would be worse than none.
        JsonElement? item = Nodes(items).Cast<JsonElement?>().FirstOrDefault(i => string.Equals(Text(i!.Value, "sku"), sku, StringComparison.OrdinalIgnoreCase));
        if (item is not { } found || Text(found, "id") is not { } itemId)
        {
            return null;
        }

        JsonElement? level = Nodes(found, "inventoryLevels").Cast<JsonElement?>().FirstOrDefault();
        if (level is not { } l || Field(l, "location") is not { } location || Text(location, "id") is not { } locationId)
        {
            return null;
        }

        int available = 0;
        if (l.TryGetProperty("quantities", out JsonElement quantities) && quantities.ValueKind == JsonValueKind.Array)
        {
            available = quantities.EnumerateArray().Where(q => Text(q, "name") == "available").Select(q => Int(q, "quantity")).FirstOrDefault();
        }

        return new ShopInventoryLevel(itemId, locationId, available);
    }

    public async Task<bool> SetAvailableAsync(
        string shop, ShopInventoryLevel level, int quantity, int compareQuantity, string idempotencyKey, string correlationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(level);
        if (string.IsNullOrEmpty(idempotencyKey) || idempotencyKey.Length > MaxIdempotencyKeyLength ||
            !idempotencyKey.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            throw new ArgumentException($"Idempotency key '{idempotencyKey}' must be 1-{MaxIdempotencyKeyLength} of A-Z, a-z, 0-9 and '-' (it is written into the GraphQL document).", nameof(idempotencyKey));
        }

        var input = new
        {
            name = "available",
            reason = "correction",
            // The change this product made, named by its idempotency key (stock-{shop}-{sku}-{version}), so a person can trace it.
            referenceDocumentUri = $"gid://integration/StockSync/{idempotencyKey}",
            quantities = new[] { new { inventoryItemId = level.InventoryItemId, locationId = level.LocationId, quantity, compareQuantity } },
        };
        string document = InventorySetMutationTemplate.Replace("{key}", idempotencyKey, StringComparison.Ordinal);
        JsonElement data = await QueryAsync(shop, document, new { input }, correlationId, cancellationToken).ConfigureAwait(false);
        JsonElement payload = Field(data, "inventorySetQuantities") ?? throw Unreadable(shop, "inventorySetQuantities without a payload");
        List<(string? Code, string Message)> errors = UserErrors(payload);
        if (errors.Count > 0 && errors.All(e => e.Code == CompareQuantityStale))
        {
            return false;
        }

        ThrowOnUserErrors(shop, "inventorySetQuantities", payload);
        return true;
    }

    /// <summary>
    /// POSTs the document; a THROTTLED answer (HTTP 200 or 429) is waited out for (requested − available) / restoreRate
    /// seconds, capped, and sent again up to MaxThrottleRetries times; returns the answer's "data".
    /// </summary>
    private async Task<JsonElement> QueryAsync(
        string shop, string document, object variables, string correlationId, CancellationToken cancellationToken, bool retryable = true)
    {
        ShopifyOptions o = options.CurrentValue;
        IReadOnlyDictionary<string, ShopifyShopOptions> shops = o.ByHandle();
        ShopifyShopOptions store = shops.TryGetValue(shop ?? string.Empty, out ShopifyShopOptions? s)
            ? s
            : throw new PermanentActivityFailureException(
                $"No Shopify shop '{shop}' is configured ({ShopifyOptions.Section}:Shops); configured: {string.Join(", ", shops.Keys)}.");
        var uri = new Uri($"{store.BaseUrl.TrimEnd('/')}/admin/api/{o.ApiVersion}/graphql.json");
        for (int waits = 0; ; waits++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, uri);
            request.Headers.Add(AccessTokenHeader, store.AccessToken);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            request.Options.Set(ApiCallLogHandler.CorrelationIdKey, correlationId);
            request.Options.Set(ConnectorRegistration.NotRetriedKey, !retryable);
            request.Content = JsonContent.Create(new { query = document, variables });
            using HttpResponseMessage response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            using JsonDocument? json = TryParse(body);
            JsonElement? root = json?.RootElement;
            if (IsThrottled(response.StatusCode, root))
            {
                if (waits >= o.MaxThrottleRetries)
                {
                    throw new HttpRequestException(
                        $"{SystemName} shop {shop} was still throttled after {waits} waits; the call is left to the workflow's retry.", null, HttpStatusCode.TooManyRequests);
                }

                await Task.Delay(ThrottleWait(root, o.MaxThrottleWaitSeconds), time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            await ConnectorResponses.EnsureSuccessAsync(response, SystemName, cancellationToken).ConfigureAwait(false);
            if (root is not { ValueKind: JsonValueKind.Object } r)
            {
                throw new HttpRequestException($"{SystemName} shop {shop} answered with a body that is not a JSON object.");
            }

            if (r.TryGetProperty("errors", out JsonElement errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
            {
                string messages = string.Join("; ", errors.EnumerateArray().Select(e => Text(e, "message") ?? e.GetRawText()));
                // Shopify's own failure is worth a retry; anything else (a bad document, a missing scope) is not.
                if (errors.EnumerateArray().Any(e => ErrorCode(e) == "INTERNAL_SERVER_ERROR"))
                {
                    throw new HttpRequestException($"{SystemName} shop {shop} failed internally: {messages}", null, HttpStatusCode.InternalServerError);
                }

                throw new PermanentActivityFailureException($"{SystemName} shop {shop} refused the request: {messages}");
            }

            return r.TryGetProperty("data", out JsonElement data) && data.ValueKind == JsonValueKind.Object
                ? data.Clone()
                : throw new HttpRequestException($"{SystemName} shop {shop} answered without data.");
        }
    }

    private static bool IsThrottled(HttpStatusCode status, JsonElement? root)
    {
        if (status == HttpStatusCode.TooManyRequests)
        {
            return true;
        }

        return status == HttpStatusCode.OK && root is { ValueKind: JsonValueKind.Object } r &&
            r.TryGetProperty("errors", out JsonElement errors) && errors.ValueKind == JsonValueKind.Array &&
            errors.EnumerateArray().Any(e => ErrorCode(e) == ThrottledCode);
    }

    /// <summary>How long until the bucket holds the query's cost again: (requested − currentlyAvailable) / restoreRate, within [0.1 s, cap]; 1 s when the answer has no figures.</summary>
    public static TimeSpan ThrottleWait(JsonElement? root, double maxSeconds)
    {
        double seconds = 1;
        if (root is { ValueKind: JsonValueKind.Object } r && Field(r, "extensions") is { } extensions && Field(extensions, "cost") is { } cost &&
            Field(cost, "throttleStatus") is { } status &&
            Number(cost, "requestedQueryCost") is { } requested && Number(status, "currentlyAvailable") is { } available &&
            Number(status, "restoreRate") is { } rate && rate > 0)
        {
            seconds = (requested - available) / rate;
        }

        return TimeSpan.FromSeconds(Math.Clamp(seconds, 0.1, maxSeconds));
    }

    private static string? ErrorCode(JsonElement error) =>
        Field(error, "extensions") is { } extensions ? Text(extensions, "code") : null;

    private static void ThrowOnUserErrors(string shop, string mutation, JsonElement payload)
    {
        List<(string? Code, string Message)> errors = UserErrors(payload);
        if (errors.Count > 0)
        {
            throw new ShopifyUserErrorException(
                $"{SystemName} shop {shop} refused {mutation}: {string.Join("; ", errors.Select(e => e.Code is null ? e.Message : $"{e.Code}: {e.Message}"))}");
        }
    }

    private static List<(string? Code, string Message)> UserErrors(JsonElement payload)
    {
        if (!payload.TryGetProperty("userErrors", out JsonElement errors) || errors.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return [.. errors.EnumerateArray().Select(e =>
        {
            string field = e.TryGetProperty("field", out JsonElement f) && f.ValueKind == JsonValueKind.Array
                ? string.Join('.', f.EnumerateArray().Select(x => x.ToString()))
                : string.Empty;
            string message = Text(e, "message") ?? "(no message)";
            return (Text(e, "code"), field.Length == 0 ? message : $"{field}: {message}");
        })];
    }

    private static JsonElement Order(JsonElement data, string shop, long orderId) =>
        Field(data, "order") ?? throw new ShopifyUserErrorException($"{SystemName} shop {shop} has no order {orderId.ToString(CultureInfo.InvariantCulture)}.");

    private static ShopFulfilment Fulfilment(JsonElement f, string shop)
    {
        JsonElement? tracking = f.TryGetProperty("trackingInfo", out JsonElement t)
            ? t.ValueKind switch
            {
                JsonValueKind.Array => t.EnumerateArray().Cast<JsonElement?>().FirstOrDefault(),
                JsonValueKind.Object => t,
                _ => null,
            }
            : null;
        return new ShopFulfilment(
            Text(f, "id") ?? throw Unreadable(shop, "a fulfillment without an id"),
            Text(f, "status") ?? string.Empty,
            tracking is { } a ? Text(a, "company") : null,
            tracking is { } b ? Text(b, "number") : null);
    }

    private static IEnumerable<JsonElement> Nodes(JsonElement parent, string connection) =>
        Field(parent, connection) is { } c ? Nodes(c) : [];

    private static IEnumerable<JsonElement> Nodes(JsonElement connection) =>
        connection.TryGetProperty("nodes", out JsonElement nodes) && nodes.ValueKind == JsonValueKind.Array ? nodes.EnumerateArray() : [];

    private static JsonElement? Field(JsonElement o, string name) =>
        o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out JsonElement v) && v.ValueKind != JsonValueKind.Null ? v : null;

    private static string? Text(JsonElement o, string name) =>
        Field(o, name) is { } v ? (v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()) : null;

    private static int Int(JsonElement o, string name) =>
        Field(o, name) is { ValueKind: JsonValueKind.Number } v && v.TryGetInt32(out int i) ? i : 0;

    private static double? Number(JsonElement o, string name) =>
        Field(o, name) is { ValueKind: JsonValueKind.Number } v ? v.GetDouble() : null;

    private static string OrderGid(long orderId) => $"gid://shopify/Order/{orderId.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>"gid://shopify/LineItem/42" → 42; null for anything else.</summary>
    public static long? GidNumber(string? gid)
    {
        int slash = gid?.LastIndexOf('/') ?? -1;
        return slash >= 0 && long.TryParse(gid.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out long n) ? n : null;
    }

    private static JsonDocument? TryParse(string body)
    {
        try
        {
            return string.IsNullOrWhiteSpace(body) ? null : JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static HttpRequestException Unreadable(string shop, string what) =>
        new($"{SystemName} shop {shop} answered with {what}.");
}
