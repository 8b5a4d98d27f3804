using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure;
using Azure.Data.Tables;
using Integration.Activities.Connectors.Warehouses;
using Integration.Activities.Storage;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.Orders;
using Microsoft.Extensions.Logging;

namespace Integration.Activities.Orders.Stock;

/// <summary>The warehouse SKUs the ledger holds, so the stock loop can find the ones whose stores are behind.</summary>
public interface IStockLedgerIndex
{
    Task<IReadOnlyList<string>> ListWarehouseSkusAsync(CancellationToken cancellationToken);
}

/// <summary>Too many concurrent changes to one SKU in a row: the caller (an activity, the loop) retries later.</summary>
public sealed class StockLedgerContentionException(string message) : Exception(message);

/// <summary>
/// Table "StockLedger". One partition per warehouse SKU ("sku:" + the escaped SKU): a "stock" row with per-warehouse
/// columns OnHand_{w}, Reserved_{w}, OnHandKnown_{w}, LocalChangeAt_{w} and a Version that grows with every change,
/// and one "order:{orderKey}" row per order holding that SKU {Warehouse, Quantity, Shipped, Status, ShipmentIds}.
/// Every change is ONE entity-group transaction in the SKU partition: the stock row replaced under its ETag plus the
/// order's row, so "check available, hold it, record the order's line" cannot interleave with another order's; a lost
/// race (412/409) re-reads and retries with jitter, up to <see cref="MaxAttempts"/>. The order as a whole lives in
/// partition "order:{orderKey}" row "reservation" {Status, Warehouse, Lines, Shipments, Shortages}, written after its
/// lines, so a crash between the two is repaired by asking again (every line change is idempotent per order).
/// </summary>
/// <remarks>
/// A warehouse whose connector has no stock API (GetStockAsync null) is unlimited: its orders are always reserved,
/// and it adds nothing to what stores may sell. A warehouse with no connector at all holds nothing.
/// </remarks>
public sealed partial class StockLedger(StorageClients storage, IEnumerable<IWarehouseConnector> warehouses, TimeProvider time, ILogger<StockLedger> log)
    : IStockLedger, IStockLedgerIndex
{
    /// <summary>Attempts of one change against concurrent writers before giving up (50 orders racing for one SKU need far fewer).</summary>
    public const int MaxAttempts = 100;

    /// <summary>Table keys hold at most 1 KiB; longer ids could collide once cut.</summary>
    public const int MaxKeyLength = 256;

    private const string StockRow = "stock";
    private const string OrderRowPrefix = "order:";
    private const string SkuPartitionPrefix = "sku:";
    private const string ReservationRow = "reservation";
    private const string OnHandColumn = "OnHand_";
    private const string ReservedColumn = "Reserved_";
    private const string KnownColumn = "OnHandKnown_";
    private const string LocalChangeColumn = "LocalChangeAt_";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly TableClient table = storage.Tables.GetTableClient(storage.Names.StockLedgerTable);
    private readonly IReadOnlyDictionary<string, IWarehouseConnector> connectors = warehouses
        .GroupBy(w => w.Name, StringComparer.OrdinalIgnoreCase)
        .ToDictionary(g => g.Key.ToLowerInvariant(), g => g.First(), StringComparer.Ordinal);

    // Whether a warehouse has a stock API is a property of its configuration, fixed for the process.
    private readonly ConcurrentDictionary<string, bool> unlimited = new(StringComparer.Ordinal);

    public async Task<StockReservation> ReserveAsync(ReserveStockInput request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        CheckKey(request.OrderKey, "order key");
        ArgumentNullException.ThrowIfNull(request.Lines);
        ArgumentNullException.ThrowIfNull(request.Warehouses);
        IReadOnlyList<StockLine> lines = MergeLines(request.Lines.Select(l => (l.WarehouseSku, l.Quantity)));

        OrderRecord? existing = await ReadOrderAsync(request.OrderKey, cancellationToken).ConfigureAwait(false);

        // A person's ship-from (release, then reserve pinned) reopens a released order that shipped nothing; nothing else does.
        bool reopen = existing is { Status: StockReservation.Released, Shipments.Count: 0 } && request.PinnedWarehouse is { Length: > 0 };
        if (!reopen && existing is { Status: StockReservation.Reserved or StockReservation.PartiallyShipped or StockReservation.Shipped or StockReservation.Released })
        {
            return existing.ToReservation();
        }

        var candidates = new List<string>();
        foreach (string name in (request.PinnedWarehouse is { Length: > 0 } pinned ? request.Warehouses.Prepend(pinned) : request.Warehouses))
        {
            string w = WarehouseName(name);
            if (!candidates.Contains(w))
            {
                candidates.Add(w);
            }
        }

        var shortAt = new HashSet<string>(StringComparer.Ordinal);
        Exception? readFailure = null;
        foreach (string warehouse in candidates)
        {
            bool isUnlimited = unlimited.TryGetValue(warehouse, out bool known) && known;
            bool mayRead = !isUnlimited && connectors.ContainsKey(warehouse);
            var held = new List<StockLine>();
            bool refused = false;
            for (int i = 0; i < lines.Count; i++)
            {
                StockLine line = lines[i];
                LineOutcome outcome = await ChangeAsync(line.WarehouseSku, request.OrderKey, (stock, row) => ReserveLine(stock, reopen && row is { Status: StockReservation.Released, Shipped: 0 } ? null : row, request.OrderKey, warehouse, line, isUnlimited, mayRead), cancellationToken)
                    .ConfigureAwait(false);
                if (outcome.OnHandUnknown)
                {
                    // Never read at this warehouse (the first order after a start): read the warehouse once, then this line again.
                    mayRead = false;
                    try
                    {
                        isUnlimited = await ReadWarehouseAsync(warehouse, lines, request.CorrelationId, cancellationToken).ConfigureAwait(false);
                        i--;
                        continue;
                    }
                    catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                    {
                        readFailure ??= ex;
                        LogWarehouseUnreadable(ex, warehouse, LogText.Safe(request.OrderKey), request.CorrelationId);
                        refused = true;
                        break;
                    }
                }

                if (outcome.Closed is { } closedStatus)
                {
                    // The order's lines were released or shipped by a call that crashed before recording the order: it stays closed.
                    await RollBackAsync(held, request.OrderKey, warehouse, cancellationToken).ConfigureAwait(false);
                    OrderRecord closed = (existing ?? new OrderRecord(request.OrderKey)) with { Status = closedStatus, Lines = lines, Shortages = [] };
                    return await RecordReserveAsync(closed, cancellationToken).ConfigureAwait(false);
                }

                if (!outcome.Held)
                {
                    refused = true;
                    shortAt.Add(line.WarehouseSku);
                    break;
                }

                held.Add(line);
            }

            if (!refused)
            {
                OrderRecord reserved = (existing ?? new OrderRecord(request.OrderKey)) with { Status = StockReservation.Reserved, Warehouse = warehouse, Lines = lines, Shortages = [] };
                LogReserved(LogText.Safe(request.OrderKey), warehouse, request.CorrelationId);
                return await RecordReserveAsync(reserved, cancellationToken).ConfigureAwait(false);
            }

            await RollBackAsync(held, request.OrderKey, warehouse, cancellationToken).ConfigureAwait(false);
        }

        if (readFailure is not null)
        {
            // Not a backorder: a warehouse's stock could not be read. Failing lets the activity's retry policy try again.
            ExceptionDispatchInfo.Throw(readFailure);
        }

        var shortages = new List<StockShortage>();
        foreach (StockLine line in lines.Where(l => shortAt.Contains(l.WarehouseSku) || candidates.Count == 0))
        {
            StockRowState stock = (await ReadPartitionAsync(line.WarehouseSku, null, cancellationToken).ConfigureAwait(false)).Stock;
            int best = candidates.Select(w => stock.Available(w)).DefaultIfEmpty(0).Max();
            shortages.Add(new StockShortage(line.WarehouseSku, line.Quantity, best));
        }

        OrderRecord backordered = (existing ?? new OrderRecord(request.OrderKey)) with { Status = StockReservation.Backordered, Warehouse = null, Lines = lines, Shortages = shortages };
        LogBackordered(LogText.Safe(request.OrderKey), string.Join(", ", candidates), request.CorrelationId);
        return await RecordReserveAsync(backordered, cancellationToken).ConfigureAwait(false);
    }

    public async Task<StockReservation> ReleaseAsync(string orderKey, CancellationToken cancellationToken)
    {
        CheckKey(orderKey, "order key");
        for (int attempt = 1; ; attempt++)
        {
            OrderRecord? order = await ReadOrderAsync(orderKey, cancellationToken).ConfigureAwait(false);
            if (order is null)
            {
                return new StockReservation(orderKey, StockReservation.None, null, []);
            }

            StockReservation before = order.ToReservation();
            if (order.Status is StockReservation.Released or StockReservation.Shipped)
            {
                return before;
            }

            foreach (StockLine line in order.Lines)
            {
                await ChangeAsync(line.WarehouseSku, orderKey, (stock, row) => ReleaseLine(stock, row), cancellationToken).ConfigureAwait(false);
            }

            try
            {
                await WriteOrderAsync(order with { Status = StockReservation.Released }, cancellationToken).ConfigureAwait(false);
                LogReleased(LogText.Safe(orderKey), before.Status);
                return before;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // A shipment or a reserve recorded meanwhile: read the order again (every line change is idempotent).
            }
        }
    }

    public async Task<StockReservation> CommitShipmentAsync(CommitShipmentInput request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        CheckKey(request.OrderKey, "order key");
        ArgumentException.ThrowIfNullOrWhiteSpace(request.ShipmentId);
        ArgumentNullException.ThrowIfNull(request.Lines);
        string warehouse = WarehouseName(request.Warehouse);
        IReadOnlyList<StockLine> shipped = MergeLines(request.Lines.Select(l => (l.WarehouseSku, l.Quantity)));
        DateTimeOffset now = time.GetUtcNow();

        foreach (StockLine line in shipped)
        {
            await ChangeAsync(line.WarehouseSku, request.OrderKey, (stock, row) => ShipLine(stock, row, request.OrderKey, warehouse, request.ShipmentId, line.Quantity, now), cancellationToken)
                .ConfigureAwait(false);
        }

        for (int attempt = 1; ; attempt++)
        {
            OrderRecord order = await ReadOrderAsync(request.OrderKey, cancellationToken).ConfigureAwait(false)
                ?? new OrderRecord(request.OrderKey) { Status = StockReservation.Reserved, Warehouse = warehouse, Lines = shipped };
            if (order.Shipments.Any(s => s.ShipmentId == request.ShipmentId))
            {
                return order.ToReservation();
            }

            var shipments = order.Shipments.Append(new ShipmentRecord(request.ShipmentId, warehouse, shipped)).ToList();
            var shippedPerSku = shipments.SelectMany(s => s.Lines).GroupBy(l => l.WarehouseSku, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity), StringComparer.Ordinal);
            bool all = order.Lines.All(l => shippedPerSku.GetValueOrDefault(l.WarehouseSku) >= l.Quantity);
            string status = all ? StockReservation.Shipped : order.Status == StockReservation.Released ? StockReservation.Released : StockReservation.PartiallyShipped;
            OrderRecord after = order with { Status = status, Warehouse = order.Warehouse ?? warehouse, Shipments = shipments };
            try
            {
                await WriteOrderAsync(after, cancellationToken).ConfigureAwait(false);
                LogShipped(request.ShipmentId, LogText.Safe(request.OrderKey), status, request.CorrelationId);
                return after.ToReservation();
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxAttempts)
            {
                await BackOffAsync(attempt, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task<StockReservation> GetReservationAsync(string orderKey, CancellationToken cancellationToken)
    {
        CheckKey(orderKey, "order key");
        OrderRecord? order = await ReadOrderAsync(orderKey, cancellationToken).ConfigureAwait(false);
        return order?.ToReservation() ?? new StockReservation(orderKey, StockReservation.None, null, []);
    }

    public Task<bool> SetOnHandAsync(string warehouse, string warehouseSku, int onHand, DateTimeOffset readAt, CancellationToken cancellationToken)
    {
        string w = WarehouseName(warehouse);
        ArgumentOutOfRangeException.ThrowIfNegative(onHand);
        return ChangeAsync(warehouseSku, null, (stock, _) =>
        {
            WarehouseStock s = stock.For(w);
            if ((s.Known && s.OnHand == onHand) || (s.LocalChangeAt is { } local && readAt <= local))
            {
                return new Change<bool>(false, Write: false, null);
            }

            s.OnHand = onHand;
            s.Known = true;
            return new Change<bool>(true, Write: true, null);
        }, cancellationToken);
    }

    public async Task<SkuAvailability> GetAvailabilityAsync(string warehouseSku, CancellationToken cancellationToken)
    {
        StockRowState stock = (await ReadPartitionAsync(warehouseSku, null, cancellationToken).ConfigureAwait(false)).Stock;
        return new SkuAvailability(warehouseSku, stock.SellableTotal(), stock.Version);
    }

    public async Task<IReadOnlyList<string>> ListWarehouseSkusAsync(CancellationToken cancellationToken)
    {
        string stockRow = StockRow;
        var skus = new List<string>();
        await foreach (TableEntity e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {stockRow}"), select: ["WarehouseSku"], cancellationToken: cancellationToken)
            .ConfigureAwait(false))
        {
            if (e.GetString("WarehouseSku") is { Length: > 0 } sku)
            {
                skus.Add(sku);
            }
        }

        return skus;
    }

    private static Change<LineOutcome> ReserveLine(StockRowState stock, OrderLineRow? row, string orderKey, string warehouse, StockLine line, bool isUnlimited, bool mayRead)
    {
        if (row is { Status: StockReservation.Released or StockReservation.Shipped or StockReservation.PartiallyShipped })
        {
            return new Change<LineOutcome>(new LineOutcome(false, 0, row.Status), Write: false, null);
        }

        if (row is { Status: StockReservation.Reserved } && row.Warehouse == warehouse && row.Quantity == line.Quantity)
        {
            return new Change<LineOutcome>(new LineOutcome(true, 0, null), Write: false, null);
        }

        if (mayRead && !isUnlimited && !stock.For(warehouse).Known)
        {
            return new Change<LineOutcome>(new LineOutcome(false, 0, null, OnHandUnknown: true), Write: false, null);
        }

        if (row is { Status: StockReservation.Reserved })
        {
            // Left by an attempt that did not finish (another warehouse, or other quantities): give it back first.
            WarehouseStock previous = stock.For(row.Warehouse);
            previous.Reserved = Math.Max(0, previous.Reserved - row.Quantity);
        }

        WarehouseStock s = stock.For(warehouse);
        int available = isUnlimited ? int.MaxValue : stock.Available(warehouse);
        if (available < line.Quantity)
        {
            // Undo the give-back above by not writing; the row keeps its old hold until that order is released or retried.
            return new Change<LineOutcome>(new LineOutcome(false, available, null), Write: false, null);
        }

        s.Reserved += line.Quantity;
        return new Change<LineOutcome>(new LineOutcome(true, available, null), Write: true,
            new OrderLineRow(orderKey, warehouse, line.Quantity, 0, StockReservation.Reserved, []));
    }

    private static Change<bool> ReleaseLine(StockRowState stock, OrderLineRow? row)
    {
        if (row is not { Status: StockReservation.Reserved or StockReservation.PartiallyShipped })
        {
            return new Change<bool>(false, Write: false, null);
        }

        WarehouseStock s = stock.For(row.Warehouse);
        s.Reserved = Math.Max(0, s.Reserved - Math.Max(0, row.Quantity - row.Shipped));
        return new Change<bool>(true, Write: true, row with { Status = StockReservation.Released });
    }

    /// <summary>Takes back a line held at a warehouse that could not hold the whole order: the row goes, as if never reserved.</summary>
    private async Task RollBackAsync(IEnumerable<StockLine> held, string orderKey, string warehouse, CancellationToken cancellationToken)
    {
        foreach (StockLine line in held)
        {
            await ChangeAsync(line.WarehouseSku, orderKey, (stock, row) =>
            {
                if (row is not { Status: StockReservation.Reserved } || row.Warehouse != warehouse)
                {
                    return new Change<bool>(false, Write: false, null);
                }

                WarehouseStock s = stock.For(warehouse);
                s.Reserved = Math.Max(0, s.Reserved - row.Quantity);
                return new Change<bool>(true, Write: true, null, DeleteOrderRow: true);
            }, cancellationToken).ConfigureAwait(false);
        }
    }

    private static Change<bool> ShipLine(StockRowState stock, OrderLineRow? row, string orderKey, string warehouse, string shipmentId, int quantity, DateTimeOffset now)
    {
        OrderLineRow current = row ?? new OrderLineRow(orderKey, warehouse, 0, 0, StockReservation.Reserved, []);
        if (current.ShipmentIds.Contains(shipmentId, StringComparer.Ordinal))
        {
            return new Change<bool>(false, Write: false, null);
        }

        if (current.Status is StockReservation.Reserved or StockReservation.PartiallyShipped)
        {
            WarehouseStock holder = stock.For(current.Warehouse);
            holder.Reserved = Math.Max(0, holder.Reserved - Math.Min(quantity, Math.Max(0, current.Quantity - current.Shipped)));
        }

        // The units left the warehouse now; the warehouse's own figure catches up later and only a newer read replaces this.
        WarehouseStock s = stock.For(warehouse);
        s.OnHand = Math.Max(0, s.OnHand - quantity);
        s.LocalChangeAt = now;

        int shipped = current.Shipped + quantity;
        string status = shipped >= current.Quantity ? StockReservation.Shipped
            : current.Status == StockReservation.Released ? StockReservation.Released : StockReservation.PartiallyShipped;
        return new Change<bool>(true, Write: true, current with { Shipped = shipped, Status = status, ShipmentIds = [.. current.ShipmentIds, shipmentId] });
    }

    /// <summary>
    /// Reads the warehouse's stock through its connector and records the order's SKUs (a SKU it does not list is one it
    /// holds none of), so the first order after a start does not backorder; true when it has no stock API (unlimited).
    /// </summary>
    private async Task<bool> ReadWarehouseAsync(string warehouse, IReadOnlyList<StockLine> lines, string correlationId, CancellationToken cancellationToken)
    {
        IWarehouseConnector connector = connectors[warehouse];
        DateTimeOffset readAt = time.GetUtcNow();
        IReadOnlyList<WarehouseStockLevel>? levels = await connector.GetStockAsync(correlationId, cancellationToken).ConfigureAwait(false);
        unlimited[warehouse] = levels is null;
        if (levels is null)
        {
            return true;
        }

        var onHand = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (WarehouseStockLevel level in levels)
        {
            onHand[level.WarehouseSku] = onHand.GetValueOrDefault(level.WarehouseSku) + Math.Max(0, level.OnHand);
        }

        foreach (StockLine line in lines)
        {
            await SetOnHandAsync(warehouse, line.WarehouseSku, onHand.GetValueOrDefault(line.WarehouseSku), readAt, cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    /// <summary>One guarded change of a SKU partition: read, decide, write the stock row under its ETag with the order's row; a lost race retries.</summary>
    private async Task<T> ChangeAsync<T>(string warehouseSku, string? orderKey, Func<StockRowState, OrderLineRow?, Change<T>> decide, CancellationToken cancellationToken)
    {
        CheckKey(warehouseSku, "warehouse SKU");
        for (int attempt = 1; ; attempt++)
        {
            (StockRowState stock, OrderLineRow? row) = await ReadPartitionAsync(warehouseSku, orderKey, cancellationToken).ConfigureAwait(false);
            Change<T> change = decide(stock, row);
            if (!change.Write)
            {
                return change.Result;
            }

            stock.Version++;
            var actions = new List<TableTransactionAction>
            {
                stock.ETag is { } etag
                    ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, stock.ToEntity(), etag)
                    : new TableTransactionAction(TableTransactionActionType.Add, stock.ToEntity()),
            };
            if (orderKey is not null && change.OrderRow is { } newRow)
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, newRow.ToEntity(stock.Partition)));
            }
            else if (orderKey is not null && change.DeleteOrderRow && row is not null)
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(stock.Partition, OrderRowKey(orderKey)), ETag.All));
            }

            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
                return change.Result;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                if (attempt >= MaxAttempts)
                {
                    throw new StockLedgerContentionException(
                        $"Stock of '{warehouseSku}' changed under {MaxAttempts} attempts in a row (concurrent orders); nothing was changed by this call, try again.");
                }

                await BackOffAsync(attempt, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Full jitter, growing to a quarter second, so racing writers spread out instead of colliding again.</summary>
    private Task BackOffAsync(int attempt, CancellationToken cancellationToken)
    {
        int ceiling = Math.Min(250, 5 << Math.Min(attempt, 6));
        return Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, ceiling + 1)), time, cancellationToken);
    }

    private async Task<(StockRowState Stock, OrderLineRow? Row)> ReadPartitionAsync(string warehouseSku, string? orderKey, CancellationToken cancellationToken)
    {
        CheckKey(warehouseSku, "warehouse SKU");
        string partition = SkuPartitionPrefix + TableKeys.Escape(warehouseSku);
        string stockRow = StockRow;
        string filter = orderKey is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey eq {stockRow}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {partition} and (RowKey eq {stockRow} or RowKey eq {OrderRowKey(orderKey)})");
        TableEntity? stock = null, order = null;
        await foreach (TableEntity e in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (e.RowKey == StockRow)
            {
                stock = e;
            }
            else
            {
                order = e;
            }
        }

        if (stock is not null && stock.GetString("WarehouseSku") is { } stored && stored != warehouseSku)
        {
            throw new InvalidOperationException($"Warehouse SKUs '{stored}' and '{warehouseSku}' map to the same table key '{partition}'.");
        }

        return (StockRowState.From(warehouseSku, partition, stock), order is null ? null : OrderLineRow.From(order));
    }

    private async Task<OrderRecord?> ReadOrderAsync(string orderKey, CancellationToken cancellationToken)
    {
        NullableResponse<TableEntity> response = await table.GetEntityIfExistsAsync<TableEntity>(OrderPartition(orderKey), ReservationRow, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return response.HasValue && response.Value is { } e && e.GetString("OrderKey") == orderKey ? OrderRecord.From(e) : null;
    }

    /// <summary>Writes the order's row; guarded by the ETag it was read with (a new one must not exist yet), so concurrent writers re-read.</summary>
    private Task WriteOrderAsync(OrderRecord order, CancellationToken cancellationToken)
    {
        TableEntity entity = order.ToEntity(OrderPartition(order.OrderKey));
        return order.ETag is { } etag
            ? table.UpdateEntityAsync(entity, etag, TableUpdateMode.Replace, cancellationToken)
            : table.AddEntityAsync(entity, cancellationToken);
    }

    /// <summary>Records the outcome of a reserve; when a concurrent reserve of the same order recorded first, its outcome stands.</summary>
    private async Task<StockReservation> RecordReserveAsync(OrderRecord order, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await WriteOrderAsync(order, cancellationToken).ConfigureAwait(false);
                return order.ToReservation();
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxAttempts)
            {
                OrderRecord? stored = await ReadOrderAsync(order.OrderKey, cancellationToken).ConfigureAwait(false);
                if (stored is not null && !(order.Status == StockReservation.Reserved && stored.Status is StockReservation.Backordered or StockReservation.None))
                {
                    return stored.ToReservation();
                }

                // Units are held now for this order: that outranks a racing call's "backordered".
                order = order with { ETag = stored?.ETag };
            }
        }
    }

    private static IReadOnlyList<StockLine> MergeLines(IEnumerable<(string Sku, int Quantity)> lines)
    {
        var merged = new List<StockLine>();
        foreach ((string sku, int quantity) in lines)
        {
            CheckKey(sku, "warehouse SKU");
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
            int at = merged.FindIndex(l => l.WarehouseSku == sku);
            if (at >= 0)
            {
                merged[at] = merged[at] with { Quantity = merged[at].Quantity + quantity };
            }
            else
            {
                merged.Add(new StockLine(sku, quantity));
            }
        }

        return merged;
    }

    private static string OrderPartition(string orderKey) => OrderRowPrefix + TableKeys.Escape(orderKey);

    private static string OrderRowKey(string orderKey) => OrderRowPrefix + TableKeys.Escape(orderKey);

    private static void CheckKey(string value, string what)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, what);
        if (value.Length > MaxKeyLength)
        {
            throw new ArgumentException($"A {what} holds at most {MaxKeyLength} characters.", what);
        }
    }

    /// <summary>Warehouse names become column names: letters and digits only, compared in lower case.</summary>
    private static string WarehouseName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return WarehouseNamePattern().IsMatch(name)
            ? name.ToLowerInvariant()
            : throw new ArgumentException($"Warehouse name '{name}' must be 1 to 40 letters or digits.", nameof(name));
    }

    [GeneratedRegex("^[A-Za-z0-9]{1,40}$", RegexOptions.CultureInvariant)]
    private static partial Regex WarehouseNamePattern();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stock of warehouse {Warehouse} could not be read for order {OrderKey}; trying the next warehouse ({CorrelationId})")]
    private partial void LogWarehouseUnreadable(Exception ex, string warehouse, string orderKey, string correlationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stock for order {OrderKey} reserved at {Warehouse} ({CorrelationId})")]
    private partial void LogReserved(string orderKey, string warehouse, string correlationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderKey} backordered: no warehouse of [{Warehouses}] holds every line ({CorrelationId})")]
    private partial void LogBackordered(string orderKey, string warehouses, string correlationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stock held for order {OrderKey} released (it was {Status})")]
    private partial void LogReleased(string orderKey, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shipment {ShipmentId} of order {OrderKey} committed; the order is {Status} ({CorrelationId})")]
    private partial void LogShipped(string shipmentId, string orderKey, string status, string correlationId);

    /// <summary>What a decision returns, and whether (and how) to write.</summary>
    private sealed record Change<T>(T Result, bool Write, OrderLineRow? OrderRow, bool DeleteOrderRow = false);

    /// <summary>One line's reservation attempt: held, or the units available there; Closed when the order's line was already released or shipped; OnHandUnknown when the warehouse must be read first.</summary>
    private sealed record LineOutcome(bool Held, int Available, string? Closed, bool OnHandUnknown = false);

    /// <summary>One warehouse's columns of a stock row.</summary>
    private sealed class WarehouseStock
    {
        public int OnHand { get; set; }

        public int Reserved { get; set; }

        public bool Known { get; set; }

        public DateTimeOffset? LocalChangeAt { get; set; }
    }

    /// <summary>The "stock" row of a SKU partition as read (ETag null when it does not exist yet).</summary>
    private sealed class StockRowState
    {
        private readonly Dictionary<string, WarehouseStock> warehouses = new(StringComparer.Ordinal);

        private StockRowState(string sku, string partition, ETag? etag, long version)
        {
            Sku = sku;
            Partition = partition;
            ETag = etag;
            Version = version;
        }

        public string Sku { get; }

        public string Partition { get; }

        public ETag? ETag { get; }

        public long Version { get; set; }

        public WarehouseStock For(string warehouse)
        {
            if (!warehouses.TryGetValue(warehouse, out WarehouseStock? s))
            {
                s = new WarehouseStock();
                warehouses[warehouse] = s;
            }

            return s;
        }

        /// <summary>What the warehouse can still promise: 0 when its on-hand was never read.</summary>
        public int Available(string warehouse) =>
            warehouses.TryGetValue(warehouse, out WarehouseStock? s) && s.Known ? Math.Max(0, s.OnHand - s.Reserved) : 0;

        public int SellableTotal() => warehouses.Keys.Sum(Available);

        public static StockRowState From(string sku, string partition, TableEntity? e)
        {
            var state = new StockRowState(sku, partition, e?.ETag, e?.GetInt64("Version") ?? 0);
            if (e is null)
            {
                return state;
            }

            foreach (string key in e.Keys)
            {
                if (key.StartsWith(OnHandColumn, StringComparison.Ordinal))
                {
                    string w = key[OnHandColumn.Length..];
                    WarehouseStock s = state.For(w);
                    s.OnHand = e.GetInt32(key) ?? 0;
                    s.Reserved = e.GetInt32(ReservedColumn + w) ?? 0;
                    s.Known = e.GetBoolean(KnownColumn + w) ?? false;
                    s.LocalChangeAt = e.GetDateTimeOffset(LocalChangeColumn + w);
                }
            }

            return state;
        }

        public TableEntity ToEntity()
        {
            var e = new TableEntity(Partition, StockRow) { ["WarehouseSku"] = Sku, ["Version"] = Version };
            foreach ((string w, WarehouseStock s) in warehouses)
            {
                e[OnHandColumn + w] = s.OnHand;
                e[ReservedColumn + w] = s.Reserved;
                e[KnownColumn + w] = s.Known;
                e[LocalChangeColumn + w] = s.LocalChangeAt?.ToUniversalTime();
            }

            return e;
        }
    }

    /// <summary>An order's line in a SKU partition.</summary>
    private sealed record OrderLineRow(string OrderKey, string Warehouse, int Quantity, int Shipped, string Status, IReadOnlyList<string> ShipmentIds)
    {
        public static OrderLineRow From(TableEntity e) => new(
            e.GetString("OrderKey") ?? string.Empty,
            e.GetString("Warehouse") ?? string.Empty,
            e.GetInt32("Quantity") ?? 0,
            e.GetInt32("Shipped") ?? 0,
            e.GetString("Status") ?? StockReservation.None,
            JsonSerializer.Deserialize<string[]>(e.GetString("ShipmentIds") ?? "[]", Json) ?? []);

        public TableEntity ToEntity(string partition) => new(partition, OrderRowKey(OrderKey))
        {
            ["OrderKey"] = OrderKey,
            ["Warehouse"] = Warehouse,
            ["Quantity"] = Quantity,
            ["Shipped"] = Shipped,
            ["Status"] = Status,
            ["ShipmentIds"] = JsonSerializer.Serialize(ShipmentIds, Json),
        };
    }

    /// <summary>One committed shipment, kept on the order so a repeat counts once.</summary>
    private sealed record ShipmentRecord(string ShipmentId, string Warehouse, IReadOnlyList<StockLine> Lines);

    /// <summary>The order's "reservation" row.</summary>
    private sealed record OrderRecord(string OrderKey)
    {
        public string Status { get; init; } = StockReservation.None;

        public string? Warehouse { get; init; }

        public IReadOnlyList<StockLine> Lines { get; init; } = [];

        public IReadOnlyList<ShipmentRecord> Shipments { get; init; } = [];

        public IReadOnlyList<StockShortage> Shortages { get; init; } = [];

        public ETag? ETag { get; init; }

        public StockReservation ToReservation() => new(OrderKey, Status, Warehouse, Shortages);

        public static OrderRecord From(TableEntity e) => new(e.GetString("OrderKey") ?? string.Empty)
        {
            Status = e.GetString("Status") ?? StockReservation.None,
            Warehouse = e.GetString("Warehouse"),
            Lines = JsonSerializer.Deserialize<StockLine[]>(e.GetString("Lines") ?? "[]", Json) ?? [],
            Shipments = JsonSerializer.Deserialize<ShipmentRecord[]>(e.GetString("Shipments") ?? "[]", Json) ?? [],
            Shortages = JsonSerializer.Deserialize<StockShortage[]>(e.GetString("Shortages") ?? "[]", Json) ?? [],
            ETag = e.ETag,
        };

        public TableEntity ToEntity(string partition) => new(partition, ReservationRow)
        {
            ["OrderKey"] = OrderKey,
            ["Status"] = Status,
            ["Warehouse"] = Warehouse,
            ["Lines"] = JsonSerializer.Serialize(Lines, Json),
            ["Shipments"] = JsonSerializer.Serialize(Shipments, Json),
            ["Shortages"] = JsonSerializer.Serialize(Shortages, Json),
        };
    }
}
