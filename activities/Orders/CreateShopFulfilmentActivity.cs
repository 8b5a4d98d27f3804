using Integration.Activities.Connectors.Shopify;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.Orders;
using Microsoft.DurableTask;

namespace Integration.Activities.Orders;

/// <summary>
/// Creates the store's fulfilment for one shipment. fulfillmentCreate is not idempotent, so it reads first: a fulfilment
/// already carrying this shipment's tracking number is the one a retry made (Existing); the store SKUs are matched to
/// fulfilment-order lines with quantity remaining, and when none is left the shipment has nothing to fulfil. A Shopify
/// userError (a closed fulfilment order, a quantity above what remains) is permanent: the workflow dead-letters it.
/// </summary>
public sealed class CreateShopFulfilmentActivity(IShopifyAdmin shopify) : TaskActivity<CreateShopFulfilmentInput, ShopFulfilmentResult>
{
    /// <summary>Fulfilment orders in these states take no fulfilment.</summary>
    private static readonly string[] Finished = ["CLOSED", "CANCELLED", "INCOMPLETE"];

    public override async Task<ShopFulfilmentResult> RunAsync(TaskActivityContext context, CreateShopFulfilmentInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            if (!string.IsNullOrWhiteSpace(input.TrackingNumber))
            {
                IReadOnlyList<ShopFulfilment> existing = await shopify.GetFulfilmentsAsync(input.Shop, input.OrderId, input.CorrelationId, CancellationToken.None).ConfigureAwait(false);
                if (existing.FirstOrDefault(f => string.Equals(f.TrackingNumber, input.TrackingNumber, StringComparison.Ordinal)) is { } made)
                {
                    return new ShopFulfilmentResult(ShopFulfilmentResult.Existing, made.Id, $"fulfilment {made.Id} already has tracking {input.TrackingNumber}");
                }
            }

            IReadOnlyList<ShopFulfilmentOrder> orders = await shopify.GetFulfilmentOrdersAsync(input.Shop, input.OrderId, input.CorrelationId, CancellationToken.None).ConfigureAwait(false);
            IReadOnlyList<ShopFulfilmentOrderLines> lines = Allocate(orders, input.Lines);
            if (lines.Count == 0)
            {
                return new ShopFulfilmentResult(
                    ShopFulfilmentResult.NothingToFulfil,
                    null,
                    $"no open fulfilment-order line of order {input.OrderId} in {input.Shop} has quantity left for {string.Join(", ", input.Lines.Select(l => $"{l.Quantity} × {l.Sku}"))}");
            }

            ShopFulfilment created = await shopify.CreateFulfilmentAsync(
                input.Shop,
                new ShopFulfilmentRequest(lines, input.Carrier, input.TrackingNumber, input.TrackingUrl, NotifyCustomer: true),
                input.CorrelationId,
                CancellationToken.None).ConfigureAwait(false);
            return new ShopFulfilmentResult(ShopFulfilmentResult.Created, created.Id, null);
        }
        catch (ShopifyUserErrorException ex)
        {
            throw new PermanentActivityFailureException($"Shopify refused the fulfilment of order {input.OrderId} in {input.Shop} (shipment {input.ShipmentId}): {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Store lines onto fulfilment-order lines with quantity remaining, in the order Shopify lists them; a line named
    /// "line:{id}" (a store line without a SKU) matches by the order line's id. Units with no line left are not sent.
    /// </summary>
    public static IReadOnlyList<ShopFulfilmentOrderLines> Allocate(IReadOnlyList<ShopFulfilmentOrder> orders, IReadOnlyList<FulfilmentLine> wanted)
    {
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(wanted);
        var left = new Dictionary<string, int>(StringComparer.Ordinal);
        var chosen = new List<(string Order, string Line, int Quantity)>();
        foreach (FulfilmentLine line in wanted)
        {
            int need = line.Quantity;
            long? lineItemId = line.Sku.StartsWith("line:", StringComparison.Ordinal) && long.TryParse(line.Sku.AsSpan(5), out long id) ? id : null;
            foreach (ShopFulfilmentOrder order in orders.Where(o => !Finished.Contains(o.Status, StringComparer.OrdinalIgnoreCase)))
            {
                foreach (ShopFulfilmentOrderLine candidate in order.Lines)
                {
                    bool matches = lineItemId is { } wantedId
                        ? candidate.LineItemId == wantedId
                        : string.Equals(candidate.Sku, line.Sku, StringComparison.OrdinalIgnoreCase);
                    if (need <= 0 || !matches)
                    {
                        continue;
                    }

                    int remaining = left.TryGetValue(candidate.Id, out int r) ? r : candidate.RemainingQuantity;
                    int take = Math.Min(need, remaining);
                    if (take <= 0)
                    {
                        continue;
                    }

                    left[candidate.Id] = remaining - take;
                    need -= take;
                    chosen.Add((order.Id, candidate.Id, take));
                }
            }
        }

        return chosen
            .GroupBy(c => c.Order, StringComparer.Ordinal)
            .Select(g => new ShopFulfilmentOrderLines(
                g.Key,
                g.GroupBy(c => c.Line, StringComparer.Ordinal).Select(l => new ShopFulfilmentLineQuantity(l.Key, l.Sum(c => c.Quantity))).ToArray()))
            .ToArray();
    }
}
