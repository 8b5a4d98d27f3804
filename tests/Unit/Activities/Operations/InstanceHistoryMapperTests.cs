using DurableTask.Core;
using DurableTask.Core.History;
using Integration.Activities.Operations;
using Xunit;

namespace Integration.Tests.Unit.Activities.Operations;

public sealed class InstanceHistoryMapperTests
{
    private static readonly DateTime T0 = new(2026, 12, 7, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void An_activity_is_one_entry_with_its_times_duration_input_and_output()
    {
        InstanceHistoryView view = Map(
            At(new ExecutionStartedEvent(-1, """{"dealId":"42"}""") { Name = "DealToInvoiceOrchestrator" }, 0),
            At(new TaskScheduledEvent(0, "FetchCrmDealActivity", null, "\"42\""), 1),
            At(new TaskCompletedEvent(-1, 0, """{"amount":100}"""), 3),
            At(new ExecutionCompletedEvent(-1, """{"invoiceId":"INV-1"}""", OrchestrationStatus.Completed, null), 4));

        Assert.Equal(["started", "activity", "completed"], view.Entries.Select(e => e.Kind));
        HistoryEntry activity = view.Entries[1];
        Assert.Equal("FetchCrmDealActivity", activity.Name);
        Assert.Equal(("completed", 1, 2000L), (activity.Outcome, activity.Attempt, activity.DurationMs));
        Assert.Equal(T0.AddSeconds(1), activity.At.UtcDateTime);
        Assert.Equal(T0.AddSeconds(3), activity.EndedAt!.Value.UtcDateTime);
        Assert.Equal("42", activity.Input!.Value.GetString());
        Assert.Equal(100, activity.Output!.Value.GetProperty("amount").GetInt32());
        Assert.Equal("INV-1", view.Entries[2].Output!.Value.GetProperty("invoiceId").GetString());
        Assert.True(view.Complete);
    }

    [Fact]
    public void A_retried_activity_counts_its_attempts_and_shows_the_error()
    {
        InstanceHistoryView view = Map(
            At(new TaskScheduledEvent(0, "CreateErpInvoiceActivity", null, "{}"), 0),
            At(new TaskFailedEvent(-1, 0, null, null, new FailureDetails("HttpRequestException", "ERP answered 422: customer unknown", null, null, false)), 1),
            At(new TimerCreatedEvent(1, T0.AddSeconds(30)), 1),
            At(new TimerFiredEvent(-1, T0.AddSeconds(30)) { TimerId = 1 }, 30),
            At(new TaskScheduledEvent(2, "CreateErpInvoiceActivity", null, "{}"), 30),
            At(new TaskFailedEvent(-1, 2, null, null, new FailureDetails("HttpRequestException", "ERP answered 422: customer unknown", null, null, false)), 31),
            At(new ExecutionCompletedEvent(-1, null, OrchestrationStatus.Failed, new FailureDetails("TaskFailedException", "CreateErpInvoiceActivity failed", null, null, false)), 32));

        HistoryEntry[] attempts = view.Entries.Where(e => e.Kind == "activity").ToArray();
        Assert.Equal([1, 2], attempts.Select(a => a.Attempt!.Value));
        Assert.All(attempts, a => Assert.Equal(("failed", "HttpRequestException: ERP answered 422: customer unknown"), (a.Outcome, a.Error)));
        HistoryEntry timer = Assert.Single(view.Entries, e => e.Kind == "timer");
        Assert.Equal(("fired", T0.AddSeconds(30)), (timer.Outcome, timer.Due!.Value.UtcDateTime));
        HistoryEntry end = view.Entries[^1];
        Assert.Equal(("failed", "TaskFailedException: CreateErpInvoiceActivity failed"), (end.Kind, end.Error));
    }

    [Fact]
    public void Events_received_and_suspend_resume_terminate_are_entries()
    {
        InstanceHistoryView view = Map(
            At(new EventRaisedEvent(-1, """{"decision":"approve"}""") { Name = "ReviewDecision" }, 1),
            At(new ExecutionSuspendedEvent(-1, "looking into it"), 2),
            At(new ExecutionResumedEvent(-1, "fixed"), 3),
            At(new ExecutionTerminatedEvent(-1, "\"duplicate\""), 4));

        Assert.Equal(["event-received", "suspended", "resumed", "terminated"], view.Entries.Select(e => e.Kind));
        Assert.Equal("approve", view.Entries[0].Input!.Value.GetProperty("decision").GetString());
        Assert.Equal("ReviewDecision", view.Entries[0].Name);
        Assert.Equal("looking into it", view.Entries[1].Detail);
    }

    [Fact]
    public void Sub_orchestrations_and_continue_as_new_are_entries()
    {
        InstanceHistoryView view = Map(
            At(new ExecutionStartedEvent(-1, "{}") { Name = "X", Generation = 3 }, 0),
            At(new SubOrchestrationInstanceCreatedEvent(0) { Name = "Child", InstanceId = "child-1", Input = "{}" }, 1),
            At(new SubOrchestrationInstanceCompletedEvent(-1, 0, "\"ok\""), 2),
            At(new ContinueAsNewEvent(-1, """{"next":1}"""), 3));

        Assert.Equal(["started", "sub-orchestration", "continued-as-new"], view.Entries.Select(e => e.Kind));
        Assert.Equal(("completed", "child-1"), (view.Entries[1].Outcome, view.Entries[1].Detail));
        Assert.Contains(InstanceHistoryMapper.GenerationLimit, view.Limits);
    }

    [Fact]
    public void Payloads_are_redacted_with_the_api_call_log_rules()
    {
        InstanceHistoryView view = Map(
            At(new TaskScheduledEvent(0, "ProvisionAccessActivity", null, """{"employeeId":"E1","email":"a@b.example","apiKey":"s3cret"}"""), 0));

        string input = view.Entries[0].Input!.Value.GetRawText();
        Assert.DoesNotContain("a@b.example", input, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", input, StringComparison.Ordinal);
        Assert.Contains("E1", input, StringComparison.Ordinal);
    }

    [Fact]
    public void The_answer_says_custom_status_changes_are_not_shown()
    {
        Assert.Contains(InstanceHistoryMapper.CustomStatusLimit, Map().Limits);
    }

    [Fact]
    public void A_very_long_history_is_cut_and_says_so()
    {
        HistoryEvent[] events = Enumerable.Range(0, InstanceHistoryMapper.MaxEvents + 10)
            .Select(i => At(new EventRaisedEvent(-1, "{}") { Name = "Ping" }, i)).ToArray();
        InstanceHistoryView view = Map(events);

        Assert.False(view.Complete);
        Assert.Equal(InstanceHistoryMapper.MaxEvents, view.Entries.Count);
        Assert.Contains(view.Limits, l => l.Contains("only the first", StringComparison.Ordinal));
    }

    private static InstanceHistoryView Map(params HistoryEvent[] events) => InstanceHistoryMapper.Map("deal-invoice-42", events);

    private static HistoryEvent At(HistoryEvent e, int seconds)
    {
        e.Timestamp = T0.AddSeconds(seconds);
        return e;
    }
}
