using Integration.Activities.Operations;
using Xunit;

namespace Integration.Tests.Unit.Activities.Operations;

public sealed class InstanceTableFinderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Pages_come_newest_first_and_together_hold_every_row_once()
    {
        var rows = new FakeInstanceRows(Enumerable.Range(0, 130).Select(i => Row($"deal-invoice-{i}", Now.AddMinutes(-i * 7))));
        List<InstanceListItem> all = await ReadAllAsync(Finder(rows), new InstanceFilter(), 25);

        Assert.Equal(130, all.Count);
        Assert.Equal(all.OrderByDescending(i => i.CreatedAt).Select(i => i.InstanceId), all.Select(i => i.InstanceId));
        Assert.Equal(130, all.Select(i => i.InstanceId).Distinct().Count());
    }

    [Fact]
    public async Task Rows_created_at_the_same_instant_are_split_across_pages_without_loss()
    {
        var rows = new FakeInstanceRows(Enumerable.Range(0, 30).Select(i => Row($"deal-invoice-{i:D2}", Now.AddMinutes(-5))));
        List<InstanceListItem> all = await ReadAllAsync(Finder(rows), new InstanceFilter(), 7);

        Assert.Equal(30, all.Select(i => i.InstanceId).Distinct().Count());
    }

    [Fact]
    public async Task A_store_comparing_times_to_the_millisecond_gives_no_row_twice_across_pages()
    {
        // Three workflows started within one millisecond, ids in the opposite order to time; pages of two.
        DateTimeOffset instant = Now.AddMinutes(-3);
        var rows = new FakeInstanceRows([
            Row("deal-invoice-1", instant.AddTicks(3)), Row("deal-invoice-2", instant.AddTicks(2)), Row("deal-invoice-3", instant.AddTicks(1))])
        { MillisecondBounds = true };
        List<InstanceListItem> all = await ReadAllAsync(Finder(rows), new InstanceFilter(), 2);

        Assert.Equal(["deal-invoice-1", "deal-invoice-2", "deal-invoice-3"], all.Select(i => i.InstanceId));
    }

    [Fact]
    public async Task A_window_with_more_rows_than_one_read_returns_is_shrunk_and_still_sorted()
    {
        // Ids in the opposite order to time: the first 1,000 rows storage returns (key order) are the oldest.
        var rows = new FakeInstanceRows(Enumerable.Range(0, 3000).Select(i => Row($"deal-invoice-{i:D5}", Now.AddSeconds(i - 3000))));
        InstancePage page = await Finder(rows).FindAsync(new InstanceFilter(), 50, null, CancellationToken.None);

        Assert.Equal(50, page.Items.Count);
        Assert.Equal("deal-invoice-02999", page.Items[0].InstanceId);
        Assert.Equal("deal-invoice-02950", page.Items[^1].InstanceId);
        Assert.All(rows.Queries, q => Assert.True(q.Max <= InstanceTableFinder.WindowRowLimit));
    }

    [Fact]
    public async Task Every_request_reads_a_bounded_number_of_rows_and_returns_a_token_to_go_on()
    {
        // 20,000 rows in one second: no window can be sorted within the limits, so the request stops at its bound.
        var rows = new FakeInstanceRows(Enumerable.Range(0, 20_000).Select(i => Row($"deal-invoice-{i:D5}", Now.AddTicks(-i))));
        InstancePage page = await Finder(rows).FindAsync(new InstanceFilter(Step: "nowhere"), 10, null, CancellationToken.None);

        Assert.True(rows.RowsReturned <= InstanceTableFinder.RequestRowLimit + InstanceTableFinder.WindowRowLimit);
        Assert.True(rows.Queries.Count <= InstanceTableFinder.RequestQueryLimit);
    }

    [Fact]
    public async Task A_request_whose_queries_are_slow_stops_after_its_time_budget_with_a_token()
    {
        var clock = new FixedTime(Now);
        // One workflow a day for a year: a sparse walk of many windows, each query taking 400 ms.
        var rows = new FakeInstanceRows(Enumerable.Range(0, 365).Select(i => Row($"deal-invoice-{i:D3}", Now.AddDays(-i)))) { Clock = clock, QueryTime = TimeSpan.FromMilliseconds(400) };
        InstancePage page = await new InstanceTableFinder(rows, clock).FindAsync(new InstanceFilter(), 200, null, CancellationToken.None);

        Assert.NotNull(page.ContinuationToken);
        Assert.True(rows.Queries.Count <= (int)(InstanceTableFinder.RequestTimeBudget / TimeSpan.FromMilliseconds(400)) + 1, $"{rows.Queries.Count} queries");
        Assert.True(page.Items.Count < 200);
    }

    [Fact]
    public async Task A_sparse_history_is_walked_to_its_end_and_the_last_page_has_no_token()
    {
        var rows = new FakeInstanceRows([Row("deal-invoice-old", new DateTimeOffset(2021, 3, 1, 0, 0, 0, TimeSpan.Zero)), Row("deal-invoice-new", Now.AddMinutes(-1))]);
        List<InstanceListItem> all = await ReadAllAsync(Finder(rows), new InstanceFilter(), 50);

        Assert.Equal(["deal-invoice-new", "deal-invoice-old"], all.Select(i => i.InstanceId));
    }

    [Fact]
    public async Task Status_filter_is_sent_to_storage_and_matches_any_of_the_statuses()
    {
        var rows = new FakeInstanceRows([
            Row("deal-invoice-1", Now.AddMinutes(-1), status: "Failed"),
            Row("deal-invoice-2", Now.AddMinutes(-2), status: "Completed"),
            Row("deal-invoice-3", Now.AddMinutes(-3), status: "Running"),
        ]);
        InstancePage page = await Finder(rows).FindAsync(new InstanceFilter(Statuses: ["Failed", "Running"]), 50, null, CancellationToken.None);

        Assert.Equal(["deal-invoice-1", "deal-invoice-3"], page.Items.Select(i => i.InstanceId));
        Assert.All(rows.Queries, q => Assert.Equal(["Failed", "Running"], q.Query.Statuses));
    }

    [Fact]
    public async Task Workflow_filter_is_an_id_prefix_range_and_the_orchestrator_name()
    {
        var rows = new FakeInstanceRows([
            Row("deal-invoice-1", Now.AddMinutes(-1)),
            Row("offboarding-E1", Now.AddMinutes(-2), name: "OffboardingOrchestrator"),
            Row("bulk-job-1", Now.AddMinutes(-3), name: "BulkJobOrchestrator"),
        ]);
        InstancePage page = await Finder(rows).FindAsync(new InstanceFilter(Workflow: "offboarding"), 50, null, CancellationToken.None);

        InstanceListItem item = Assert.Single(page.Items);
        Assert.Equal("offboarding", item.Workflow);
        Assert.Equal("E1", item.Key);
        Assert.All(rows.Queries, q => Assert.Equal(("offboarding-", "OffboardingOrchestrator"), (q.Query.IdPrefix, q.Query.Name)));
    }

    [Fact]
    public async Task Created_range_bounds_the_walk_from_inclusive_to_exclusive()
    {
        var rows = new FakeInstanceRows(Enumerable.Range(0, 10).Select(i => Row($"deal-invoice-{i}", Now.AddHours(-i))));
        InstancePage page = await Finder(rows).FindAsync(new InstanceFilter(CreatedFrom: Now.AddHours(-6), CreatedTo: Now.AddHours(-2)), 50, null, CancellationToken.None);

        Assert.Equal(["deal-invoice-3", "deal-invoice-4", "deal-invoice-5", "deal-invoice-6"], page.Items.Select(i => i.InstanceId));
        Assert.Null(page.ContinuationToken);
        Assert.All(rows.Queries, q => Assert.True(q.Query.CreatedFrom >= Now.AddHours(-6)));
    }

    [Fact]
    public async Task Step_filter_reads_the_custom_status()
    {
        var rows = new FakeInstanceRows([
            Row("deal-invoice-1", Now.AddMinutes(-1), customStatus: """{"step":"awaiting-review","detail":"which customer?"}"""),
            Row("deal-invoice-2", Now.AddMinutes(-2), customStatus: """{"Step":"creating-invoice"}"""),
            Row("deal-invoice-3", Now.AddMinutes(-3)),
        ]);
        InstancePage page = await Finder(rows).FindAsync(new InstanceFilter(Step: "awaiting-review"), 50, null, CancellationToken.None);

        InstanceListItem item = Assert.Single(page.Items);
        Assert.Equal(("awaiting-review", "which customer?"), (item.Step, item.StepDetail));
    }

    [Fact]
    public async Task Key_filter_is_a_point_read_of_each_workflows_instance_id_and_never_a_scan()
    {
        var rows = new FakeInstanceRows([
            Row("deal-invoice-42", Now.AddMinutes(-1)),
            Row("onboarding-42", Now.AddMinutes(-2), name: "OnboardingOrchestrator"),
            Row("deal-invoice-43", Now.AddMinutes(-3)),
        ]);
        InstancePage page = await Finder(rows).FindAsync(new InstanceFilter(Key: "42"), 50, null, CancellationToken.None);

        Assert.Equal(["deal-invoice-42", "onboarding-42"], page.Items.Select(i => i.InstanceId));
        Assert.Equal("42", page.Items[0].Key);
        Assert.Empty(rows.Queries);
        Assert.Equal(
            ["deal-invoice-42", "offboarding-42", "onboarding-42", "order-42", "stock-reserve-42", "stock-release-42", "crm-note-42", "shipstation-notify-42"],
            rows.PointReads);
        Assert.Null(page.ContinuationToken);
    }

    [Fact]
    public async Task Key_with_workflow_reads_one_instance_and_applies_the_other_filters()
    {
        var rows = new FakeInstanceRows([Row("deal-invoice-42", Now.AddMinutes(-1), status: "Completed")]);
        InstancePage failed = await Finder(rows).FindAsync(new InstanceFilter(Workflow: "deal-invoice", Key: "42", Statuses: ["Failed"]), 50, null, CancellationToken.None);
        InstancePage completed = await Finder(rows).FindAsync(new InstanceFilter(Workflow: "deal-invoice", Key: "42", Statuses: ["completed"]), 50, null, CancellationToken.None);

        Assert.Empty(failed.Items);
        Assert.Single(completed.Items);
        Assert.Equal(["deal-invoice-42", "deal-invoice-42"], rows.PointReads);
    }

    [Fact]
    public async Task An_instance_the_catalog_does_not_know_is_listed_under_its_orchestrator_name()
    {
        var rows = new FakeInstanceRows([Row("bulk-job-7", Now.AddMinutes(-1), name: "BulkJobOrchestrator")]);
        InstancePage page = await Finder(rows).FindAsync(new InstanceFilter(), 50, null, CancellationToken.None);

        InstanceListItem item = Assert.Single(page.Items);
        Assert.Equal(("BulkJobOrchestrator", null), (item.Workflow, item.Key));
    }

    [Theory]
    [InlineData("not base64 !!")]
    [InlineData("eyJmb28iOjF9")]
    [InlineData("")]
    public async Task A_token_we_did_not_issue_is_refused(string token)
    {
        var finder = Finder(new FakeInstanceRows([]));
        await Assert.ThrowsAsync<ArgumentException>(() => finder.FindAsync(new InstanceFilter(), 10, token.Length == 0 ? "AAAA" : token, CancellationToken.None));
    }

    [Fact]
    public async Task A_token_used_with_other_filters_is_refused()
    {
        var rows = new FakeInstanceRows(Enumerable.Range(0, 5).Select(i => Row($"deal-invoice-{i}", Now.AddMinutes(-i))));
        InstancePage first = await Finder(rows).FindAsync(new InstanceFilter(), 2, null, CancellationToken.None);
        Assert.NotNull(first.ContinuationToken);

        await Assert.ThrowsAsync<ArgumentException>(() => Finder(rows).FindAsync(new InstanceFilter(Statuses: ["Failed"]), 2, first.ContinuationToken, CancellationToken.None));
    }

    [Fact]
    public async Task An_unknown_workflow_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Finder(new FakeInstanceRows([])).FindAsync(new InstanceFilter(Workflow: "orders"), 10, null, CancellationToken.None));
    }

    private static InstanceTableFinder Finder(FakeInstanceRows rows) => new(rows, new FixedTime(Now));

    private static async Task<List<InstanceListItem>> ReadAllAsync(InstanceTableFinder finder, InstanceFilter filter, int pageSize)
    {
        var all = new List<InstanceListItem>();
        string? token = null;
        for (int guard = 0; guard < 1000; guard++)
        {
            InstancePage page = await finder.FindAsync(filter, pageSize, token, CancellationToken.None);
            Assert.True(page.Items.Count <= pageSize);
            all.AddRange(page.Items);
            token = page.ContinuationToken;
            if (token is null)
            {
                return all;
            }
        }

        throw new InvalidOperationException("The walk did not end.");
    }

    private static InstanceRow Row(string id, DateTimeOffset created, string name = "DealToInvoiceOrchestrator", string status = "Completed", string? customStatus = null) =>
        new(id, name, status, customStatus, created, created.AddSeconds(5));
}

