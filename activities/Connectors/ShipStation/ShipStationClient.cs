using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Integration.Activities.ApiCalls;
using Integration.Activities.Connectors.Warehouses;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.Orders;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly.Retry;
using static Integration.Activities.Connectors.Warehouses.WarehouseJson;

namespace Integration.Activities.Connectors.ShipStation;

/// <summary>
/// ShipStation v1 (and, where the account has the add-on, the v2 inventory API) as an <see cref="IWarehouseConnector"/>.
/// createorder is an upsert by orderKey (our order key), so a repeat updates the same order; only a shipped or
/// cancelled order is locked (400), and then it is read back. Also fetches the shipments a SHIP_NOTIFY points at,
/// refusing any URL that is not ShipStation's own: the webhook is unsigned, so its URL is untrusted.
/// </summary>
public sealed class ShipStationClient(HttpClient http, IOptionsMonitor<ShipStationOptions> options, TimeProvider time) : IWarehouseConnector, Integration.Activities.Orders.IShipStationShipments
{
    public const string SystemName = "shipstation";
    public const string InventoryKeyHeader = "API-Key";

    /// <summary>Pages of any list read at most, so a "pages" figure that never ends cannot loop forever.</summary>
    public const int MaxPages = 100;

    /// <summary>ShipStation v1 says when its 40-a-minute window resets in this header (seconds), not in Retry-After.</summary>
    public const string RateLimitResetHeader = "X-Rate-Limit-Reset";

    public string Name => SystemName;

