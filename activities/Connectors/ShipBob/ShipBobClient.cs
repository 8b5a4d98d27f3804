using System.Net;
using System.Text.Json;
using Integration.Activities.Connectors.Warehouses;
using Integration.Orchestrations.Orders;
using Microsoft.Extensions.Options;
using static Integration.Activities.Connectors.Warehouses.WarehouseJson;

namespace Integration.Activities.Connectors.ShipBob;

/// <summary>
/// ShipBob's dated API (2026-01) as an <see cref="IWarehouseConnector"/>. The order's reference_id is our order key
/// and ShipBob refuses a second order with it (422), so a create that was retried after its answer was lost, or
/// repeated by the workflow, finds the first order by reference instead of making a second.
/// </summary>
public sealed class ShipBobClient(HttpClient http, IOptionsMonitor<ShipBobOptions> options) : IWarehouseConnector
{
    public const string SystemName = "shipbob";
    public const string ChannelHeader = "shipbob_channel_id";

    /// <summary>inventory-level pages read at most, so a "next" link that never ends cannot loop forever.</summary>
    public const int MaxStockPages = 200;

    public string Name => SystemName;

    public async Task<WarehouseOrderResult> CreateOrderAsync(WarehouseOrderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ShipBobOptions o = options.CurrentValue;
        ShippingAddress a = request.Address;
        var body = new
        {
            reference_id = request.OrderKey,
            order_number = request.OrderName,
            shipping_method = o.ShippingMethod,
            type = "DTC",
            recipient = new
            {
                name = a.Name,
                email = request.Email,
                phone_number = a.Phone,
                address = new { address1 = a.Address1, address2 = a.Address2, city = a.City, state = a.ProvinceCode, country = a.CountryCode, zip_code = a.Zip },
            },
            products = request.Lines.Select(l => new { reference_id = l.WarehouseSku, name = l.Name, quantity = l.Quantity }),
        };

        using HttpResponseMessage response = await SendAsync(HttpMethod.Post, Path("order"), body, request.CorrelationId, cancellationToken).ConfigureAwait(false);
        string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        switch (response.StatusCode)
        {
            case HttpStatusCode.UnprocessableEntity:
                // Duplicate reference: this order key was sent before (maybe by an attempt whose answer was lost). A cancelled
                // one will never ship and holds the reference, so a person decides (as for a refusal).
                JsonElement? existing = await FindByReferenceAsync(request.OrderKey, request.CorrelationId, cancellationToken).ConfigureAwait(false);
                return existing is { } e && !string.Equals(Text(e, "status"), "Cancelled", StringComparison.OrdinalIgnoreCase)
                    ? new WarehouseOrderResult(SystemName, request.OrderKey, WarehouseOrderResult.Existing, Text(e, "id"), Text(e, "status"))
                    : new WarehouseOrderResult(
                        SystemName,
                        request.OrderKey,
                        WarehouseOrderResult.Refused,
                        existing is { } c ? Text(c, "id") : null,
                        existing is null
                            ? $"{SystemName}: {Messages(text)}"
                            : $"{SystemName} order {request.OrderKey} is cancelled and holds the reference; it cannot be sent again under the same key.");
            case HttpStatusCode.BadRequest:
                return new WarehouseOrderResult(SystemName, request.OrderKey, WarehouseOrderResult.Refused, null, $"{SystemName}: {Messages(text)}");
        }

        await ConnectorResponses.EnsureSuccessAsync(response, SystemName, cancellationToken).ConfigureAwait(false);
        using JsonDocument? created = TryParse(text);
        string id = created?.RootElement is { } root && Text(root, "id") is { } i
            ? i
            : throw new HttpRequestException($"{SystemName} created order {request.OrderKey} but its answer has no id.");
        return new WarehouseOrderResult(SystemName, request.OrderKey, WarehouseOrderResult.Created, id, null);
    }

    /// <summary>
    /// POST order/{id}:cancel. "Success" is cancelled; "Failure"/"PartialSuccess" (or a 400/422) is too late unless the
    /// order reads back as Cancelled (a repeated cancel); an order ShipBob does not have is not found.
    /// </summary>
    public async Task<WarehouseCancelResult> CancelOrderAsync(CancelWarehouseOrderInput request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? id = request.WarehouseOrderId;
        if (string.IsNullOrWhiteSpace(id))
        {
            id = await FindByReferenceAsync(request.OrderKey, request.CorrelationId, cancellationToken).ConfigureAwait(false) is { } found ? Text(found, "id") : null;
            if (id is null)
            {
                return new WarehouseCancelResult(WarehouseCancelResult.NotFound, $"{SystemName} has no order with reference {request.OrderKey}.");
            }
        }

        using HttpResponseMessage response = await SendAsync(
            HttpMethod.Post, Path($"order/{Uri.EscapeDataString(id)}:cancel"), null, request.CorrelationId, cancellationToken).ConfigureAwait(false);
        string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return new WarehouseCancelResult(WarehouseCancelResult.NotFound, $"{SystemName} has no order {id}.");
        }