/// <summary>The Instances table in memory: applies a query as storage would (PartitionKey order, at most max rows) and records what was asked.</summary>
internal sealed class FakeInstanceRows(IEnumerable<InstanceRow> rows) : IInstanceRows
{
    private readonly InstanceRow[] rows = rows.OrderBy(r => r.InstanceId, StringComparer.Ordinal).ToArray();

    public List<(InstanceRowQuery Query, int Max)> Queries { get; } = [];

    public List<string> PointReads { get; } = [];

    public int RowsReturned { get; private set; }

    /// <summary>Each query takes this long (the clock's timestamp moves on by it).</summary>
    public TimeSpan QueryTime { get; init; }

    public FixedTime? Clock { get; init; }

    /// <summary>Compares the query's CreatedTime bounds to the millisecond, as Azurite does (it keeps the ticks).</summary>
    public bool MillisecondBounds { get; init; }

    public Task<InstanceRowBatch> QueryAsync(InstanceRowQuery query, int max, CancellationToken cancellationToken, TimeSpan? timeBudget = null)
    {
        Queries.Add((query, max));
        Clock?.Advance(QueryTime);
        InstanceRow[] matching = rows.Where(r =>
            (query.IdPrefix is null || r.InstanceId.StartsWith(query.IdPrefix, StringComparison.Ordinal))
            && (query.Name is null || r.Name == query.Name)
            && (query.Statuses.Count == 0 || query.Statuses.Contains(r.RuntimeStatus))
            && Ms(r.CreatedTime) >= Ms(query.CreatedFrom)
            && (query.CreatedTo is not { } to || (query.CreatedToInclusive ? Ms(r.CreatedTime) <= Ms(to) : Ms(r.CreatedTime) < Ms(to)))).ToArray();
        InstanceRow[] returned = matching.Take(max).ToArray();
        RowsReturned += returned.Length;
        return Task.FromResult(new InstanceRowBatch(returned, matching.Length > max));
    }

    private long Ms(DateTimeOffset time) => MillisecondBounds ? time.UtcTicks / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond : time.UtcTicks;

    public Task<InstanceRow?> GetAsync(string instanceId, CancellationToken cancellationToken)
    {
        PointReads.Add(instanceId);
        return Task.FromResult(rows.FirstOrDefault(r => r.InstanceId == instanceId));
    }
}

/// <summary>A clock that always reads one instant.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    private long ticks;

    public override DateTimeOffset GetUtcNow() => now;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => ticks;

    /// <summary>Moves the stopwatch (not the wall clock): time spent waiting for storage.</summary>
    public void Advance(TimeSpan by) => ticks += by.Ticks;
}