    /// <summary>
    /// The pipeline's retry of a 429 waits for Retry-After when given, else for X-Rate-Limit-Reset (at most a minute):
    /// backing off for a fraction of a second would spend every retry inside the same window.
    /// </summary>
    public static void WaitForRateLimitReset(HttpStandardResilienceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Func<RetryDelayGeneratorArguments<HttpResponseMessage>, ValueTask<TimeSpan?>>? retryAfter = options.Retry.DelayGenerator;
        options.Retry.DelayGenerator = async args =>
        {
            if (retryAfter is not null && await retryAfter(args).ConfigureAwait(false) is { } given)
            {
                return given;
            }

            return args.Outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } response &&
                response.Headers.TryGetValues(RateLimitResetHeader, out IEnumerable<string>? values) &&
                int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out int seconds)
                    ? TimeSpan.FromSeconds(Math.Clamp(seconds, 1, 60))
                    : null;
        };
    }

    public async Task<WarehouseOrderResult> CreateOrderAsync(WarehouseOrderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ShippingAddress a = request.Address;
        var body = new
        {
            orderNumber = request.OrderName,
            orderKey = request.OrderKey,
            orderDate = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture),
            orderStatus = "awaiting_shipment",
            customerEmail = request.Email,
            billTo = new { name = a.Name },
            shipTo = new { name = a.Name, street1 = a.Address1, street2 = a.Address2, city = a.City, state = a.ProvinceCode, postalCode = a.Zip, country = a.CountryCode, phone = a.Phone },
            items = request.Lines.Select(l => new { lineItemKey = l.LineKey, sku = l.WarehouseSku, name = l.Name, quantity = l.Quantity, unitPrice = l.UnitPrice }),
        };

        using HttpResponseMessage response = await SendAsync(HttpMethod.Post, V1("orders/createorder"), body, request.CorrelationId, cancellationToken).ConfigureAwait(false);
        string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            // Locked (shipped or cancelled) or invalid: what ShipStation holds under this key tells which.
            JsonElement? existing = await FindByOrderNumberAsync(request.OrderName, request.OrderKey, request.CorrelationId, cancellationToken).ConfigureAwait(false);
            string? status = existing is { } e ? Text(e, "orderStatus") : null;
            if (existing is { } found && status is "shipped")
            {
                return new WarehouseOrderResult(SystemName, request.OrderKey, WarehouseOrderResult.Existing, Text(found, "orderId"), status);
            }

            string detail = status is "cancelled"
                ? $"{SystemName} order {request.OrderKey} is cancelled and locked; it cannot be sent again under the same key. {Messages(text)}"
                : $"{SystemName}: {Messages(text)}";
            return new WarehouseOrderResult(SystemName, request.OrderKey, WarehouseOrderResult.Refused, existing is { } r ? Text(r, "orderId") : null, detail);
        }

        await ConnectorResponses.EnsureSuccessAsync(response, SystemName, cancellationToken).ConfigureAwait(false);
        using JsonDocument? created = TryParse(text);
        string id = created?.RootElement is { } root && Text(root, "orderId") is { } i
            ? i
            : throw new HttpRequestException($"{SystemName} accepted order {request.OrderKey} but its answer has no orderId.");
        return new WarehouseOrderResult(SystemName, request.OrderKey, WarehouseOrderResult.Created, id, null);
    }

    /// <summary>
    /// Reads the order (GET orders/{id}) and sends it back whole through createorder with orderStatus "cancelled", as
    /// ShipStation asks (a partial update clears fields). Shipped → too late; already cancelled → cancelled.
    /// </summary>
    public async Task<WarehouseCancelResult> CancelOrderAsync(CancelWarehouseOrderInput request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.WarehouseOrderId))
        {
            return new WarehouseCancelResult(WarehouseCancelResult.NotFound, $"No {SystemName} order id was recorded for {request.OrderKey}; nothing was created there.");
        }

        JsonObject? order = await GetOrderAsync(request.WarehouseOrderId, request.CorrelationId, cancellationToken).ConfigureAwait(false);
        if (order is null)
        {
            return new WarehouseCancelResult(WarehouseCancelResult.NotFound, $"{SystemName} has no order {request.WarehouseOrderId}.");
        }

        if (Locked(order, request.WarehouseOrderId) is { } locked)
        {
            return locked;
        }

        order["orderStatus"] = "cancelled";
        using HttpResponseMessage response = await SendAsync(HttpMethod.Post, V1("orders/createorder"), order, request.CorrelationId, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            // Shipped (or cancelled by a lost earlier attempt) between the read and the write.
            string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            JsonObject? now = await GetOrderAsync(request.WarehouseOrderId, request.CorrelationId, cancellationToken).ConfigureAwait(false);
            return (now is null ? null : Locked(now, request.WarehouseOrderId))
                ?? throw new PermanentActivityFailureException($"{SystemName} refused to cancel order {request.WarehouseOrderId}: {Messages(text)}");
        }

        await ConnectorResponses.EnsureSuccessAsync(response, SystemName, cancellationToken).ConfigureAwait(false);
        return new WarehouseCancelResult(WarehouseCancelResult.Cancelled, null);
    }

    /// <summary>v2 inventory (on_hand summed over warehouses and locations per SKU) when the account has the add-on; otherwise null.</summary>
    public async Task<IReadOnlyList<WarehouseStockLevel>?> GetStockAsync(string correlationId, CancellationToken cancellationToken)
    {
        ShipStationOptions o = options.CurrentValue;
        if (!o.HasInventoryApi)
        {
            return null;
        }

        var onHand = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var first = new Uri($"{o.InventoryBaseUrl!.TrimEnd('/')}/inventory?page_size=500");
        await ForEachPageAsync(first, "inventory", true, correlationId, item =>
        {
            if (Text(item, "sku") is { Length: > 0 } sku)
            {
                onHand[sku] = onHand.GetValueOrDefault(sku) + Int(item, "on_hand");
            }
        }, cancellationToken).ConfigureAwait(false);
        return [.. onHand.Select(p => new WarehouseStockLevel(p.Key, p.Value))];
    }

    /// <summary>
    /// The shipments a SHIP_NOTIFY's resource_url lists (every page), as ShipStation sent them. A URL whose scheme, host
    /// and port are not those of Connectors:ShipStation:BaseUrl is refused before any request: the credentials would go with it.
    /// </summary>
    public async Task<IReadOnlyList<JsonElement>> GetShipmentsAsync(Uri resourceUrl, string correlationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resourceUrl);
        if (!IsShipStationUrl(resourceUrl))
        {
            throw new ArgumentException(
                $"resource_url does not point at ShipStation ({(resourceUrl.IsAbsoluteUri ? resourceUrl.GetLeftPart(UriPartial.Authority) : "a relative URL")} is not {ShipStationOptions.Section}:BaseUrl's origin); not fetched.",
                nameof(resourceUrl));
        }

        var shipments = new List<JsonElement>();
        await ForEachPageAsync(resourceUrl, "shipments", false, correlationId, s => shipments.Add(s.Clone()), cancellationToken).ConfigureAwait(false);
        return shipments;
    }

    /// <summary>True when the URL has BaseUrl's scheme, host and port (the check the webhook ingress also makes).</summary>
    public bool IsShipStationUrl(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.IsAbsoluteUri && ShipStationUrls.PointsAt(url.AbsoluteUri, options.CurrentValue.BaseUrl);
    }

    private static WarehouseCancelResult? Locked(JsonObject order, string id) =>
        order["orderStatus"]?.GetValue<string>() switch
        {
            "shipped" => new WarehouseCancelResult(WarehouseCancelResult.TooLate, $"{SystemName} order {id} is already shipped."),
            "cancelled" => new WarehouseCancelResult(WarehouseCancelResult.Cancelled, $"{SystemName} order {id} was already cancelled."),
            _ => null,
        };

    private async Task<JsonObject?> GetOrderAsync(string orderId, string correlationId, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await SendAsync(HttpMethod.Get, V1($"orders/{Uri.EscapeDataString(orderId)}"), null, correlationId, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await ConnectorResponses.EnsureSuccessAsync(response, SystemName, cancellationToken).ConfigureAwait(false);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)) as JsonObject
            ?? throw new HttpRequestException($"{SystemName} answered GET orders/{orderId} with a body that is not an order.");
    }

    /// <summary>GET orders?orderNumber= is a starts-with match (and order numbers repeat across stores): the row with our orderKey is the one.</summary>
    private async Task<JsonElement?> FindByOrderNumberAsync(string orderNumber, string orderKey, string correlationId, CancellationToken cancellationToken)
    {
        JsonElement? found = null;
        await ForEachPageAsync(V1($"orders?orderNumber={Uri.EscapeDataString(orderNumber)}"), "orders", false, correlationId, o =>
        {
            if (found is null && string.Equals(Text(o, "orderKey"), orderKey, StringComparison.Ordinal))
            {
                found = o.Clone();
            }
        }, cancellationToken).ConfigureAwait(false);
        return found;
    }

    /// <summary>Reads a ShipStation list ({"{list}":[...],"page":n,"pages":m}) page by page, adding "page=n" to the first URL.</summary>
    private async Task ForEachPageAsync(Uri first, string list, bool inventoryApi, string correlationId, Action<JsonElement> each, CancellationToken cancellationToken)
    {
        for (int page = 1, pages = 1; page <= pages; page++)
        {
            if (page > MaxPages)
            {
                throw new HttpRequestException($"{SystemName} {first.AbsolutePath} still had pages after {MaxPages}.");
            }

            Uri uri = page == 1 ? first : WithPage(first, page);
            using HttpResponseMessage response = await SendAsync(HttpMethod.Get, uri, null, correlationId, cancellationToken, inventoryApi).ConfigureAwait(false);
            await ConnectorResponses.EnsureSuccessAsync(response, SystemName, cancellationToken).ConfigureAwait(false);
            using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            foreach (JsonElement item in Array(json.RootElement, list))
            {
                each(item);
            }

            pages = Math.Max(1, Int(json.RootElement, "pages"));
        }
    }

    private static Uri WithPage(Uri uri, int page)
    {
        string query = string.Join('&', uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.StartsWith("page=", StringComparison.OrdinalIgnoreCase))
            .Append($"page={page.ToString(CultureInfo.InvariantCulture)}"));
        return new UriBuilder(uri) { Query = query }.Uri;
    }

    private Uri V1(string relative) => new($"{options.CurrentValue.BaseUrl.TrimEnd('/')}/{relative}");

    private async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, Uri uri, object? body, string correlationId, CancellationToken cancellationToken, bool inventoryApi = false)
    {
        ShipStationOptions o = options.CurrentValue;
        using var request = new HttpRequestMessage(method, uri);
        if (inventoryApi)
        {
            request.Headers.Add(InventoryKeyHeader, o.InventoryApiKey);
        }
        else
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{o.ApiKey}:{o.ApiSecret}")));
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Options.Set(ApiCallLogHandler.CorrelationIdKey, correlationId);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType());
        }

        return await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
