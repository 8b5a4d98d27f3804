using Integration.Activities.Alerts;
using Integration.Activities.Storage;
using Integration.Tests.System.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Integration.Tests.System.Alerts;

/// <summary>
/// The alert records on Azurite: one record per kind and reference however often it is raised; open → acknowledged →
/// resolved with who, when and why; repeats are "already there", steps that do not fit are refused; of two hosts
/// claiming one re-notification, one wins.
/// </summary>
public sealed class AlertStoreTests
{
    private readonly StorageClients storage = new(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageClients.SettingName] = TestEnvironment.StorageConnectionString,
            [TaskHubName.StandaloneSetting] = TestEnvironment.NewTaskHubName("alerts"),
        })
        .Build());

    [Fact]
    public async Task An_alert_raised_twice_is_one_record_with_its_count_and_last_time_bumped()
    {
        AlertStore store = await StoreAsync();
        AlertRecord first = await store.RaiseAsync(AlertKinds.ReviewWaiting, Alert("deal-invoice-1"), "deal-invoice-1", null, CancellationToken.None);
        AlertRecord second = await store.RaiseAsync(AlertKinds.ReviewWaiting, Alert("deal-invoice-1") with { Title = "Manual review overdue" }, "deal-invoice-1", null, CancellationToken.None);

        (IReadOnlyList<AlertRecord> items, _) = await store.FindAsync(null, null, null, 50, null, CancellationToken.None);

        AlertRecord only = Assert.Single(items);
        Assert.Equal(first.Id, second.Id);
        Assert.Equal(2, only.Count);
        Assert.Equal("Manual review overdue", only.Title);
        Assert.Equal(AlertStates.Open, only.State);
        Assert.True(only.LastRaisedAt >= first.LastRaisedAt);
    }

    [Fact]
    public async Task Acknowledge_then_resolve_record_who_when_and_why_and_repeats_are_already_there()
    {
        AlertStore store = await StoreAsync();
        AlertRecord alert = await store.RaiseAsync(AlertKinds.DeadLetter, Alert("crm-9"), null, "ZXZlbnQ6Y3JtLTk", CancellationToken.None);

        (AlertTransition acknowledged, AlertRecord? afterAck) = await store.TransitionAsync(alert.Id, AlertStates.Acknowledged, "ana", "looking", CancellationToken.None);
        (AlertTransition again, _) = await store.TransitionAsync(alert.Id, AlertStates.Acknowledged, "ben", null, CancellationToken.None);
        (AlertTransition resolved, AlertRecord? afterResolve) = await store.TransitionAsync(alert.Id, AlertStates.Resolved, "ana", "replayed", CancellationToken.None);
        (AlertTransition resolvedAgain, _) = await store.TransitionAsync(alert.Id, AlertStates.Resolved, "ana", null, CancellationToken.None);
        (AlertTransition ackResolved, AlertRecord? found) = await store.TransitionAsync(alert.Id, AlertStates.Acknowledged, "ben", null, CancellationToken.None);

        Assert.Equal(AlertTransition.Done, acknowledged);
        Assert.Equal(("ana", "looking"), (afterAck!.AcknowledgedBy, afterAck.AcknowledgedReason));
        Assert.NotNull(afterAck.AcknowledgedAt);
        Assert.Equal(AlertTransition.AlreadyThere, again);
        Assert.Equal(AlertTransition.Done, resolved);
        Assert.Equal(("ana", "replayed", AlertStates.Resolved), (afterResolve!.ResolvedBy, afterResolve.ResolvedReason, afterResolve.State));
        Assert.Equal(AlertTransition.AlreadyThere, resolvedAgain);
        Assert.Equal(AlertTransition.DoesNotFit, ackResolved);
        Assert.Equal(AlertStates.Resolved, found!.State);
        Assert.Equal(AlertTransition.NotFound, (await store.TransitionAsync("bm9uZTpub25l", AlertStates.Resolved, "ana", null, CancellationToken.None)).Result);
    }

    [Fact]
    public async Task A_resolved_alert_raised_again_is_open_again_without_its_old_handling()
    {
        AlertStore store = await StoreAsync();
        AlertRecord alert = await store.RaiseAsync(AlertKinds.ConnectorFailing, Alert("quickbooks"), null, null, CancellationToken.None);
        await store.TransitionAsync(alert.Id, AlertStates.Resolved, "system", "calls succeed again", CancellationToken.None);

        AlertRecord again = await store.RaiseAsync(AlertKinds.ConnectorFailing, Alert("quickbooks"), null, null, CancellationToken.None);

        Assert.Equal(AlertStates.Open, again.State);
        Assert.Null(again.ResolvedBy);
        Assert.Equal(2, again.Count);
    }

    [Fact]
    public async Task Of_two_hosts_claiming_one_renotification_exactly_one_wins()
    {
        AlertStore store = await StoreAsync();
        AlertRecord alert = await store.RaiseAsync(AlertKinds.DeadLetter, Alert("crm-10"), null, null, CancellationToken.None);

        AlertRecord?[] claims = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => store.ClaimRenotificationAsync(alert.Id, alert.LastNotifiedAt, CancellationToken.None)));

        AlertRecord winner = Assert.Single(claims, c => c is not null)!;
        Assert.Equal(2, winner.Notifications);
    }

    [Fact]
    public async Task An_acknowledged_alert_is_not_claimed_for_renotification()
    {
        AlertStore store = await StoreAsync();
        AlertRecord alert = await store.RaiseAsync(AlertKinds.DeadLetter, Alert("crm-11"), null, null, CancellationToken.None);
        await store.TransitionAsync(alert.Id, AlertStates.Acknowledged, "ana", null, CancellationToken.None);

        Assert.Null(await store.ClaimRenotificationAsync(alert.Id, alert.LastNotifiedAt, CancellationToken.None));
    }

    [Fact]
    public async Task The_list_filters_by_state_kind_and_instance_and_pages_with_a_token()
    {
        AlertStore store = await StoreAsync();
        for (int i = 0; i < 3; i++)
        {
            await store.RaiseAsync(AlertKinds.ReviewWaiting, Alert($"deal-invoice-{i}"), $"deal-invoice-{i}", null, CancellationToken.None);
        }

        AlertRecord failing = await store.RaiseAsync(AlertKinds.ConnectorFailing, Alert("xero"), null, null, CancellationToken.None);
        await store.TransitionAsync(failing.Id, AlertStates.Acknowledged, "ana", null, CancellationToken.None);

        var reviews = await store.FindAsync(null, AlertKinds.ReviewWaiting, null, 50, null, CancellationToken.None);
        var acknowledged = await store.FindAsync(AlertStates.Acknowledged, null, null, 50, null, CancellationToken.None);
        var one = await store.FindAsync(null, null, "deal-invoice-1", 50, null, CancellationToken.None);
        var page = await store.FindAsync(null, null, null, 2, null, CancellationToken.None);
        var rest = await store.FindAsync(null, null, null, 2, page.ContinuationToken, CancellationToken.None);

        Assert.Equal(3, reviews.Items.Count);
        Assert.Equal("xero", Assert.Single(acknowledged.Items).Reference);
        Assert.Equal("deal-invoice-1", Assert.Single(one.Items).InstanceId);
        Assert.Equal(2, page.Items.Count);
        Assert.Equal(2, rest.Items.Count);
        Assert.Empty(page.Items.Select(a => a.Id).Intersect(rest.Items.Select(a => a.Id)));
        await Assert.ThrowsAsync<ArgumentException>(() => store.FindAsync(null, null, null, 2, "%%", CancellationToken.None));
    }

    private async Task<AlertStore> StoreAsync()
    {
        await storage.Tables.CreateTableIfNotExistsAsync(storage.Names.AlertsTable);
        return new AlertStore(storage, TimeProvider.System);
    }

    private static Alert Alert(string reference) =>
        new("warning", "Manual review needed", "A person must decide.", reference, "corr-" + reference, DateTimeOffset.UtcNow);
}
