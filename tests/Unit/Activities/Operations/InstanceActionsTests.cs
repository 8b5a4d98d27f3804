using System.Text.Json;
using Integration.Activities.Operations;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.DealToInvoice;
using Integration.Orchestrations.Onboarding;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Xunit;

namespace Integration.Tests.Unit.Activities.Operations;

/// <summary>
/// The state rules of every instance action, against a mocked engine client: what each does in each state, that
/// nothing is sent to the engine when the state does not fit, and that every outcome writes one audit line.
/// </summary>
public sealed class InstanceActionsTests : IAsyncLifetime
{
    private const string DealInstance = "deal-invoice-7001";
    private const string CorrelationId = "corr-act";
    private const string RecordedInput = "{\"DealId\":\"7001\",\"CorrelationId\":\"corr-first\",\"TriggerEventId\":\"crm-1\"}";
    private static readonly OperationsCaller Operator = new("support team", OperationsRole.Operator);

    private readonly Mock<DurableTaskClient> client = new(MockBehavior.Loose, "test") { CallBase = true };
    private AuditTableFake audit = null!;
    private InstanceActions actions = null!;

    public InstanceActionsTests()
    {
        // The base class throws NotSupportedException for these; an engine that supports them answers like this.
        client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((TaskName _, object? _, StartOrchestrationOptions? o, CancellationToken _) => o!.InstanceId!);
        client.Setup(c => c.RewindInstanceAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        client.Setup(c => c.PurgeInstanceAsync(It.IsAny<string>(), It.IsAny<PurgeInstanceOptions?>(), It.IsAny<CancellationToken>())).ReturnsAsync(new PurgeResult(1));
        client.Setup(c => c.TerminateInstanceAsync(It.IsAny<string>(), It.IsAny<TerminateInstanceOptions?>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
    }

    public async Task InitializeAsync()
    {
        audit = await AuditTableFake.StartAsync();
        actions = new InstanceActions(audit.Audit, TimeProvider.System, NullLogger<InstanceActions>.Instance);
    }

    public async Task DisposeAsync() => await audit.DisposeAsync();

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Running)]
    [InlineData(OrchestrationRuntimeStatus.Pending)]
    [InlineData(OrchestrationRuntimeStatus.Suspended)]
    public async Task Terminate_ends_a_live_workflow_with_the_reason(OrchestrationRuntimeStatus status)
    {
        Instance(status);

        ActionOutcome outcome = await ApplyAsync(InstanceActionNames.Terminate, "customer asked to stop");

        Assert.Equal(ActionOutcome.Done, outcome.Result);
        client.Verify(c => c.TerminateInstanceAsync(DealInstance, It.Is<TerminateInstanceOptions>(o => ((string)o.Output!).Contains("customer asked to stop")), It.IsAny<CancellationToken>()), Times.Once);
        AssertAudited(InstanceActionNames.Terminate, "done", "customer asked to stop");
    }

    [Fact]
    public async Task Terminate_of_a_terminated_workflow_is_skipped_and_says_so()
    {
        Instance(OrchestrationRuntimeStatus.Terminated);

        ActionOutcome outcome = await ApplyAsync(InstanceActionNames.Terminate, "again");

        Assert.Equal(ActionOutcome.Skipped, outcome.Result);
        Assert.Contains("already Terminated", outcome.Detail, StringComparison.Ordinal);
        NothingSent();
        AssertAudited(InstanceActionNames.Terminate, "skipped", "again");
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Completed)]
    [InlineData(OrchestrationRuntimeStatus.Failed)]
    public async Task Terminate_of_a_finished_workflow_is_refused_naming_its_state(OrchestrationRuntimeStatus status)
    {
        Instance(status);

        ActionOutcome outcome = await ApplyAsync(InstanceActionNames.Terminate, "why not");

        Assert.Equal(ActionOutcome.Refused, outcome.Result);
        Assert.Equal(status.ToString(), outcome.State);
        NothingSent();
        AssertAudited(InstanceActionNames.Terminate, "refused", "why not");
    }

