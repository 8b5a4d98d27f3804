using Integration.Activities.Connectors.Warehouses;
using Integration.Activities.Orders;
using Integration.Activities.Orders.Stock;
using Integration.Orchestrations.Orders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using Xunit;

namespace Integration.Tests.Unit.Activities.Orders;

/// <summary>
/// The warehouse stock loop: each poll records every warehouse's figures (stamped with the time the read began), pushes
/// the SKUs that changed and every other ledger SKU to the stores; one warehouse failing stops nothing; the loop never
/// exits on a failure, and does not run when Orders:Stock:Enabled is false.
/// </summary>
public sealed class WarehouseStockLoopTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private readonly Mock<IStockLedger> ledger = new();
    private readonly Mock<IStockLedgerIndex> index = new();
    private readonly Mock<IStoreStockSync> sync = new();
    private readonly SettableClock clock = new(Start);

    public WarehouseStockLoopTests()
    {
        index.Setup(i => i.ListWarehouseSkusAsync(It.IsAny<CancellationToken>())).ReturnsAsync([]);
        sync.Setup(s => s.CheckStoresAsync(It.IsAny<IReadOnlyList<string>>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyList<string> skus, string _, CancellationToken _) => new SyncStoreStockResult(2, skus.Count, []));
    }

    [Fact]
    public async Task A_poll_records_each_warehouse_figure_stamped_with_the_start_of_its_read_and_pushes_changed_skus_first_then_the_rest()
    {
        // The read takes 3 s: the figure may predate a shipment recorded meanwhile, so it carries the read's start.
        var shipbob = Warehouse("shipbob", () => { clock.Advance(TimeSpan.FromSeconds(3)); return [new("WH-A", 5), new("WH-B", 3)]; });
        var shipstation = Warehouse("shipstation", () => null);
        ledger.Setup(l => l.SetOnHandAsync("shipbob", "WH-A", 5, Start, It.IsAny<CancellationToken>())).ReturnsAsync(true);
        ledger.Setup(l => l.SetOnHandAsync("shipbob", "WH-B", 3, Start, It.IsAny<CancellationToken>())).ReturnsAsync(false);
        index.Setup(i => i.ListWarehouseSkusAsync(It.IsAny<CancellationToken>())).ReturnsAsync(["WH-B", "WH-C", "WH-A"]);

        StockPoll poll = await Poller(shipbob, shipstation).PollOnceAsync(CancellationToken.None);

        Assert.Equal(1, poll.WarehousesRead);
        Assert.Equal(1, poll.SkusChanged);
        Assert.Empty(poll.Problems);
        sync.Verify(s => s.CheckStoresAsync(It.Is<IReadOnlyList<string>>(l => l.SequenceEqual(new[] { "WH-A", "WH-B", "WH-C" })), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Once);
        ledger.Verify(l => l.SetOnHandAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<int>(), It.Is<DateTimeOffset>(t => t != Start), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_warehouse_that_cannot_be_read_is_a_problem_and_the_others_are_still_applied()
    {
        var shipbob = new Mock<IWarehouseConnector>();
        shipbob.SetupGet(w => w.Name).Returns("shipbob");
        shipbob.Setup(w => w.GetStockAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ThrowsAsync(new HttpRequestException("503"));
        var shipstation = Warehouse("shipstation", () => [new("WH-A", 9)]);
        ledger.Setup(l => l.SetOnHandAsync("shipstation", "WH-A", 9, Start, It.IsAny<CancellationToken>())).ReturnsAsync(true);

        StockPoll poll = await Poller(shipbob.Object, shipstation).PollOnceAsync(CancellationToken.None);

        Assert.Equal(1, poll.WarehousesRead);
        Assert.Contains("shipbob", Assert.Single(poll.Problems), StringComparison.Ordinal);
        sync.Verify(s => s.CheckStoresAsync(It.Is<IReadOnlyList<string>>(l => l.SequenceEqual(new[] { "WH-A" })), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task The_loop_keeps_polling_after_failures()
    {
        int polls = 0;
        var third = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        index.Setup(i => i.ListWarehouseSkusAsync(It.IsAny<CancellationToken>())).Returns(() =>
        {
            if (Interlocked.Increment(ref polls) >= 3)
            {
                third.TrySetResult();
                return Task.FromResult<IReadOnlyList<string>>([]);
            }

            throw new InvalidOperationException("storage down");
        });
        using var loop = Loop(new OrdersStockOptions { PollInterval = TimeSpan.FromMilliseconds(20) });

        await loop.StartAsync(CancellationToken.None);
        Task finished = await Task.WhenAny(third.Task, Task.Delay(TimeSpan.FromSeconds(10)));
        bool stillRunning = !loop.ExecuteTask!.IsCompleted;
        await loop.StopAsync(CancellationToken.None);

        Assert.Same(third.Task, finished);
        Assert.True(stillRunning);
    }

    [Fact]
    public async Task The_loop_does_not_run_when_disabled()
    {
        using var loop = Loop(new OrdersStockOptions { Enabled = false, PollInterval = TimeSpan.FromMilliseconds(20) });

        await loop.StartAsync(CancellationToken.None);
        Task ended = await Task.WhenAny(loop.ExecuteTask!, Task.Delay(TimeSpan.FromSeconds(10)));
        await loop.StopAsync(CancellationToken.None);

        // Enabled, the loop would wait out its interval and poll, and never end by itself.
        Assert.Same(loop.ExecuteTask, ended);
        Assert.True(ended.IsCompletedSuccessfully);
        index.Verify(i => i.ListWarehouseSkusAsync(It.IsAny<CancellationToken>()), Times.Never);
    }

    private WarehouseStockPoller Poller(params IWarehouseConnector[] warehouses) =>
        new(warehouses, ledger.Object, index.Object, sync.Object, clock, NullLogger<WarehouseStockPoller>.Instance);

    private WarehouseStockLoop Loop(OrdersStockOptions settings)
    {
        var services = new ServiceCollection().AddSingleton(Poller()).BuildServiceProvider();
        var options = new Mock<IOptionsMonitor<OrdersOptions>>();
        options.SetupGet(o => o.CurrentValue).Returns(new OrdersOptions { Stock = settings });
        return new WarehouseStockLoop(services, options.Object, TimeProvider.System, NullLogger<WarehouseStockLoop>.Instance);
    }

    private static IWarehouseConnector Warehouse(string name, Func<IReadOnlyList<WarehouseStockLevel>?> levels)
    {
        var warehouse = new Mock<IWarehouseConnector>();
        warehouse.SetupGet(w => w.Name).Returns(name);
        warehouse.Setup(w => w.GetStockAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(levels);
        return warehouse.Object;
    }

    /// <summary>A clock the test moves by hand.</summary>
    private sealed class SettableClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset now = start;

        public void Advance(TimeSpan by) => now += by;

        public override DateTimeOffset GetUtcNow() => now;
    }
}
