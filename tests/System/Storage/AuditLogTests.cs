using Integration.Activities.Operations;
using Integration.Activities.Storage;
using Integration.Tests.System.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Integration.Tests.System.Storage;

/// <summary>
/// The audit trail on Azurite as GET /api/v1/audit reads it: newest first across day partitions, each filter, the
/// time range at both ends, pages that join up through the continuation token, and the per-request bound on days.
/// </summary>
public sealed class AuditLogTests
{
    private static readonly DateTimeOffset Day1 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private readonly StorageClients storage = new(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageClients.SettingName] = TestEnvironment.StorageConnectionString,
            [TaskHubName.StandaloneSetting] = TestEnvironment.NewTaskHubName("audit"),
        })
        .Build());

    private readonly SettableTime time = new();

    [Fact]
    public async Task Lines_read_newest_first_across_days_and_each_filter_narrows_them()
    {
        AuditLog log = await LogAsync();
        await WriteAsync(log, Day1, "ana", "terminate", "deal-invoice-1");
        await WriteAsync(log, Day1.AddMinutes(5), "bob", "review.answer", "deal-invoice-2");
        await WriteAsync(log, Day1.AddDays(1), "ana", "review.answer", "deal-invoice-1");
        await WriteAsync(log, Day1.AddDays(3), "bob", "replay", "ZXZlbnQ6YQ");

        AuditPage all = await log.FindAsync(Range(), 50, null, CancellationToken.None);
        Assert.Equal(["replay", "review.answer", "review.answer", "terminate"], all.Items.Select(i => i.Action));
        Assert.Null(all.ContinuationToken);
        Assert.Equal(Day1.AddDays(3), all.Items[0].At);

        Assert.Equal(["review.answer", "terminate"], (await log.FindAsync(Range() with { Actor = "ana" }, 50, null, CancellationToken.None)).Items.Select(i => i.Action));
        Assert.Equal(["ana", "bob"], (await log.FindAsync(Range() with { Action = "review.answer" }, 50, null, CancellationToken.None)).Items.Select(i => i.Actor));
        Assert.Equal(2, (await log.FindAsync(Range() with { Action = "review." }, 50, null, CancellationToken.None)).Items.Count);
        Assert.Empty((await log.FindAsync(Range() with { Action = "review" }, 50, null, CancellationToken.None)).Items);
        Assert.Equal(["review.answer", "terminate"], (await log.FindAsync(Range() with { Target = "deal-invoice-1" }, 50, null, CancellationToken.None)).Items.Select(i => i.Action));
        Assert.Empty((await log.FindAsync(Range() with { Actor = "o'brien" }, 50, null, CancellationToken.None)).Items);
    }

    [Fact]
    public async Task The_range_includes_its_ends_to_the_tick_and_nothing_outside()
    {
        AuditLog log = await LogAsync();
        await WriteAsync(log, Day1.AddTicks(-1), "a", "before", "t");
        await WriteAsync(log, Day1, "a", "first", "t");
        await WriteAsync(log, Day1.AddHours(1), "a", "last", "t");
        await WriteAsync(log, Day1.AddHours(1).AddTicks(1), "a", "after", "t");

        AuditPage page = await log.FindAsync(new AuditFilter(null, null, null, Day1, Day1.AddHours(1)), 50, null, CancellationToken.None);

        Assert.Equal(["last", "first"], page.Items.Select(i => i.Action));
    }

    [Fact]
    public async Task Pages_join_up_through_the_token_with_no_line_twice_or_missing()
    {
        AuditLog log = await LogAsync();
        var written = new List<string>();
        for (int i = 0; i < 7; i++)
        {
            // Two lines a day over days with a gap, so pages end mid-day, at the end of a day and before an empty day.
            DateTimeOffset at = Day1.AddDays(i / 2 * 2).AddMinutes(i);
            await WriteAsync(log, at, "a", $"action-{i}", "t");
            written.Add($"action-{i}");
        }

        var read = new List<string>();
        string? token = null;
        int pages = 0;
        do
        {
            AuditPage page = await log.FindAsync(new AuditFilter(null, null, null, Day1.AddDays(-1), Day1.AddDays(7)), 2, token, CancellationToken.None);
            Assert.True(page.Items.Count <= 2);
            read.AddRange(page.Items.Select(i => i.Action));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null && pages < 20);

        Assert.Equal(Enumerable.Reverse(written), read);
        Assert.Equal(4, pages);
    }

    [Fact]
    public async Task One_request_reads_at_most_31_days_and_hands_back_where_it_stopped()
    {
        AuditLog log = await LogAsync();
        await WriteAsync(log, Day1.AddDays(-40), "a", "old", "t");

        AuditPage first = await log.FindAsync(new AuditFilter(null, null, null, Day1.AddDays(-60), Day1), 50, null, CancellationToken.None);
        Assert.Empty(first.Items);
        Assert.NotNull(first.ContinuationToken);

        AuditPage second = await log.FindAsync(new AuditFilter(null, null, null, Day1.AddDays(-60), Day1), 50, first.ContinuationToken, CancellationToken.None);
        Assert.Equal(["old"], second.Items.Select(i => i.Action));
        Assert.Null(second.ContinuationToken);
    }

    [Theory]
    [InlineData("not a token")]
    [InlineData("YXVkaXQxfDIwMjYxMzQ1fA")] // audit1|20261345|
    [InlineData("b3RoZXJ8MjAyNjAzMDJ8")] // other|20260302|
    public async Task A_token_it_did_not_issue_is_an_argument_error(string token)
    {
        AuditLog log = await LogAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => log.FindAsync(Range(), 50, token, CancellationToken.None));
    }

    private static AuditFilter Range() => new(null, null, null, Day1.AddDays(-1), Day1.AddDays(5));

    private async Task<AuditLog> LogAsync()
    {
        await storage.Tables.CreateTableIfNotExistsAsync(storage.Names.AuditTable);
        return new AuditLog(storage, time);
    }

    private async Task WriteAsync(AuditLog log, DateTimeOffset at, string actor, string action, string target)
    {
        time.Now = at;
        await log.WriteAsync(new OperationsCaller(actor, OperationsRole.Operator), action, target, "because", "done", "corr-1", CancellationToken.None);
    }

    private sealed class SettableTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
