using Azure.Data.Tables;
using DurableTask.Core.History;
using Integration.Activities.Operations;
using Xunit;

namespace Integration.Tests.Unit.Activities.Operations;

/// <summary>History table rows (as the Azure Storage backend writes them) become the engine's event types, so the mapper reads them.</summary>
public sealed class HistoryTableReaderTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 7, 5, 45, 59, TimeSpan.Zero);

    [Fact]
    public void A_scheduled_and_a_failed_task_row_become_one_failed_activity_entry_with_the_error()
    {
        HistoryEvent[] events =
        [
            HistoryTableReader.ToEvent(Row("TaskScheduled", 2, ("Name", "CreateErpInvoiceActivity"), ("Input", """[{"DealId":"1"}]""")))!,
            HistoryTableReader.ToEvent(Row("TaskFailed", -1, ("TaskScheduledId", 2), ("FailureDetails", """{"ErrorType":"PermanentActivityFailureException","ErrorMessage":"ERP answered 400"}""")))!,
            HistoryTableReader.ToEvent(Row("ExecutionCompleted", -1, ("OrchestrationStatus", "Failed"), ("FailureDetails", """{"ErrorType":"TaskFailedException","ErrorMessage":"failed"}""")))!,
        ];
        InstanceHistoryView view = InstanceHistoryMapper.Map("deal-invoice-1", new EngineHistory(events, More: false, LargePayloads: 0));

        HistoryEntry activity = view.Entries[0];
        Assert.Equal(("CreateErpInvoiceActivity", "failed", "PermanentActivityFailureException: ERP answered 400"), (activity.Name, activity.Outcome, activity.Error));
        Assert.Equal(At, activity.At);
        Assert.Equal("failed", view.Entries[1].Kind);
    }

    [Fact]
    public void Episode_markers_are_not_entries()
    {
        Assert.Null(HistoryTableReader.ToEvent(Row("OrchestratorStarted", -1)));
        Assert.Null(HistoryTableReader.ToEvent(Row("OrchestratorCompleted", -1)));
    }

    [Fact]
    public void A_history_longer_than_was_read_or_with_blob_payloads_says_so()
    {
        InstanceHistoryView view = InstanceHistoryMapper.Map("x", new EngineHistory([], More: true, LargePayloads: 2));
        Assert.False(view.Complete);
        Assert.Contains(view.Limits, l => l.Contains("more than", StringComparison.Ordinal));
        Assert.Contains(view.Limits, l => l.Contains("blobs", StringComparison.Ordinal));
    }

    private static TableEntity Row(string type, int eventId, params (string Name, object Value)[] columns)
    {
        var row = new TableEntity("deal-invoice-1", "0000000000000001") { ["EventType"] = type, ["EventId"] = eventId, ["_Timestamp"] = At };
        foreach ((string name, object value) in columns)
        {
            row[name] = value;
        }

        return row;
    }
}
