using System.Text.Json;
using Azure.Data.Tables;
using Integration.Activities.Alerts;
using Integration.Activities.Configuration;
using Integration.Activities.DeadLetters;
using Integration.Activities.Dispatch;
using Integration.Activities.Operations;
using Integration.Activities.Queueing;
using Integration.Activities.Storage;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.Routing;
using Integration.Tests.System.Infrastructure;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Integration.Tests.System.DeadLetters;

/// <summary>
/// The replay rules on the real dead-letter store and audit table (Azurite), with the engine, the queue and the
/// instance actions replaced by recorders: a dead letter is replayed once, and every refusal sends nothing.
/// </summary>
public sealed class DeadLetterReplayerTests
{
    private static readonly OperationsCaller Operator = new("support team", OperationsRole.Operator);

    private readonly StorageClients storage = new(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageClients.SettingName] = TestEnvironment.StorageConnectionString,
            [TaskHubName.StandaloneSetting] = TestEnvironment.NewTaskHubName("replay"),
        })
        .Build());

    private readonly RecordingQueue queue = new();
    private readonly RecordingActions actions = new();

    [Fact]
    public async Task An_event_dead_letter_is_replayed_once_marked_as_a_replay_and_a_second_replay_is_refused()
    {
        (DeadLetterStore store, DeadLetterReplayer replayer) = await ReplayerAsync(new OneInstanceClient(null));
        DeadLetter letter = await store.RecordAsync(EventLetter(Envelope("crm-" + Guid.NewGuid().ToString("N"))), CancellationToken.None);

        ActionOutcome first = await replayer.ReplayAsync(letter.Id, "ERP fixed", Operator, "corr-replay-1", CancellationToken.None);
        ActionOutcome second = await replayer.ReplayAsync(letter.Id, "again", Operator, "corr-replay-2", CancellationToken.None);

        Assert.Equal(ActionOutcome.Done, first.Result);
        EventEnvelope sent = Assert.Single(queue.Sent);
        Assert.Equal(letter.Id, sent.ReplayOf);
        Assert.False(string.IsNullOrEmpty(sent.ReplayId));
        Assert.Equal(ActionOutcome.Refused, second.Result);
        Assert.Equal(DeadLetterStore.Replayed, second.State);
        Assert.Contains("support team", second.Detail, StringComparison.Ordinal);
        DeadLetter after = (await store.GetAsync(letter.Kind, letter.Reference, CancellationToken.None))!;
        Assert.Equal(DeadLetterStore.Replayed, after.Status);
        Assert.Equal(sent.ReplayId, after.ReplayDeliveryId);
        Assert.Equal(["done", "refused"], (await AuditResultsAsync(letter.Id)).Select(r => r.Split(':')[0]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Ten_replays_at_once_send_the_message_once()
    {
        (DeadLetterStore store, DeadLetterReplayer replayer) = await ReplayerAsync(new OneInstanceClient(null));
        DeadLetter letter = await store.RecordAsync(EventLetter(Envelope("crm-" + Guid.NewGuid().ToString("N"))), CancellationToken.None);

        ActionOutcome[] outcomes = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            replayer.ReplayAsync(letter.Id, null, Operator, $"corr-{i}", CancellationToken.None)));

        Assert.Single(outcomes, o => o.Result == ActionOutcome.Done);
        Assert.Single(queue.Sent);
    }

    [Fact]
    public async Task A_dead_letter_from_a_replay_is_not_replayed_again()
    {
        (DeadLetterStore store, DeadLetterReplayer replayer) = await ReplayerAsync(new OneInstanceClient(null));
        string original = DeadLetterIds.Encode("event", "crm-original");
        EventEnvelope replayed = Envelope("crm-" + Guid.NewGuid().ToString("N")) with { ReplayOf = original, ReplayId = "d1" };
        DeadLetter letter = await store.RecordAsync(EventLetter(replayed) with { Reference = replayed.Id + "/replay/d1", ReplayOf = original }, CancellationToken.None);

        ActionOutcome outcome = await replayer.ReplayAsync(letter.Id, null, Operator, "corr", CancellationToken.None);

        Assert.Equal(ActionOutcome.Refused, outcome.Result);
        Assert.Equal("replay", outcome.State);
        Assert.Contains(original, outcome.Detail, StringComparison.Ordinal);
        Assert.Empty(queue.Sent);
    }

    [Fact]
    public async Task An_event_whose_workflow_already_completed_is_refused_and_nothing_is_enqueued()
    {
        EventEnvelope envelope = Envelope("crm-" + Guid.NewGuid().ToString("N"));
        string instanceId = ((EventRoute.Reconcile)EventRoutingTable.Route(envelope)).InstanceId;
        (DeadLetterStore store, DeadLetterReplayer replayer) = await ReplayerAsync(new OneInstanceClient(new OrchestrationMetadata("DealToInvoice", instanceId)
        {
            RuntimeStatus = OrchestrationRuntimeStatus.Completed,
            LastUpdatedAt = DateTimeOffset.UtcNow,
        }));
        DeadLetter letter = await store.RecordAsync(EventLetter(envelope), CancellationToken.None);

        ActionOutcome outcome = await replayer.ReplayAsync(letter.Id, null, Operator, "corr", CancellationToken.None);

        Assert.Equal(ActionOutcome.Refused, outcome.Result);
        Assert.Equal("Completed", outcome.State);
        Assert.Contains(instanceId, outcome.Detail, StringComparison.Ordinal);
        Assert.Empty(queue.Sent);
        Assert.Equal(DeadLetterStore.Open, (await store.GetAsync(letter.Kind, letter.Reference, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task A_message_too_large_to_keep_whole_is_refused()
    {
        (DeadLetterStore store, DeadLetterReplayer replayer) = await ReplayerAsync(new OneInstanceClient(null));
        string huge = new('x', DeadLetterStore.ChunkLength * DeadLetterStore.MaxChunks + 1);
        DeadLetter letter = await store.RecordAsync(new DeadLetterInput("event", "crm-" + Guid.NewGuid().ToString("N"), "corr", "poisoned", huge, "crm", null, huge), CancellationToken.None);

        ActionOutcome outcome = await replayer.ReplayAsync(letter.Id, null, Operator, "corr", CancellationToken.None);

        Assert.Equal("message-too-large", outcome.State);
        Assert.Empty(queue.Sent);
    }

    [Fact]
    public async Task A_message_of_several_columns_is_read_back_whole()
    {
        (DeadLetterStore store, _) = await ReplayerAsync(new OneInstanceClient(null));
        EventEnvelope envelope = Envelope("crm-" + Guid.NewGuid().ToString("N")) with
        {
            Data = JsonSerializer.SerializeToElement(new { note = new string('é', 70_000) }),
        };
        string message = JsonSerializer.Serialize(envelope, EnvelopeJson.Options);
        DeadLetter letter = await store.RecordAsync(new DeadLetterInput("event", envelope.Id, "corr", "poisoned", message, "crm", null, message), CancellationToken.None);

        Assert.Equal(message, await store.GetMessageAsync(letter.Kind, letter.Reference, CancellationToken.None));
    }

    [Fact]
    public async Task A_workflow_dead_letter_is_retried_through_the_instance_actions()
    {
        (DeadLetterStore store, DeadLetterReplayer replayer) = await ReplayerAsync(new OneInstanceClient(null));
        string instanceId = "deal-invoice-" + Guid.NewGuid().ToString("N");
        DeadLetter letter = await store.RecordAsync(new DeadLetterInput("workflow", instanceId, "corr", "ERP refused", null), CancellationToken.None);

        ActionOutcome outcome = await replayer.ReplayAsync(letter.Id, "fixed", Operator, "corr", CancellationToken.None);

        Assert.Equal(ActionOutcome.Done, outcome.Result);
        Assert.Equal((instanceId, "retry"), Assert.Single(actions.Applied));
        Assert.Equal("workflow", letter.Source);
        Assert.Equal(DeadLetterStore.Replayed, (await store.GetAsync("workflow", instanceId, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task An_unknown_id_is_not_found()
    {
        (_, DeadLetterReplayer replayer) = await ReplayerAsync(new OneInstanceClient(null));

        ActionOutcome outcome = await replayer.ReplayAsync(DeadLetterIds.Encode("event", "nobody"), null, Operator, "corr", CancellationToken.None);
        ActionOutcome garbage = await replayer.ReplayAsync("%%%", null, Operator, "corr", CancellationToken.None);

        Assert.Equal(ActionOutcome.NotFoundState, outcome.State);
        Assert.Equal(ActionOutcome.NotFoundState, garbage.State);
    }

    [Fact]
    public async Task The_list_is_newest_first_filtered_by_source_status_and_time_and_paged_with_a_token()
    {
        var clock = new StepClock(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await storage.Tables.CreateTableIfNotExistsAsync(storage.Names.DeadLettersTable);
        var store = new DeadLetterStore(storage, clock);
        for (int i = 0; i < 5; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            EventEnvelope envelope = Envelope($"{(i % 2 == 0 ? "crm" : "hr")}-{i}") with { Source = i % 2 == 0 ? "crm" : "hr" };
            await store.RecordAsync(EventLetter(envelope), CancellationToken.None);
        }

        DeadLetterPage all = await store.FindAsync(new DeadLetterFilter(), 10, null, CancellationToken.None);
        DeadLetterPage crm = await store.FindAsync(new DeadLetterFilter(Source: "crm", Status: "open"), 10, null, CancellationToken.None);
        DeadLetterPage window = await store.FindAsync(new DeadLetterFilter(From: new DateTimeOffset(2026, 3, 2, 9, 2, 0, TimeSpan.Zero), To: new DateTimeOffset(2026, 3, 2, 9, 4, 0, TimeSpan.Zero)), 10, null, CancellationToken.None);
        DeadLetterPage first = await store.FindAsync(new DeadLetterFilter(), 2, null, CancellationToken.None);
        DeadLetterPage next = await store.FindAsync(new DeadLetterFilter(), 2, first.ContinuationToken, CancellationToken.None);

        Assert.Equal(["crm-4", "hr-3", "crm-2", "hr-1", "crm-0"], all.Items.Select(l => l.Reference));
        Assert.Equal(["crm-4", "crm-2", "crm-0"], crm.Items.Select(l => l.Reference));
        Assert.Equal(["crm-2", "hr-1"], window.Items.Select(l => l.Reference)); // 09:03 and 09:02: "from" inclusive, "to" exclusive
        Assert.Equal(["crm-4", "hr-3"], first.Items.Select(l => l.Reference));
        Assert.NotNull(first.ContinuationToken);
        Assert.Equal(["crm-2", "hr-1"], next.Items.Select(l => l.Reference));
        await Assert.ThrowsAsync<ArgumentException>(() => store.FindAsync(new DeadLetterFilter(), 2, "not-a-token", CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.FindAsync(new DeadLetterFilter(), 2, Integration.Activities.Http.PageTokens.Encode("alerts", "x y"), CancellationToken.None));
    }

    [Fact]
    public async Task A_row_written_before_the_new_columns_is_still_read_and_its_whole_detail_replayed()
    {
        (DeadLetterStore store, DeadLetterReplayer replayer) = await ReplayerAsync(new OneInstanceClient(null));
        EventEnvelope envelope = Envelope("crm-" + Guid.NewGuid().ToString("N"));
        string message = JsonSerializer.Serialize(envelope, EnvelopeJson.Options);
        await storage.Tables.GetTableClient(storage.Names.DeadLettersTable).AddEntityAsync(new TableEntity("event", envelope.Id)
        {
            ["Reference"] = envelope.Id, ["CorrelationId"] = "corr", ["Reason"] = "poisoned", ["Detail"] = message,
            ["CreatedAt"] = DateTimeOffset.UtcNow, ["Status"] = "open",
        });

        DeadLetter old = (await store.GetAsync("event", envelope.Id, CancellationToken.None))!;
        ActionOutcome outcome = await replayer.ReplayAsync(old.Id, null, Operator, "corr", CancellationToken.None);

        Assert.Equal(DeadLetterStore.Open, old.Status);
        Assert.Equal(ActionOutcome.Done, outcome.Result);
        Assert.Equal(envelope.Id, Assert.Single(queue.Sent).Id);
    }

    [Fact]
    public async Task A_replayed_message_that_poisons_again_is_a_new_dead_letter_marked_as_a_replay_and_the_original_stays_replayed()
    {
        (DeadLetterStore store, DeadLetterReplayer replayer) = await ReplayerAsync(new OneInstanceClient(null));
        await storage.Tables.CreateTableIfNotExistsAsync(storage.Names.AlertsTable);
        var poison = new PoisonEventHandler(store, new AlertPublisher(new HttpClient(), new StaticOptions(new AlertOptions()), NullLogger<AlertPublisher>.Instance, new AlertStore(storage, TimeProvider.System)), TimeProvider.System);
        EventEnvelope envelope = Envelope("crm-" + Guid.NewGuid().ToString("N"));
        DeadLetter original = await poison.HandleAsync(JsonSerializer.Serialize(envelope, EnvelopeJson.Options), CancellationToken.None);
        await replayer.ReplayAsync(original.Id, null, Operator, "corr", CancellationToken.None);

        DeadLetter again = await poison.HandleAsync(JsonSerializer.Serialize(Assert.Single(queue.Sent), EnvelopeJson.Options), CancellationToken.None);

        Assert.NotEqual(original.Id, again.Id);
        Assert.Equal(original.Id, again.ReplayOf);
        Assert.Equal("crm", again.Source);
        Assert.Equal(DeadLetterStore.Replayed, (await store.GetAsync(original.Kind, original.Reference, CancellationToken.None))!.Status);
        Assert.Equal("replay", (await replayer.ReplayAsync(again.Id, null, Operator, "corr", CancellationToken.None)).State);
    }

    [Fact]
    public async Task Dead_letters_recorded_before_the_index_are_listed_once_indexed()
    {
        (DeadLetterStore store, _) = await ReplayerAsync(new OneInstanceClient(null));
        await storage.Tables.GetTableClient(storage.Names.DeadLettersTable).AddEntityAsync(new TableEntity("workflow", "deal-invoice-old")
        {
            ["Reference"] = "deal-invoice-old", ["CorrelationId"] = "corr", ["Reason"] = "gave up", ["CreatedAt"] = DateTimeOffset.UtcNow, ["Status"] = "open",
        });

        Assert.Empty((await store.FindAsync(new DeadLetterFilter(), 10, null, CancellationToken.None)).Items);
        Assert.Equal(1, await store.IndexOlderRowsAsync(100, CancellationToken.None));
        Assert.Equal(0, await store.IndexOlderRowsAsync(100, CancellationToken.None));

        DeadLetter listed = Assert.Single((await store.FindAsync(new DeadLetterFilter(Source: "workflow"), 10, null, CancellationToken.None)).Items);
        Assert.Equal("deal-invoice-old", listed.Reference);
    }

    private async Task<(DeadLetterStore Store, DeadLetterReplayer Replayer)> ReplayerAsync(DurableTaskClient client)
    {
        await storage.Tables.CreateTableIfNotExistsAsync(storage.Names.DeadLettersTable);
        await storage.Tables.CreateTableIfNotExistsAsync(storage.Names.AuditTable);
        var store = new DeadLetterStore(storage, TimeProvider.System);
        ServiceProvider services = new ServiceCollection().AddSingleton(client).AddSingleton<IInstanceActions>(actions).BuildServiceProvider();
        return (store, new DeadLetterReplayer(store, queue, new AuditLog(storage, TimeProvider.System), services, NullLogger<DeadLetterReplayer>.Instance));
    }

    private async Task<List<string>> AuditResultsAsync(string target)
    {
        var results = new List<string>();
        await foreach (TableEntity row in storage.Tables.GetTableClient(storage.Names.AuditTable).QueryAsync<TableEntity>())
        {
            if (row.GetString("Target") == target)
            {
                results.Add(row.GetString("Result")!);
            }
        }

        return results;
    }

    private static DeadLetterInput EventLetter(EventEnvelope envelope)
    {
        string message = JsonSerializer.Serialize(envelope, EnvelopeJson.Options);
        return new DeadLetterInput("event", envelope.Id, envelope.CorrelationId, "poisoned", message, envelope.Source, envelope.ReplayOf, message);
    }

    private static EventEnvelope Envelope(string id) => new(
        id, "crm", EventTypes.CrmDealClosed, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, "corr-" + id, "7001", JsonDocument.Parse("{}").RootElement);

    private sealed class RecordingQueue : IEventQueue
    {
        public List<EventEnvelope> Sent { get; } = [];

        public Task EnqueueAsync(EventEnvelope envelope, CancellationToken cancellationToken)
        {
            lock (Sent)
            {
                Sent.Add(envelope);
            }

            return Task.CompletedTask;
        }
    }

    private sealed class RecordingActions : IInstanceActions
    {
        public List<(string InstanceId, string Action)> Applied { get; } = [];

        public Task<ActionOutcome> ApplyAsync(DurableTaskClient client, string instanceId, string action, string? reason, OperationsCaller caller, string correlationId, CancellationToken cancellationToken)
        {
            Applied.Add((instanceId, action));
            return Task.FromResult(new ActionOutcome(instanceId, action, ActionOutcome.Done, "Running", "retried"));
        }
    }

    private sealed class StaticOptions(AlertOptions value) : IOptionsMonitor<AlertOptions>
    {
        public AlertOptions CurrentValue => value;

        public AlertOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<AlertOptions, string?> listener) => null;
    }

    private sealed class StepClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset now = start;

        public void Advance(TimeSpan by) => now += by;

        public override DateTimeOffset GetUtcNow() => now;
    }
}
