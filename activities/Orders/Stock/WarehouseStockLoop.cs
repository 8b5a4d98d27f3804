using Integration.Activities.Connectors.Warehouses;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.Orders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integration.Activities.Orders.Stock;

/// <summary>What one poll did: warehouses read, SKUs whose on-hand changed, store writes, and what could not be done.</summary>
public sealed record StockPoll(int WarehousesRead, int SkusChanged, int StoreUpdates, IReadOnlyList<string> Problems);

/// <summary>
/// One round of the stock loop: read every warehouse's stock (a warehouse without a stock API is skipped), record each
/// figure in the ledger (applied only when read after the ledger's last local change), then check every store's level of
/// every SKU the ledger knows against the ledger and correct it (changed SKUs first): the store's own figure decides, not
/// the version record, so a store left wrong by a racing push or by its own decrement for a backordered order converges.
/// </summary>
public sealed partial class WarehouseStockPoller(
    IEnumerable<IWarehouseConnector> warehouses, IStockLedger ledger, IStockLedgerIndex index, IStoreStockSync sync, TimeProvider time, ILogger<WarehouseStockPoller> log)
{
    public async Task<StockPoll> PollOnceAsync(CancellationToken cancellationToken)
    {
        string correlationId = "stock-poll-" + Guid.NewGuid().ToString("N")[..12];
        var problems = new List<string>();
        var changed = new List<string>();
        int read = 0;
        foreach (IWarehouseConnector warehouse in warehouses)
        {
            // The figure reflects the warehouse at some moment during the call: stamping it with the call's start means a
            // shipment recorded locally while the call ran is never overwritten by a figure that may predate it.
            DateTimeOffset readAt = time.GetUtcNow();
            IReadOnlyList<WarehouseStockLevel>? levels;
            try
            {
                levels = await warehouse.GetStockAsync(correlationId, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                problems.Add($"{warehouse.Name}: stock could not be read ({ex.Message})");
                LogWarehouseFailed(ex, warehouse.Name, correlationId);
                continue;
            }

            if (levels is null)
            {
                continue;
            }

            read++;
            foreach (WarehouseStockLevel level in levels)
            {
                if (await ledger.SetOnHandAsync(warehouse.Name, level.WarehouseSku, Math.Max(0, level.OnHand), readAt, cancellationToken).ConfigureAwait(false)
                    && !changed.Contains(level.WarehouseSku, StringComparer.Ordinal))
                {
                    changed.Add(level.WarehouseSku);
                }
            }
        }

        IReadOnlyList<string> all = await index.ListWarehouseSkusAsync(cancellationToken).ConfigureAwait(false);
        List<string> toSync = [.. changed, .. all.Where(s => !changed.Contains(s, StringComparer.Ordinal))];
        SyncStoreStockResult synced = toSync.Count == 0
            ? new SyncStoreStockResult(0, 0, [])
            : await sync.CheckStoresAsync(toSync, correlationId, cancellationToken).ConfigureAwait(false);
        problems.AddRange(synced.Problems);
        if (changed.Count + synced.Updated + problems.Count > 0)
        {
            LogPolled(read, changed.Count, synced.Updated, problems.Count, correlationId);
        }

        return new StockPoll(read, changed.Count, synced.Updated, problems);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stock of warehouse {Warehouse} could not be read; the next poll tries again ({CorrelationId})")]
    private partial void LogWarehouseFailed(Exception ex, string warehouse, string correlationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stock poll: {Warehouses} warehouses read, {Changed} SKUs changed, {Updates} store updates, {Problems} problems ({CorrelationId})")]
    private partial void LogPolled(int warehouses, int changed, int updates, int problems, string correlationId);
}

/// <summary>
/// Keeps the ledger's on-hand and every store's stock current in the background, in both hosts: every
/// <c>Orders:Stock:PollInterval</c> one <see cref="WarehouseStockPoller"/> round; off when <c>Orders:Stock:Enabled</c> is
/// false. A failure (storage down, a vendor down, a connector not configured) is logged and retried with back-off; only
/// shutdown ends it.
/// </summary>
/// <param name="services">Resolves the poller per round, so a missing connector registration is a logged failure, not a host that cannot start.</param>
public sealed partial class WarehouseStockLoop(IServiceProvider services, IOptionsMonitor<OrdersOptions> options, TimeProvider time, ILogger<WarehouseStockLoop> log)
    : BackgroundService
{
    private static readonly TimeSpan FirstBackOff = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.Stock.Enabled)
        {
            LogDisabled();
            return;
        }

        int failures = 0;
        TimeSpan wait = options.CurrentValue.Stock.PollInterval;
        while (true)
        {
            await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
            try
            {
                await services.GetRequiredService<WarehouseStockPoller>().PollOnceAsync(stoppingToken).ConfigureAwait(false);
                failures = 0;
                wait = options.CurrentValue.Stock.PollInterval;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                failures++;
                TimeSpan interval = options.CurrentValue.Stock.PollInterval;
                wait = TimeSpan.FromTicks(Math.Min(interval.Ticks, FirstBackOff.Ticks << Math.Min(failures - 1, 16)));
                if (failures == 1 || failures % 60 == 0)
                {
                    LogFailed(ex, failures, wait.TotalSeconds);
                }
                else
                {
                    LogFailedAgain(ex.Message, failures);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stock loop off (Orders:Stock:Enabled is false): stores change only when an order workflow syncs them")]
    private partial void LogDisabled();

    // The first failure of a run, then every 60th, at warning level: a lasting cause (storage down, a connector not configured) is not repeated every poll.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Stock loop: a poll failed ({Failures} in a row); trying again in {Seconds} s")]
    private partial void LogFailed(Exception ex, int failures, double seconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stock loop: a poll failed again ({Failures} in a row): {Reason}")]
    private partial void LogFailedAgain(string reason, int failures);
}