    [Fact]
    public async Task Terminate_without_a_reason_is_refused_before_the_engine_is_asked()
    {
        ActionOutcome outcome = await ApplyAsync(InstanceActionNames.Terminate, null);

        Assert.Equal(ActionOutcome.Refused, outcome.Result);
        client.Verify(c => c.GetInstancesAsync(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Suspend_pauses_a_running_workflow()
    {
        Instance(OrchestrationRuntimeStatus.Running);

        Assert.Equal(ActionOutcome.Done, (await ApplyAsync(InstanceActionNames.Suspend, "looking into it")).Result);
        client.Verify(c => c.SuspendInstanceAsync(DealInstance, "looking into it", It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Suspend_of_a_suspended_workflow_is_skipped()
    {
        Instance(OrchestrationRuntimeStatus.Suspended);

        Assert.Equal(ActionOutcome.Skipped, (await ApplyAsync(InstanceActionNames.Suspend, null)).Result);
        NothingSent();
    }

    [Fact]
    public async Task Suspend_of_a_finished_workflow_is_refused()
    {
        Instance(OrchestrationRuntimeStatus.Completed);

        ActionOutcome outcome = await ApplyAsync(InstanceActionNames.Suspend, null);

        Assert.Equal((ActionOutcome.Refused, "Completed"), (outcome.Result, outcome.State));
        NothingSent();
    }

    [Fact]
    public async Task Resume_continues_a_suspended_workflow()
    {
        Instance(OrchestrationRuntimeStatus.Suspended);

        Assert.Equal(ActionOutcome.Done, (await ApplyAsync(InstanceActionNames.Resume, null)).Result);
        client.Verify(c => c.ResumeInstanceAsync(DealInstance, It.IsAny<string?>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Resume_of_a_running_workflow_is_skipped()
    {
        Instance(OrchestrationRuntimeStatus.Running);

        Assert.Equal(ActionOutcome.Skipped, (await ApplyAsync(InstanceActionNames.Resume, null)).Result);
        NothingSent();
    }

    [Fact]
    public async Task Resume_of_a_terminated_workflow_is_refused()
    {
        Instance(OrchestrationRuntimeStatus.Terminated);

        Assert.Equal(ActionOutcome.Refused, (await ApplyAsync(InstanceActionNames.Resume, null)).Result);
        NothingSent();
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Completed)]
    [InlineData(OrchestrationRuntimeStatus.Failed)]
    [InlineData(OrchestrationRuntimeStatus.Terminated)]
    public async Task Restart_runs_a_finished_workflow_again_under_the_same_id(OrchestrationRuntimeStatus status)
    {
        Instance(status);

        Assert.Equal(ActionOutcome.Done, (await ApplyAsync(InstanceActionNames.Restart, null)).Result);
        VerifyRestarted();
    }

    [Fact]
    public async Task Restart_of_a_running_workflow_is_refused_telling_to_terminate_it_first()
    {
        Instance(OrchestrationRuntimeStatus.Running);

        ActionOutcome outcome = await ApplyAsync(InstanceActionNames.Restart, null);

        Assert.Equal((ActionOutcome.Refused, "Running"), (outcome.Result, outcome.State));
        Assert.Contains("terminate it first", outcome.Detail, StringComparison.Ordinal);
        NothingSent();
    }

    [Fact]
    public async Task Retry_rewinds_a_failed_workflow_where_the_backend_can()
    {
        Instance(OrchestrationRuntimeStatus.Failed);

        ActionOutcome outcome = await ApplyAsync(InstanceActionNames.Retry, "fixed the mapping");

        Assert.Equal(ActionOutcome.Done, outcome.Result);
        Assert.Contains("rewound", outcome.Detail, StringComparison.Ordinal);
        client.Verify(c => c.RewindInstanceAsync(DealInstance, "fixed the mapping", It.IsAny<CancellationToken>()), Times.Once);
        client.Verify(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Retry_restarts_a_failed_workflow_where_the_backend_cannot_rewind_and_says_so()
    {
        Instance(OrchestrationRuntimeStatus.Failed);
        client.Setup(c => c.RewindInstanceAsync(DealInstance, It.IsAny<string>(), It.IsAny<CancellationToken>())).ThrowsAsync(new NotImplementedException("Unimplemented"));

        ActionOutcome outcome = await ApplyAsync(InstanceActionNames.Retry, null);

        Assert.Equal(ActionOutcome.Done, outcome.Result);
        Assert.Contains("cannot rewind", outcome.Detail, StringComparison.Ordinal);
        VerifyRestarted();
    }

    [Fact]
    public async Task Retry_restarts_a_workflow_that_completed_dead_lettered()
    {
        Instance(OrchestrationRuntimeStatus.Completed, new WorkflowStatus(WorkflowDeadLetter.Step, "CreateErpInvoiceActivity failed: 400", DateTime.UtcNow));

        ActionOutcome outcome = await ApplyAsync(InstanceActionNames.Retry, null);

        Assert.Equal(ActionOutcome.Done, outcome.Result);
        Assert.Contains("dead-lettered", outcome.Detail, StringComparison.Ordinal);
        VerifyRestarted();
        client.Verify(c => c.RewindInstanceAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Retry_of_a_workflow_that_completed_normally_is_refused()
    {
        Instance(OrchestrationRuntimeStatus.Completed, new WorkflowStatus("completed", "invoiced", DateTime.UtcNow));

        ActionOutcome outcome = await ApplyAsync(InstanceActionNames.Retry, null);

        Assert.Equal((ActionOutcome.Refused, "Completed"), (outcome.Result, outcome.State));
        NothingSent();
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Running)]
    [InlineData(OrchestrationRuntimeStatus.Terminated)]
    public async Task Retry_of_a_live_or_terminated_workflow_is_refused(OrchestrationRuntimeStatus status)
    {
        Instance(status);

        Assert.Equal(ActionOutcome.Refused, (await ApplyAsync(InstanceActionNames.Retry, null)).Result);
        NothingSent();
    }

    [Fact]
    public async Task Reread_raises_the_deal_workflows_change_event_with_a_synthetic_event_id()
    {
        Instance(OrchestrationRuntimeStatus.Running);

        ActionOutcome outcome = await ApplyAsync(InstanceActionNames.Reread, null);

        Assert.Equal(ActionOutcome.Done, outcome.Result);
        client.Verify(c => c.RaiseEventAsync(
            DealInstance, DealChanged.EventName,
            It.Is<object>(p => p is DealChanged && ((DealChanged)p).EventId.StartsWith("reread-", StringComparison.Ordinal) && ((DealChanged)p).CorrelationId == CorrelationId),
            It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Reread_of_a_finished_workflow_is_refused()
    {
        Instance(OrchestrationRuntimeStatus.Completed);

        Assert.Equal(ActionOutcome.Refused, (await ApplyAsync(InstanceActionNames.Reread, null)).Result);
        NothingSent();
    }

    [Fact]
    public async Task Reread_of_a_workflow_that_does_not_listen_for_changes_is_refused()
    {
        Instance(OrchestrationRuntimeStatus.Running, name: nameof(OnboardingOrchestrator), instanceId: "onboarding-7");

        ActionOutcome outcome = await actions.ApplyAsync(client.Object, "onboarding-7", InstanceActionNames.Reread, null, Operator, CorrelationId, CancellationToken.None);

        Assert.Equal(ActionOutcome.Refused, outcome.Result);
        Assert.Contains("does not listen", outcome.Detail, StringComparison.Ordinal);
        NothingSent();
    }

    [Fact]
    public async Task Purge_deletes_a_finished_workflows_history()
    {
        Instance(OrchestrationRuntimeStatus.Completed);
        client.Setup(c => c.PurgeInstanceAsync(DealInstance, It.IsAny<PurgeInstanceOptions?>(), It.IsAny<CancellationToken>())).ReturnsAsync(new PurgeResult(1));

        Assert.Equal(ActionOutcome.Done, (await ApplyAsync(InstanceActionNames.Purge, null)).Result);
        client.Verify(c => c.PurgeInstanceAsync(DealInstance, It.IsAny<PurgeInstanceOptions?>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Purge_of_a_running_workflow_is_refused()
    {
        Instance(OrchestrationRuntimeStatus.Running);

        Assert.Equal(ActionOutcome.Refused, (await ApplyAsync(InstanceActionNames.Purge, null)).Result);
        NothingSent();
    }

    [Fact]
    public async Task An_unknown_instance_is_refused_as_not_found_and_audited()
    {
        ActionOutcome outcome = await ApplyAsync(InstanceActionNames.Suspend, null);

        Assert.Equal((ActionOutcome.Refused, ActionOutcome.NotFoundState), (outcome.Result, outcome.State));
        AssertAudited(InstanceActionNames.Suspend, "refused", null);
    }

    [Fact]
    public async Task An_engine_error_is_a_failed_outcome_and_audited()
    {
        Instance(OrchestrationRuntimeStatus.Completed);
        client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("instance is being restarted"));

        ActionOutcome outcome = await ApplyAsync(InstanceActionNames.Restart, null);

        Assert.Equal(ActionOutcome.Failed, outcome.Result);
        Assert.Contains("instance is being restarted", outcome.Detail, StringComparison.Ordinal);
        AssertAudited(InstanceActionNames.Restart, "failed", null);
    }

    private Task<ActionOutcome> ApplyAsync(string action, string? reason) =>
        actions.ApplyAsync(client.Object, DealInstance, action, reason, Operator, CorrelationId, CancellationToken.None);

    private void Instance(OrchestrationRuntimeStatus status, WorkflowStatus? customStatus = null, string name = nameof(DealToInvoiceOrchestrator), string instanceId = DealInstance)
    {
        var metadata = new OrchestrationMetadata(name, instanceId)
        {
            RuntimeStatus = status,
            SerializedCustomStatus = customStatus is null ? null : JsonSerializer.Serialize(customStatus),
            SerializedInput = RecordedInput,
        };
        client.Setup(c => c.GetInstancesAsync(instanceId, It.IsAny<bool>(), It.IsAny<CancellationToken>())).ReturnsAsync(metadata);
    }

    /// <summary>A new run of the same orchestrator, under the same id, from exactly the recorded input, and only if nothing runs under that id.</summary>
    private void VerifyRestarted() => client.Verify(
        c => c.ScheduleNewOrchestrationInstanceAsync(
            It.Is<TaskName>(n => n.Name == nameof(DealToInvoiceOrchestrator)),
            It.Is<object?>(i => JsonSerializer.Serialize(i, (JsonSerializerOptions?)null) == RecordedInput),
            It.Is<StartOrchestrationOptions?>(o => o!.InstanceId == DealInstance && o.DedupeStatuses!.Order().SequenceEqual(new[] { "Pending", "Running", "Suspended" })),
            It.IsAny<CancellationToken>()),
        Times.Once);

    /// <summary>Nothing that changes a workflow reached the engine.</summary>
    private void NothingSent()
    {
        client.Verify(c => c.TerminateInstanceAsync(It.IsAny<string>(), It.IsAny<TerminateInstanceOptions?>(), It.IsAny<CancellationToken>()), Times.Never);
        client.Verify(c => c.SuspendInstanceAsync(It.IsAny<string>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()), Times.Never);
        client.Verify(c => c.ResumeInstanceAsync(It.IsAny<string>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()), Times.Never);
        client.Verify(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()), Times.Never);
        client.Verify(c => c.RewindInstanceAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        client.Verify(c => c.RaiseEventAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object?>(), It.IsAny<CancellationToken>()), Times.Never);
        client.Verify(c => c.PurgeInstanceAsync(It.IsAny<string>(), It.IsAny<PurgeInstanceOptions?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    private void AssertAudited(string action, string result, string? reason)
    {
        JsonElement row = Assert.Single(audit.Rows);
        Assert.Equal("support team", row.GetProperty("Actor").GetString());
        Assert.Equal("operator", row.GetProperty("Role").GetString());
        Assert.Equal(action, row.GetProperty("Action").GetString());
        Assert.Equal(DealInstance, row.GetProperty("Target").GetString());
        Assert.StartsWith(result + ":", row.GetProperty("Result").GetString(), StringComparison.Ordinal);
        Assert.Equal(CorrelationId, row.GetProperty("CorrelationId").GetString());
        if (reason is not null)
        {
            Assert.Equal(reason, row.GetProperty("Reason").GetString());
        }
    }
}
