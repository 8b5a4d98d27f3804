using Integration.Orchestrations.Common;

namespace Integration.Orchestrations.Orders;

/// <summary>
/// The questions the order fulfilment workflow asks a person, and the answers each accepts. The review route checks
/// an answer's action against these and that a value is given where one is needed; the workflow checks the value
/// itself (a SKU pair, a warehouse it may ship from) and asks again, saying why, when it does not fit.
/// </summary>
public static class OrderReviews
{
    /// <summary>Value "STORE-SKU=WAREHOUSE-SKU" (or just the warehouse SKU, for the first unmapped line).</summary>
    public const string UseSku = "use-sku";

    /// <summary>Try the step again: the dictionary, the order or the warehouse was fixed, or stock arrived.</summary>
    public const string Retry = "retry";

    /// <summary>Value: a warehouse name ("shipbob", "shipstation") from the order's candidates.</summary>
    public const string ShipFrom = "ship-from";
    public const string Cancel = "cancel";

    private static readonly ReviewAction CancelAction = new(Cancel, "do not fulfil this order: nothing is sent to a warehouse and its stock is released", RequiresValue: false);

    /// <summary>The plan found problems (no shipping address, an unmapped SKU, no warehouse for the destination).</summary>
    public static ReviewRequest PlanProblems(string orderKey, FulfilmentPlan plan, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        List<ReviewAction> actions = [];
        PlannedLine? unmapped = plan.Lines.FirstOrDefault(l => l.WarehouseSku is null);
        if (unmapped is not null)
        {
            actions.Add(new ReviewAction(
                UseSku,
                $"ship a store SKU as this warehouse SKU for this order: value 'STORE-SKU=WAREHOUSE-SKU' (just 'WAREHOUSE-SKU' answers for '{SkuKey(unmapped)}')",
                RequiresValue: true));
        }

        actions.Add(new ReviewAction(Retry, $"plan again after the data dictionary (now {plan.DictionaryVersion}) or the order in the store was corrected", RequiresValue: false));
        actions.Add(CancelAction);
        return new ReviewRequest($"{Prefix(note)}order {orderKey} cannot be sent to a warehouse: {string.Join("; ", plan.Problems)}", actions);
    }

    /// <summary>No candidate warehouse has every line in stock; nothing is held for the order.</summary>
    public static ReviewRequest Backordered(string orderKey, StockReservation reservation, IReadOnlyList<string> warehouses, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        string shortages = reservation.Shortages.Count == 0
            ? "not enough stock"
            : string.Join(", ", reservation.Shortages.Select(s => $"{s.WarehouseSku} needs {s.Needed}, at most {s.Available} available"));
        return new ReviewRequest(
            $"{Prefix(note)}Backordered: order {orderKey} ({shortages}) at {string.Join(", ", warehouses)}: retry when stock arrives, ship from a warehouse, or cancel",
            [
                new ReviewAction(Retry, "reserve the stock again (stock arrived)", RequiresValue: false),
                ShipFromAction(warehouses),
                CancelAction,
            ]);
    }

    /// <summary>The warehouse refused the order for a reason a retry of the same request cannot fix.</summary>
    public static ReviewRequest WarehouseRefused(string orderKey, string warehouse, string? detail, IReadOnlyList<string> warehouses, string? note = null) => new(
        $"{Prefix(note)}order {orderKey}: warehouse {warehouse} refused the order ({detail ?? "no reason given"}): retry after fixing it there, ship from another warehouse, or cancel",
        [
            new ReviewAction(Retry, $"send the order to {warehouse} again", RequiresValue: false),
            ShipFromAction(warehouses),
            CancelAction,
        ]);

    /// <summary>The sentence the result and status carry for a "cancel" answer.</summary>
    public static string CancelledBy(ReviewDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return $"cancelled by {decision.ReviewedBy ?? "an operator"}: {decision.Comment ?? "no comment"}";
    }

    /// <summary>
    /// Reads a use-sku value: "STORE-SKU=WAREHOUSE-SKU" for an unmapped line's SKU (ignoring case) or "line:{id}",
    /// or a bare warehouse SKU for the first unmapped line. Null (with why) when it names no unmapped line.
    /// </summary>
    public static (string Key, string WarehouseSku)? ParseUseSku(string? value, IReadOnlyList<PlannedLine> lines, out string? why)
    {
        ArgumentNullException.ThrowIfNull(lines);
        why = null;
        List<PlannedLine> unmapped = lines.Where(l => l.WarehouseSku is null).ToList();
        string text = value?.Trim() ?? string.Empty;
        int eq = text.IndexOf('=', StringComparison.Ordinal);
        string key = eq < 0 ? (unmapped.Count > 0 ? SkuKey(unmapped[0]) : string.Empty) : text[..eq].Trim();
        string sku = eq < 0 ? text : text[(eq + 1)..].Trim();
        if (unmapped.Count == 0)
        {
            why = "no line is unmapped";
            return null;
        }

        if (sku.Length == 0 || key.Length == 0)
        {
            why = $"'{text}' is not 'STORE-SKU=WAREHOUSE-SKU'";
            return null;
        }

        PlannedLine? line = unmapped.FirstOrDefault(l => string.Equals(SkuKey(l), key, StringComparison.OrdinalIgnoreCase));
        if (line is null)
        {
            why = $"'{key}' is not an unmapped line of the order (unmapped: {string.Join(", ", unmapped.Select(SkuKey))})";
            return null;
        }

        return (SkuKey(line), sku);
    }

    /// <summary>The key an answer names a line by: its store SKU, or "line:{id}" for a line without one.</summary>
    public static string SkuKey(PlannedLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return string.IsNullOrWhiteSpace(line.Sku) ? FormattableString.Invariant($"line:{line.LineItemId}") : line.Sku;
    }

    private static ReviewAction ShipFromAction(IReadOnlyList<string> warehouses) =>
        new(ShipFrom, $"hold the stock at and send the order to this warehouse (value: one of {string.Join(", ", warehouses)})", RequiresValue: true);

    private static string Prefix(string? note) => note is null ? string.Empty : note + ". ";
}
