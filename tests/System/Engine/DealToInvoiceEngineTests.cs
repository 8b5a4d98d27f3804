using System.Text.Json;
using Azure.Data.Tables;
using DurableTask.Core.Exceptions;
using Integration.Activities.Dispatch;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.DealToInvoice;
using Integration.Orchestrations.Routing;
using Integration.Tests.System.Infrastructure;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Tests.System.Engine;

/// <summary>The deal-to-invoice orchestrator and its activities on the real engine and Azure Storage backend (Azurite).</summary>
public sealed class DealToInvoiceEngineTests(InProcessEngineFixture engine) : IClassFixture<InProcessEngineFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Orchestration_completes_with_an_invoice_and_its_history_is_in_the_task_hub_tables()
    {
        string dealId = StandaloneHostFixture.NewDealId();
        string instanceId = DealToInvoiceOrchestrator.InstanceIdFor(dealId);

        await engine.Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(DealToInvoiceOrchestrator), new DealToInvoiceInput(dealId, "engine-test", "test-event"), new StartOrchestrationOptions(instanceId));
        using var timeout = new CancellationTokenSource(Deadline);
        OrchestrationMetadata done = await engine.Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        DealToInvoiceResult result = done.ReadOutputAs<DealToInvoiceResult>()!;
        Assert.True(result.Outcome == DealToInvoiceResult.Invoiced, $"outcome {result.Outcome}: {result.Failure}");
        Assert.Contains(result.CustomerMatchRule, new[] { "created", "cross-reference" });
        Assert.Single(await engine.Sandbox.InvoicesForDealAsync(dealId));
        Assert.Contains("completed", done.SerializedCustomStatus, StringComparison.Ordinal);

        // The Azure Storage backend's own layout, the one Durable Functions reads: {hub}Instances and {hub}History.
        var instances = new TableClient(TestEnvironment.StorageConnectionString, engine.TaskHub + "Instances");
        Assert.True((await instances.GetEntityIfExistsAsync<TableEntity>(instanceId, string.Empty)).HasValue);
        var history = new TableClient(TestEnvironment.StorageConnectionString, engine.TaskHub + "History");
        int events = 0;
        await foreach (TableEntity _ in history.QueryAsync<TableEntity>(e => e.PartitionKey == instanceId))
        {
            events++;
        }

        Assert.True(events > 8, $"expected the instance's history in {engine.TaskHub}History, found {events} rows");
    }

    [Fact]
    public async Task Dispatching_the_same_business_key_twice_runs_one_instance_and_creates_one_invoice()
    {
        string dealId = StandaloneHostFixture.NewDealId();
        EventDispatcher dispatcher = engine.Services.GetRequiredService<EventDispatcher>();
        EventEnvelope Envelope(string id) => new(
            id, "crm", EventTypes.CrmDealClosed, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, "engine-test", dealId, JsonDocument.Parse("{}").RootElement);

        DispatchOutcome first = await dispatcher.DispatchAsync(Envelope("crm-1"), engine.Client, CancellationToken.None);
        DispatchOutcome second = await dispatcher.DispatchAsync(Envelope("crm-2"), engine.Client, CancellationToken.None);

        Assert.Equal(DispatchOutcome.Started, first.Action);

        // The second closed event reaches the same instance: as an event while it runs, or as a restart after.
        Assert.Contains(second.Action, new[] { DispatchOutcome.Raised, DispatchOutcome.Restarted });
        Assert.Equal(DealToInvoiceOrchestrator.InstanceIdFor(dealId), second.InstanceId);
        using var timeout = new CancellationTokenSource(Deadline);
        OrchestrationMetadata done = await engine.Client.WaitForInstanceCompletionAsync(first.InstanceId!, getInputsAndOutputs: true, timeout.Token);
        Assert.Contains(done.ReadOutputAs<DealToInvoiceResult>()!.Outcome, new[] { DealToInvoiceResult.Invoiced, DealToInvoiceResult.InSync });
        Assert.Single(await engine.Sandbox.InvoicesForDealAsync(dealId));
    }

    [Fact]
    public async Task A_start_that_collides_with_a_running_instance_fails_as_already_existing()
    {
        (string dealId, string instanceId) = await StartAwaitingReviewAsync();
        var input = new DealToInvoiceInput(dealId, "engine-test", "test-event");

        // The dispatcher's start with its dedupe on live statuses, as when a second delivery loses the race:
        // it must fail (the dispatcher then raises the change to the running instance), not pretend to start.
        StartOrchestrationOptions liveDedupe = new StartOrchestrationOptions(instanceId).WithDedupeStatuses(
            OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended);
        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(
            () => engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(DealToInvoiceOrchestrator), input, liveDedupe));

        await CancelReviewAsync(instanceId, "test over");
        using var timeout = new CancellationTokenSource(Deadline);
        OrchestrationMetadata done = await engine.Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
        Assert.Equal(DealToInvoiceResult.Cancelled, done.ReadOutputAs<DealToInvoiceResult>()!.Outcome);
    }

    [Fact]
    public async Task A_change_raised_to_a_run_that_ended_a_moment_before_is_handed_to_a_fresh_run_not_discarded()
    {
        (string dealId, string instanceId) = await StartAwaitingReviewAsync();
        OrchestrationMetadata running = (await engine.Client.GetInstanceAsync(instanceId))!;
        await CancelReviewAsync(instanceId, "first run over");
        using (var ended = new CancellationTokenSource(Deadline))
        {
            await engine.Client.WaitForInstanceCompletionAsync(instanceId, cancellation: ended.Token);
        }

        // The dispatcher saw the run while it was live; the engine discards a change raised to it now.
        EventDispatcher dispatcher = engine.Services.GetRequiredService<EventDispatcher>();
        var change = new EventEnvelope(
            "crm-late-change", "crm", EventTypes.CrmDealStageChanged, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, "engine-test", dealId, JsonDocument.Parse("{}").RootElement);
        await using var stale = new StaleFirstLookClient(engine.Client, running);
        DispatchOutcome outcome = await dispatcher.DispatchAsync(change, stale, CancellationToken.None);

        Assert.Equal(DispatchOutcome.Restarted, outcome.Action);
        await WaitForReviewAsync(instanceId);
        OrchestrationMetadata fresh = (await engine.Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true))!;
        Assert.Equal("crm-late-change", fresh.ReadInputAs<DealToInvoiceInput>()!.SourceEventId);
        await CancelReviewAsync(instanceId, "test over");
    }

    [Fact]
    public async Task Deal_without_a_company_waits_for_review_and_a_cancel_ends_it_without_an_invoice()
    {
        (string dealId, string instanceId) = await StartAwaitingReviewAsync();
        await CancelReviewAsync(instanceId, "not ours");
        using var timeout = new CancellationTokenSource(Deadline);
        OrchestrationMetadata done = await engine.Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);

        DealToInvoiceResult result = done.ReadOutputAs<DealToInvoiceResult>()!;
        Assert.Equal(DealToInvoiceResult.Cancelled, result.Outcome);
        Assert.Contains("not ours", result.Failure, StringComparison.Ordinal);
        Assert.Empty(await engine.Sandbox.InvoicesForDealAsync(dealId));
        Assert.Contains(await engine.Sandbox.AlertsAsync(), a => a!.ToJsonString().Contains("Manual review needed", StringComparison.Ordinal)
            && a.ToJsonString().Contains(instanceId, StringComparison.Ordinal));
    }

    /// <summary>Starts the workflow of a new deal without a company, which waits for an operator's answer.</summary>
    private async Task<(string DealId, string InstanceId)> StartAwaitingReviewAsync()
    {
        string dealId = StandaloneHostFixture.NewDealId();
        await engine.Sandbox.SeedDealWithoutCompanyAsync(dealId);
        string instanceId = DealToInvoiceOrchestrator.InstanceIdFor(dealId);
        await engine.Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(DealToInvoiceOrchestrator), new DealToInvoiceInput(dealId, "engine-test", "test-event"), new StartOrchestrationOptions(instanceId));
        await WaitForReviewAsync(instanceId);
        return (dealId, instanceId);
    }

    private Task CancelReviewAsync(string instanceId, string comment) =>
        engine.Client.RaiseEventAsync(instanceId, ManualReview.DecisionEvent, new ReviewDecision("cancel", null, "engine-test", comment));

    private Task<string> WaitForReviewAsync(string instanceId) => Eventually.Until(
        async () => (await engine.Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true))?.SerializedCustomStatus ?? string.Empty,
        status => status.Contains(ManualReview.AwaitingStep, StringComparison.Ordinal),
        Deadline,
        "the workflow to wait for a review");
}
