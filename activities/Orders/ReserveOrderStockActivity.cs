using Integration.Orchestrations.Orders;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Integration.Activities.Orders;

/// <summary>Holds an order's lines in the stock ledger (all or nothing per warehouse), then pushes the SKUs to the stores, best effort.</summary>
public sealed class ReserveOrderStockActivity(IStockLedger ledger, IStoreStockSync sync, ILogger<ReserveOrderStockActivity> log)
    : TaskActivity<ReserveStockInput, StockReservation>
{
    public override async Task<StockReservation> RunAsync(TaskActivityContext context, ReserveStockInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        StockReservation reservation = await ledger.ReserveAsync(input, CancellationToken.None).ConfigureAwait(false);
        if (reservation.Status == StockReservation.Reserved)
        {
            await StoreStockPush.BestEffortAsync(sync, input.Lines.Select(l => l.WarehouseSku), input.CorrelationId, log).ConfigureAwait(false);
        }

        return reservation;
    }
}

/// <summary>
/// Releases what an order still holds. It does not push to the stores itself: the ledger's answer does not name the
/// order's SKUs, so the workflows that call it push them next (SyncStoreStock).
/// </summary>
public sealed class ReleaseOrderStockActivity(IStockLedger ledger) : TaskActivity<ReleaseStockInput, StockReservation>
{
    public override Task<StockReservation> RunAsync(TaskActivityContext context, ReleaseStockInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return ledger.ReleaseAsync(input.OrderKey, CancellationToken.None);
    }
}

/// <summary>Turns a shipment's units from reserved into a decrement of on-hand (idempotent per shipment id), then pushes the SKUs, best effort.</summary>
public sealed class CommitShippedStockActivity(IStockLedger ledger, IStoreStockSync sync, ILogger<CommitShippedStockActivity> log)
    : TaskActivity<CommitShipmentInput, StockReservation>
{
    public override async Task<StockReservation> RunAsync(TaskActivityContext context, CommitShipmentInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        StockReservation after = await ledger.CommitShipmentAsync(input, CancellationToken.None).ConfigureAwait(false);
        await StoreStockPush.BestEffortAsync(sync, input.Lines.Select(l => l.WarehouseSku), input.CorrelationId, log).ConfigureAwait(false);
        return after;
    }
}

/// <summary>Pushes the ledger's availability of the SKUs to every store now; a store that fails is named in the result and caught up by the stock loop.</summary>
public sealed class SyncStoreStockActivity(IStoreStockSync sync) : TaskActivity<SyncStoreStockInput, SyncStoreStockResult>
{
    public override Task<SyncStoreStockResult> RunAsync(TaskActivityContext context, SyncStoreStockInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return sync.SyncAsync(input.WarehouseSkus, input.CorrelationId, CancellationToken.None);
    }
}

/// <summary>The push a ledger activity makes after its change: a failure is logged, not thrown, because the change is made and the stock loop catches the stores up.</summary>
internal static partial class StoreStockPush
{
    public static async Task BestEffortAsync(IStoreStockSync sync, IEnumerable<string> warehouseSkus, string correlationId, ILogger log)
    {
        string[] skus = warehouseSkus.Distinct(StringComparer.Ordinal).ToArray();
        if (skus.Length == 0)
        {
            return;
        }

        try
        {
            await sync.SyncAsync(skus, correlationId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogPushFailed(log, ex, string.Join(",", skus), correlationId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store stock push for {Skus} failed; the stock loop retries it ({CorrelationId})")]
    private static partial void LogPushFailed(ILogger log, Exception ex, string skus, string correlationId);
}
