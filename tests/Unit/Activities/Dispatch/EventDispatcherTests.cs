using System.Text.Json;
using Integration.Activities.Dispatch;
using Integration.Activities.Queueing;
using Integration.Orchestrations.DealToInvoice;
using Integration.Orchestrations.Routing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Xunit;

namespace Integration.Tests.Unit.Activities.Dispatch;

/// <summary>Queue message to workflow: start once per business key, absorb duplicates, let real failures retry.</summary>
public sealed class EventDispatcherTests
{
    private const string DealId = "4242";
    private const string ExpectedInstanceId = "deal-invoice-4242";

    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly EventDispatcher dispatcher = new(NullLogger<EventDispatcher>.Instance);
    private readonly Mock<DurableTaskClient> client = new("test");

    [Fact]
    public async Task An_existing_instance_makes_the_event_a_duplicate_without_scheduling()
    {
        client.Setup(c => c.GetInstanceAsync(ExpectedInstanceId, false, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new OrchestrationMetadata(nameof(DealToInvoiceOrchestrator), ExpectedInstanceId) { RuntimeStatus = OrchestrationRuntimeStatus.Completed });

        DispatchOutcome outcome = await dispatcher.DispatchAsync(DealClosed(), client.Object, CancellationToken.None);

        Assert.Equal("duplicate", outcome.Action);
        Assert.Equal(ExpectedInstanceId, outcome.InstanceId);
        Assert.Equal("crm-1", outcome.EventId);
        Assert.Contains("Completed", outcome.Detail, StringComparison.Ordinal);
        client.Verify(
            c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()),
            Times.Never);
    }

    [Fact]
    public async Task No_instance_schedules_one_under_the_business_key_with_dedupe_statuses()
    {
        var scheduled = new List<(TaskName Name, object? Input, StartOrchestrationOptions? Options)>();
        client.Setup(c => c.GetInstanceAsync(ExpectedInstanceId, false, It.IsAny<CancellationToken>())).ReturnsAsync((OrchestrationMetadata?)null);
        client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .Callback<TaskName, object?, StartOrchestrationOptions?, CancellationToken>((name, input, options, _) => scheduled.Add((name, input, options)))
            .ReturnsAsync(ExpectedInstanceId);

        DispatchOutcome outcome = await dispatcher.DispatchAsync(DealClosed(), client.Object, CancellationToken.None);

        Assert.Equal("started", outcome.Action);
        Assert.Equal(ExpectedInstanceId, outcome.InstanceId);
        var (name, input, options) = Assert.Single(scheduled);
        Assert.Equal(nameof(DealToInvoiceOrchestrator), name.Name);
        Assert.Equal(new DealToInvoiceInput(DealId, "corr-1", "crm-1"), input);
        Assert.NotNull(options);
        Assert.Equal(ExpectedInstanceId, options.InstanceId);
        Assert.NotNull(options.DedupeStatuses);
        Assert.Equal(
            new[] { "Completed", "Failed", "Pending", "Running", "Suspended", "Terminated" },
            options.DedupeStatuses.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_message_string_is_parsed_as_an_envelope_and_dispatched()
    {
        client.Setup(c => c.GetInstanceAsync(ExpectedInstanceId, false, It.IsAny<CancellationToken>())).ReturnsAsync((OrchestrationMetadata?)null);
        client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(ExpectedInstanceId);
        string message = JsonSerializer.Serialize(DealClosed(), EnvelopeJson.Options);

        DispatchOutcome outcome = await dispatcher.DispatchAsync(message, client.Object, CancellationToken.None);

        Assert.Equal("started", outcome.Action);
        Assert.Equal(ExpectedInstanceId, outcome.InstanceId);
        client.Verify(
            c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()),
            Times.Once);
    }

    [Fact]
    public async Task Losing_the_start_race_to_another_delivery_is_a_duplicate()
    {
        client.Setup(c => c.GetInstanceAsync(ExpectedInstanceId, false, It.IsAny<CancellationToken>())).ReturnsAsync((OrchestrationMetadata?)null);
        client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new OrchestrationAlreadyExistsException("instance deal-invoice-4242 is taken"));

        DispatchOutcome outcome = await dispatcher.DispatchAsync(DealClosed(), client.Object, CancellationToken.None);

        Assert.Equal("duplicate", outcome.Action);
        Assert.Equal(ExpectedInstanceId, outcome.InstanceId);
    }

    [Fact]
    public async Task An_already_exists_exception_wrapped_by_the_client_is_a_duplicate()
    {
        client.Setup(c => c.GetInstanceAsync(ExpectedInstanceId, false, It.IsAny<CancellationToken>())).ReturnsAsync((OrchestrationMetadata?)null);
        client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("start failed", new OrchestrationAlreadyExistsException("taken")));

        DispatchOutcome outcome = await dispatcher.DispatchAsync(DealClosed(), client.Object, CancellationToken.None);

        Assert.Equal("duplicate", outcome.Action);
    }

    [Fact]
    public async Task Other_scheduling_failures_propagate_so_the_message_is_retried()
    {
        client.Setup(c => c.GetInstanceAsync(ExpectedInstanceId, false, It.IsAny<CancellationToken>())).ReturnsAsync((OrchestrationMetadata?)null);
        client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new TimeoutException("task hub unreachable"));

        var ex = await Assert.ThrowsAsync<TimeoutException>(() => dispatcher.DispatchAsync(DealClosed(), client.Object, CancellationToken.None));

        Assert.Equal("task hub unreachable", ex.Message);
    }

    [Fact]
    public async Task A_failing_instance_lookup_propagates()
    {
        client.Setup(c => c.GetInstanceAsync(ExpectedInstanceId, false, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new HttpRequestException("storage down"));

        await Assert.ThrowsAsync<HttpRequestException>(() => dispatcher.DispatchAsync(DealClosed(), client.Object, CancellationToken.None));
        client.Verify(
            c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()),
            Times.Never);
    }

    [Theory]
    [InlineData("crm.deal.stage_changed.v1", DealId)]
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

    private static EventEnvelope DealClosed() =>
        new("crm-1", "crm", "crm.deal.closed.v1", Now, Now, "corr-1", DealId, JsonSerializer.SerializeToElement(new { objectId = 4242 }));

    /// <summary>Stands in for DurableTask.Core's exception, which the dispatcher recognises by name.</summary>
    private sealed class OrchestrationAlreadyExistsException(string message) : Exception(message);
}
