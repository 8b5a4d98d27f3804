using System.Globalization;
using Azure.Data.Tables;
using Integration.Activities.DeadLetters;
using Integration.Activities.Storage;
using Integration.Tests.System.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integration.Tests.System.Storage;

/// <summary>
/// On Azurite, each policy's filter run against a scratch table that stands in for the real one (the real
/// tables are shared with the other tests): rows older than the window go, newer ones and open dead letters
/// stay, and one run deletes no more than it may.
/// </summary>
public sealed class TableRetentionTests : IAsyncLifetime
{
    private static readonly RetentionOptions Windows = new();

    private readonly List<TableClient> scratch = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (TableClient table in scratch)
        {
            await table.DeleteAsync();
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task Rows_older_than_the_window_are_deleted_and_newer_rows_are_kept(int policyIndex)
    {
        TableClient table = await ScratchAsync();
        await AddRowsAsync(table, "old", partitions: 3, perPartition: 120);
        DateTimeOffset boundary = await PastAsync();
        await AddRowsAsync(table, "new", partitions: 2, perPartition: 10);

        RetentionPolicy policy = TableRetentionService.Policies(StorageNames.For("IntegrationHub"), Windows, boundary + WindowOf(policyIndex))[policyIndex];
        int deleted = await TableRetentionService.PruneTableAsync(table, policy.Filter, 10_000, CancellationToken.None);

        Assert.Equal(360, deleted);
        Assert.Equal(["new"], (await RowsAsync(table)).Select(r => r.RowKey[..3]).Distinct());
        Assert.Equal(20, (await RowsAsync(table)).Count);
    }

    [Fact]
    public async Task Open_dead_letters_are_kept_however_old_and_resolved_ones_go_after_their_window()
    {
        TableClient table = await ScratchAsync();
        await table.AddEntityAsync(new TableEntity("event", "open-old") { ["Status"] = DeadLetterStore.Open });
        await table.AddEntityAsync(new TableEntity("event", "resolved-old") { ["Status"] = "resolved" });
        await table.AddEntityAsync(new TableEntity("workflow", "replayed-old") { ["Status"] = "replayed" });
        DateTimeOffset boundary = await PastAsync();
        await table.AddEntityAsync(new TableEntity("event", "resolved-new") { ["Status"] = "resolved" });

        RetentionPolicy policy = TableRetentionService.Policies(StorageNames.For("IntegrationHub"), Windows, boundary + Windows.ResolvedDeadLetters)[2];
        await TableRetentionService.PruneTableAsync(table, policy.Filter, 10_000, CancellationToken.None);

        Assert.Equal(["open-old", "resolved-new"], (await RowsAsync(table)).Select(r => r.RowKey).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task One_run_deletes_at_most_its_limit()
    {
        TableClient table = await ScratchAsync();
        await AddRowsAsync(table, "old", partitions: 2, perPartition: 150);
        DateTimeOffset boundary = await PastAsync();

        RetentionPolicy policy = TableRetentionService.Policies(StorageNames.For("IntegrationHub"), Windows, boundary + Windows.ReceivedEvents)[0];
        int deleted = await TableRetentionService.PruneTableAsync(table, policy.Filter, 120, CancellationToken.None);

        Assert.Equal(120, deleted);
        Assert.Equal(180, (await RowsAsync(table)).Count);
    }

    [Fact]
    public async Task A_table_never_written_is_nothing_to_prune()
    {
        var missing = new TableClient(TestEnvironment.StorageConnectionString, "retentionnone" + Guid.NewGuid().ToString("N")[..12]);

        Assert.Equal(0, await TableRetentionService.PruneTableAsync(missing, "Timestamp lt datetime'2100-01-01T00:00:00Z'", 100, CancellationToken.None));
    }

    [Fact]
    public async Task The_service_survives_storage_that_does_not_answer_and_stops_when_asked()
    {
        // Nothing listens on port 1: every run fails; the loop must log it and keep going, not end or crash the host.
        string unreachable = TestEnvironment.DevelopmentStorage(1, 1, 1);
        var storage = new StorageClients(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [StorageClients.SettingName] = unreachable })
            .Build());
        var log = new WarningLog();
        using var service = new TableRetentionService(
            storage, new FixedOptions(Windows), TimeProvider.System, log, firstRunDelay: TimeSpan.Zero);

        await service.StartAsync(CancellationToken.None);
        await Eventually.Until(() => Task.FromResult(log.Count), n => n >= 1, TimeSpan.FromSeconds(60), "a failed pruning run to be logged");

        Assert.False(service.ExecuteTask!.IsCompleted, "the retention loop ended after a storage failure");
        await service.StopAsync(CancellationToken.None);
        Assert.True(service.ExecuteTask.IsCompleted);
    }

    private static TimeSpan WindowOf(int policyIndex) => policyIndex == 0 ? Windows.ReceivedEvents : Windows.ApiCallLog;

    /// <summary>A moment after every row written so far and before every row written next (Azurite stamps rows with its own clock).</summary>
    private static async Task<DateTimeOffset> PastAsync()
    {
        await Task.Delay(1500);
        DateTimeOffset boundary = DateTimeOffset.UtcNow;
        await Task.Delay(1500);
        return boundary;
    }

    private async Task<TableClient> ScratchAsync()
    {
        var table = new TableClient(TestEnvironment.StorageConnectionString, "retention" + Guid.NewGuid().ToString("N")[..12]);
        await table.CreateAsync();
        scratch.Add(table);
        return table;
    }

    private static async Task AddRowsAsync(TableClient table, string prefix, int partitions, int perPartition)
    {
        for (int p = 0; p < partitions; p++)
        {
            string partition = "p" + p.ToString(CultureInfo.InvariantCulture);
            foreach (var chunk in Enumerable.Range(0, perPartition).Chunk(100))
            {
                await table.SubmitTransactionAsync(chunk.Select(i => new TableTransactionAction(
                    TableTransactionActionType.Add, new TableEntity(partition, $"{prefix}-{i:D4}"))));
            }
        }
    }

    private static async Task<List<TableEntity>> RowsAsync(TableClient table)
    {
        var rows = new List<TableEntity>();
        await foreach (TableEntity row in table.QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }

    private sealed class FixedOptions(RetentionOptions value) : IOptionsMonitor<RetentionOptions>
    {
        public RetentionOptions CurrentValue => value;

        public RetentionOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<RetentionOptions, string?> listener) => null;
    }

    private sealed class WarningLog : ILogger<TableRetentionService>
    {
        private int count;

        public int Count => Volatile.Read(ref count);

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning && exception is not null)
            {
                Interlocked.Increment(ref count);
            }
        }
    }
}