        string reasons;
        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity)
        {
            reasons = Messages(text);
        }
        else
        {
            await ConnectorResponses.EnsureSuccessAsync(response, SystemName, cancellationToken).ConfigureAwait(false);
            using JsonDocument? json = TryParse(text);
            JsonElement root = json?.RootElement ?? default;
            if (string.Equals(Text(root, "status"), "Success", StringComparison.OrdinalIgnoreCase))
            {
                return new WarehouseCancelResult(WarehouseCancelResult.Cancelled, null);
            }

            reasons = string.Join("; ", Array(root, "canceled_shipment_results")
                .Where(r => Field(r, "is_success") is not { ValueKind: JsonValueKind.True })
                .Select(r => $"shipment {Text(r, "shipment_id")}: {Text(r, "reason") ?? "not cancelled"}"));
            reasons = $"{Text(root, "status") ?? "no status"}{(reasons.Length > 0 ? ": " + reasons : string.Empty)}";
        }

        // A cancel repeated after its answer was lost is refused; the order then reads back as Cancelled.
        if (await FindByReferenceAsync(request.OrderKey, request.CorrelationId, cancellationToken).ConfigureAwait(false) is { } order &&
            string.Equals(Text(order, "status"), "Cancelled", StringComparison.OrdinalIgnoreCase))
        {
            return new WarehouseCancelResult(WarehouseCancelResult.Cancelled, $"{SystemName} order {id} was already cancelled.");
        }

        return new WarehouseCancelResult(WarehouseCancelResult.TooLate, $"{SystemName} order {id} could not be cancelled: {reasons}");
    }

    /// <summary>Every inventory level, following "next" links (same origin only); total_on_hand_quantity per SKU, summed over inventory items.</summary>
    public async Task<IReadOnlyList<WarehouseStockLevel>?> GetStockAsync(string correlationId, CancellationToken cancellationToken)
    {
        var onHand = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        Uri? next = Path("inventory-level?PageSize=250");
        for (int page = 0; next is not null; page++)
        {
            if (page >= MaxStockPages)
            {
                throw new HttpRequestException($"{SystemName} inventory-level still had a next page after {MaxStockPages} pages.");
            }

            using HttpResponseMessage response = await SendAsync(HttpMethod.Get, next, null, correlationId, cancellationToken).ConfigureAwait(false);
            await ConnectorResponses.EnsureSuccessAsync(response, SystemName, cancellationToken).ConfigureAwait(false);
            using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            foreach (JsonElement item in Array(json.RootElement, "items"))
            {
                if (Text(item, "sku") is { Length: > 0 } sku)
                {
                    onHand[sku] = onHand.GetValueOrDefault(sku) + Int(item, "total_on_hand_quantity");
                }
            }

            next = NextPage(Text(json.RootElement, "next"), next);
        }

        return [.. onHand.Select(p => new WarehouseStockLevel(p.Key, p.Value))];
    }

    /// <summary>ShipBob's order with this reference_id (GET order?ReferenceIds=), or null when it has none.</summary>
    private async Task<JsonElement?> FindByReferenceAsync(string orderKey, string correlationId, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await SendAsync(
            HttpMethod.Get, Path($"order?ReferenceIds={Uri.EscapeDataString(orderKey)}"), null, correlationId, cancellationToken).ConfigureAwait(false);
        await ConnectorResponses.EnsureSuccessAsync(response, SystemName, cancellationToken).ConfigureAwait(false);
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        IEnumerable<JsonElement> orders = json.RootElement.ValueKind == JsonValueKind.Array ? json.RootElement.EnumerateArray() : Array(json.RootElement, "items");
        foreach (JsonElement order in orders)
        {
            if (string.Equals(Text(order, "reference_id"), orderKey, StringComparison.Ordinal))
            {
                return order.Clone();
            }
        }

        return null;
    }

    /// <summary>The next page's URL, relative links resolved against the current one; a link to another origin is refused (its answer would be trusted as stock).</summary>
    private static Uri? NextPage(string? next, Uri current)
    {
        if (string.IsNullOrWhiteSpace(next))
        {
            return null;
        }

        var uri = new Uri(current, next);
        return Uri.Compare(uri, current, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0
            ? uri
            : throw new HttpRequestException($"{SystemName} inventory-level's next page {uri.GetLeftPart(UriPartial.Authority)} is not at {current.GetLeftPart(UriPartial.Authority)}; not followed.");
    }

    private Uri Path(string relative)
    {
        ShipBobOptions o = options.CurrentValue;
        return new Uri($"{o.BaseUrl.TrimEnd('/')}/{o.ApiVersion}/{relative}");
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri uri, object? body, string correlationId, CancellationToken cancellationToken)
    {
        ShipBobOptions o = options.CurrentValue;
        using HttpRequestMessage request = ConnectorRequests.Create(method, uri, o.AccessToken, correlationId, body);
        request.Headers.Add(ChannelHeader, o.ChannelId.Trim());
        return await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
