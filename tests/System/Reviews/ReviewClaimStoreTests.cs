using Integration.Activities.Reviews;
using Integration.Activities.Storage;
using Integration.Orchestrations.Common;
using Integration.Tests.System.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Integration.Tests.System.Reviews;

/// <summary>
/// The review claim on Azurite: of answers racing for one review exactly one wins and the others read the winner;
/// a claim whose answer was not delivered is given back or expires, so it never blocks the review for ever.
/// </summary>
public sealed class ReviewClaimStoreTests
{
    private readonly StorageClients storage = new(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageClients.SettingName] = TestEnvironment.StorageConnectionString,
            [TaskHubName.StandaloneSetting] = TestEnvironment.NewTaskHubName("store"),
        })
        .Build());

    private readonly SettableClock clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Of_twenty_answers_claiming_one_review_at_once_exactly_one_wins_and_the_others_read_it()
    {
        ReviewClaimStore store = await StoreAsync();
        string instanceId = NewInstanceId(), reviewId = Guid.NewGuid().ToString("N");
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        Task<ReviewClaimResult>[] racing = [.. Enumerable.Range(0, 20).Select(async i =>
        {
            await start.Task;
            return await store.ClaimAsync(instanceId, reviewId, new ReviewDecision("use-customer", $"customer-{i}", $"operator-{i}", null), $"corr-{i}", CancellationToken.None);
        })];
        start.SetResult();
        ReviewClaimResult[] results = await Task.WhenAll(racing);

        ReviewClaimResult winner = Assert.Single(results, r => r.Won);
        Assert.All(results.Where(r => !r.Won), r => Assert.Equal(winner.Claim, r.Claim));
    }

    [Fact]
    public async Task A_released_claim_lets_the_next_answer_win()
    {
        ReviewClaimStore store = await StoreAsync();
        string instanceId = NewInstanceId(), reviewId = Guid.NewGuid().ToString("N");

        ReviewClaimResult first = await ClaimAsync(store, instanceId, reviewId, "cancel", "ana");
        await store.ReleaseAsync(first, CancellationToken.None);
        ReviewClaimResult second = await ClaimAsync(store, instanceId, reviewId, "use-customer", "bo");

        Assert.True(first.Won);
        Assert.True(second.Won);
    }

    [Fact]
    public async Task An_undelivered_claim_holds_the_review_until_it_expires_and_is_then_taken_over()
    {
        ReviewClaimStore store = await StoreAsync();
        string instanceId = NewInstanceId(), reviewId = Guid.NewGuid().ToString("N");

        ReviewClaimResult crashed = await ClaimAsync(store, instanceId, reviewId, "cancel", "ana");
        clock.Advance(ReviewClaimStore.UndeliveredExpiry - TimeSpan.FromSeconds(1));
        ReviewClaimResult tooSoon = await ClaimAsync(store, instanceId, reviewId, "use-customer", "bo");
        clock.Advance(TimeSpan.FromSeconds(2));
        ReviewClaimResult takenOver = await ClaimAsync(store, instanceId, reviewId, "use-customer", "bo");
        ReviewClaimResult after = await ClaimAsync(store, instanceId, reviewId, "cancel", "cy");

        Assert.True(crashed.Won);
        Assert.False(tooSoon.Won);
        Assert.Equal("ana", tooSoon.Claim!.ReviewedBy);
        Assert.True(takenOver.Won);
        Assert.False(after.Won);
        Assert.Equal("bo", after.Claim!.ReviewedBy);
    }

    [Fact]
    public async Task A_delivered_claim_never_expires()
    {
        ReviewClaimStore store = await StoreAsync();
        string instanceId = NewInstanceId(), reviewId = Guid.NewGuid().ToString("N");

        ReviewClaimResult delivered = await ClaimAsync(store, instanceId, reviewId, "cancel", "ana");
        await store.MarkDeliveredAsync(delivered, CancellationToken.None);
        clock.Advance(TimeSpan.FromDays(30));
        ReviewClaimResult late = await ClaimAsync(store, instanceId, reviewId, "use-customer", "bo");

        Assert.False(late.Won);
        Assert.Equal("cancel", late.Claim!.Action);
        Assert.NotNull(late.Claim.DeliveredAt);
    }

    private async Task<ReviewClaimStore> StoreAsync()
    {
        await storage.Tables.CreateTableIfNotExistsAsync(storage.Names.ReviewClaimsTable);
        return new ReviewClaimStore(storage, clock);
    }

    private static Task<ReviewClaimResult> ClaimAsync(ReviewClaimStore store, string instanceId, string reviewId, string action, string by) =>
        store.ClaimAsync(instanceId, reviewId, new ReviewDecision(action, null, by, null), "corr-" + by, CancellationToken.None);

    private static string NewInstanceId() => "deal-invoice-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>A clock the test moves by hand.</summary>
    private sealed class SettableClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset now = start;

        public void Advance(TimeSpan by) => now += by;

        public override DateTimeOffset GetUtcNow() => now;
    }
}
