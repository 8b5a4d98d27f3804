using System.Text.Json;
using Integration.Activities.Dispatch;
using Integration.Activities.Queueing;
using Integration.Orchestrations.DealToInvoice;
using Integration.Orchestrations.Routing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Xunit;

namespace Integration.Tests.Unit.Activities.Dispatch;

/// <summary>Queue message to workflow: one live run per business key, changes delivered or restarted, never dropped; real failures retry.</summary>
public sealed class EventDispatcherTests
{
    private const string DealId = "4242";
    private const string ExpectedInstanceId = "deal-invoice-4242";

    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly EventDispatcher dispatcher = new(NullLogger<EventDispatcher>.Instance);
    private readonly Mock<DurableTaskClient> client = new("test");

    [Fact]
    public async Task No_instance_starts_one_under_the_business_key_deduped_on_live_statuses_only()
    {
        var scheduled = CaptureSchedules();
        Instance(null);

        DispatchOutcome outcome = await dispatcher.DispatchAsync(DealClosed(), client.Object, CancellationToken.None);

        Assert.Equal((DispatchOutcome.Started, ExpectedInstanceId, "crm-1"), (outcome.Action, outcome.InstanceId, outcome.EventId));
        var (name, input, options) = Assert.Single(scheduled);
        Assert.Equal(nameof(DealToInvoiceOrchestrator), name.Name);
        Assert.Equal(new DealToInvoiceInput(DealId, "corr-1", "crm-1"), input);
        Assert.Equal(ExpectedInstanceId, options!.InstanceId);
        Assert.Equal(new[] { "Pending", "Running", "Suspended" }, options.DedupeStatuses!.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Running)]
    [InlineData(OrchestrationRuntimeStatus.Pending)]
    [InlineData(OrchestrationRuntimeStatus.Suspended)]
    public async Task A_live_instance_hears_the_change_as_an_event_and_nothing_is_scheduled(OrchestrationRuntimeStatus status)
    {
        var raised = CaptureRaises();
        Instance(status);
        AfterRaise(Metadata(status, Now.AddSeconds(1)));

        DispatchOutcome outcome = await dispatcher.DispatchAsync(DealClosed() with { Type = "crm.deal.stage_changed.v1" }, client.Object, CancellationToken.None);

        Assert.Equal(DispatchOutcome.Raised, outcome.Action);
        var (instance, name, payload) = Assert.Single(raised);
        Assert.Equal((ExpectedInstanceId, DealChanged.EventName), (instance, name));
        Assert.Equal(new DealChanged("crm-1", "corr-1", "crm.deal.stage_changed.v1"), payload);
        VerifyNeverScheduled();
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Completed, "crm.deal.closed.v1")]
    [InlineData(OrchestrationRuntimeStatus.Failed, "crm.deal.stage_changed.v1")]
    [InlineData(OrchestrationRuntimeStatus.Terminated, "crm.deal.amount_changed.v1")]
    public async Task A_finished_instance_is_restarted_so_it_reads_the_deal_again(OrchestrationRuntimeStatus status, string type)
    {
        var scheduled = CaptureSchedules();
        Instance(status);

        DispatchOutcome outcome = await dispatcher.DispatchAsync(DealClosed() with { Type = type }, client.Object, CancellationToken.None);

        Assert.Equal(DispatchOutcome.Restarted, outcome.Action);
        Assert.Contains(status.ToString(), outcome.Detail, StringComparison.Ordinal);
        Assert.Equal(ExpectedInstanceId, Assert.Single(scheduled).Options!.InstanceId);
    }

    [Theory]
    [InlineData("crm.deal.stage_changed.v1")]
    [InlineData("crm.deal.amount_changed.v1")]
    public async Task A_change_to_a_deal_that_never_had_a_workflow_is_ignored(string type)
    {
        Instance(null);

        DispatchOutcome outcome = await dispatcher.DispatchAsync(DealClosed() with { Type = type }, client.Object, CancellationToken.None);

        Assert.Equal(DispatchOutcome.Ignored, outcome.Action);
        Assert.Contains("no workflow", outcome.Detail, StringComparison.Ordinal);
        VerifyNeverScheduled();
    }

    [Fact]
    public async Task A_message_string_is_parsed_as_an_envelope_and_dispatched()
    {
        CaptureSchedules();
        Instance(null);
        string message = JsonSerializer.Serialize(DealClosed(), EnvelopeJson.Options);

        DispatchOutcome outcome = await dispatcher.DispatchAsync(message, client.Object, CancellationToken.None);

        Assert.Equal(DispatchOutcome.Started, outcome.Action);
        Assert.Equal(ExpectedInstanceId, outcome.InstanceId);
    }

    [Fact]
    public async Task Losing_the_start_race_delivers_the_change_to_the_winner_instead_of_dropping_it()
    {
        var raised = CaptureRaises();
        Instances(null, Metadata(OrchestrationRuntimeStatus.Running, Now)); // the winner is running by the next look
        AfterRaise(Metadata(OrchestrationRuntimeStatus.Running, Now.AddSeconds(1)));
        ScheduleThrows(new OrchestrationAlreadyExistsException("instance deal-invoice-4242 is taken"));

        DispatchOutcome outcome = await dispatcher.DispatchAsync(DealClosed(), client.Object, CancellationToken.None);

        Assert.Equal(DispatchOutcome.Raised, outcome.Action);
        Assert.Equal(ExpectedInstanceId, Assert.Single(raised).Instance);
    }

    [Fact]
    public async Task An_already_exists_exception_wrapped_by_the_client_is_recognised()
    {
        CaptureRaises();
        Instances(null, Metadata(OrchestrationRuntimeStatus.Running, Now));
        AfterRaise(Metadata(OrchestrationRuntimeStatus.Running, Now.AddSeconds(1)));
        ScheduleThrows(new InvalidOperationException("start failed", new OrchestrationAlreadyExistsException("taken")));

        DispatchOutcome outcome = await dispatcher.DispatchAsync(DealClosed(), client.Object, CancellationToken.None);

        Assert.Equal(DispatchOutcome.Raised, outcome.Action);
    }

    [Fact]
    public async Task A_change_raised_as_the_instance_ends_is_handed_to_a_fresh_run_instead_of_being_discarded()
    {
        var raised = CaptureRaises();
        var scheduled = CaptureSchedules();
        Instances(Metadata(OrchestrationRuntimeStatus.Running, Now), Metadata(OrchestrationRuntimeStatus.Completed, Now.AddSeconds(1)));

        // It completed a run that an earlier event started: the engine discarded the change raised to it.
        AfterRaise(Metadata(OrchestrationRuntimeStatus.Completed, Now.AddSeconds(1), new DealToInvoiceInput(DealId, "corr-0", "crm-0")));

        DispatchOutcome outcome = await dispatcher.DispatchAsync(DealClosed() with { Type = "crm.deal.stage_changed.v1" }, client.Object, CancellationToken.None);

        Assert.Equal(DispatchOutcome.Restarted, outcome.Action);
        Assert.Single(raised);
        var (_, input, options) = Assert.Single(scheduled);
        Assert.Equal(new DealToInvoiceInput(DealId, "corr-1", "crm-1"), input);
        Assert.Equal(ExpectedInstanceId, options!.InstanceId);
    }

    [Fact]
    public async Task An_instance_that_ended_with_the_run_this_change_started_took_it_and_is_not_restarted()
    {
        CaptureRaises();
        Instance(OrchestrationRuntimeStatus.Running);
        AfterRaise(Metadata(OrchestrationRuntimeStatus.Completed, Now.AddSeconds(2), new DealToInvoiceInput(DealId, "corr-1", "crm-1")));

        DispatchOutcome outcome = await dispatcher.DispatchAsync(DealClosed() with { Type = "crm.deal.stage_changed.v1" }, client.Object, CancellationToken.None);

        Assert.Equal(DispatchOutcome.Raised, outcome.Action);
        VerifyNeverScheduled();
    }

    [Fact]
    public async Task A_live_instance_that_does_not_run_while_watched_keeps_the_change_queued_for_it()
    {
        var watched = new EventDispatcher(NullLogger<EventDispatcher>.Instance, TimeSpan.FromMilliseconds(300));
        CaptureRaises();
        Instance(OrchestrationRuntimeStatus.Running);
        AfterRaise(Metadata(OrchestrationRuntimeStatus.Running, Now)); // no episode since the raise

        DispatchOutcome outcome = await watched.DispatchAsync(DealClosed() with { Type = "crm.deal.stage_changed.v1" }, client.Object, CancellationToken.None);

        Assert.Equal(DispatchOutcome.Raised, outcome.Action);
        client.Verify(c => c.GetInstanceAsync(ExpectedInstanceId, true, It.IsAny<CancellationToken>()), Times.AtLeast(2));
        VerifyNeverScheduled();
    }

    [Fact]
    public async Task A_key_that_keeps_starting_and_ending_throws_after_three_rounds_so_the_message_is_retried()
    {
        Instance(null);
        ScheduleThrows(new OrchestrationAlreadyExistsException("taken"));

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => dispatcher.DispatchAsync(DealClosed(), client.Object, CancellationToken.None));

        Assert.Contains("3 rounds", ex.Message, StringComparison.Ordinal);
        client.Verify(
            c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()),
            Times.Exactly(3));
    }

    [Fact]
    public async Task Other_scheduling_failures_propagate_so_the_message_is_retried()
    {
        Instance(null);
        ScheduleThrows(new TimeoutException("task hub unreachable"));

        var ex = await Assert.ThrowsAsync<TimeoutException>(() => dispatcher.DispatchAsync(DealClosed(), client.Object, CancellationToken.None));

        Assert.Equal("task hub unreachable", ex.Message);
    }

    [Fact]
    public async Task A_failing_instance_lookup_propagates()
    {
        client.Setup(c => c.GetInstanceAsync(ExpectedInstanceId, false, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new HttpRequestException("storage down"));

        await Assert.ThrowsAsync<HttpRequestException>(() => dispatcher.DispatchAsync(DealClosed(), client.Object, CancellationToken.None));
        VerifyNeverScheduled();
    }

    [Theory]
    [InlineData("crm.deal.property_changed.v1", DealId)]
    [InlineData("crm.contact.creation.v1", "77")]
    [InlineData("crm.deal.closed.v1", "")]
    public async Task An_ignored_route_is_reported_without_touching_the_client(string type, string subject)
    {
        EventEnvelope envelope = DealClosed() with { Type = type, Subject = subject };

        DispatchOutcome outcome = await dispatcher.DispatchAsync(envelope, client.Object, CancellationToken.None);

        Assert.Equal("ignored", outcome.Action);
        Assert.Null(outcome.InstanceId);
        Assert.False(string.IsNullOrWhiteSpace(outcome.Detail));
        Assert.Empty(client.Invocations);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{}")]
    [InlineData("null")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"id\":\"crm-1\"}")]
    [InlineData("{\"type\":\"crm.deal.closed.v1\"}")]
    public async Task A_message_that_is_not_an_envelope_throws_json_exception(string message)
    {
        await Assert.ThrowsAnyAsync<JsonException>(() => dispatcher.DispatchAsync(message, client.Object, CancellationToken.None));
        Assert.Empty(client.Invocations);
    }

    private void Instance(OrchestrationRuntimeStatus? status) =>
        client.Setup(c => c.GetInstanceAsync(ExpectedInstanceId, false, It.IsAny<CancellationToken>()))
            .ReturnsAsync(status is null ? null : Metadata(status.Value, Now));

    /// <summary>What the dispatcher's successive lookups (before raising or starting) see.</summary>
    private void Instances(params OrchestrationMetadata?[] views)
    {
        var sequence = client.SetupSequence(c => c.GetInstanceAsync(ExpectedInstanceId, false, It.IsAny<CancellationToken>()));
        foreach (OrchestrationMetadata? view in views)
        {
            sequence = sequence.ReturnsAsync(view);
        }
    }

    /// <summary>What the dispatcher sees when it watches the instance after raising the change.</summary>
    private void AfterRaise(OrchestrationMetadata view) =>
        client.Setup(c => c.GetInstanceAsync(ExpectedInstanceId, true, It.IsAny<CancellationToken>())).ReturnsAsync(view);

    private static OrchestrationMetadata Metadata(OrchestrationRuntimeStatus status, DateTimeOffset lastUpdated, DealToInvoiceInput? input = null) =>
        new(nameof(DealToInvoiceOrchestrator), ExpectedInstanceId)
        {
            RuntimeStatus = status,
            LastUpdatedAt = lastUpdated,
            SerializedInput = input is null ? null : JsonDataConverter.Default.Serialize(input),
            DataConverter = JsonDataConverter.Default,
        };

    private void ScheduleThrows(Exception failure) =>
        client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(failure);

    private List<(TaskName Name, object? Input, StartOrchestrationOptions? Options)> CaptureSchedules()
    {
        var scheduled = new List<(TaskName Name, object? Input, StartOrchestrationOptions? Options)>();
        client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .Callback<TaskName, object?, StartOrchestrationOptions?, CancellationToken>((name, input, options, _) => scheduled.Add((name, input, options)))
            .ReturnsAsync(ExpectedInstanceId);
        return scheduled;
    }

    private List<(string Instance, string Name, object? Payload)> CaptureRaises()
    {
        var raised = new List<(string Instance, string Name, object? Payload)>();
        client.Setup(c => c.RaiseEventAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object?>(), It.IsAny<CancellationToken>()))
            .Callback<string, string, object?, CancellationToken>((instance, name, payload, _) => raised.Add((instance, name, payload)))
            .Returns(Task.CompletedTask);
        return raised;
    }

    private void VerifyNeverScheduled() =>
        client.Verify(
            c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()),
            Times.Never);

    private static EventEnvelope DealClosed() =>
        new("crm-1", "crm", "crm.deal.closed.v1", Now, Now, "corr-1", DealId, JsonSerializer.SerializeToElement(new { objectId = 4242 }));

    /// <summary>Stands in for DurableTask.Core's exception, which the dispatcher recognises by name.</summary>
    private sealed class OrchestrationAlreadyExistsException(string message) : Exception(message);
}
