using Integration.Activities.Operations;
using Xunit;

namespace Integration.Tests.Unit.Activities.Operations;

public sealed class InstanceRowsFilterTests
{
    [Fact]
    public void A_workflow_becomes_a_partition_key_range_and_a_name()
    {
        string filter = InstanceTableRows.ODataFilter(new InstanceRowQuery("deal-invoice-", "DealToInvoiceOrchestrator", [], new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), null));

        Assert.Contains("PartitionKey ge 'deal-invoice-' and PartitionKey lt 'deal-invoice.'", filter, StringComparison.Ordinal);
        Assert.Contains("Name eq 'DealToInvoiceOrchestrator'", filter, StringComparison.Ordinal);
        Assert.Contains("CreatedTime ge datetime'2026-12-01T00:00:00Z'", filter, StringComparison.Ordinal);
        Assert.DoesNotContain("CreatedTime l", filter, StringComparison.Ordinal);
    }

    [Fact]
    public void Statuses_are_alternatives_and_the_upper_bound_can_be_inclusive()
    {
        var from = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        string filter = InstanceTableRows.ODataFilter(new InstanceRowQuery(null, null, ["Failed", "Running"], from, from.AddHours(1), CreatedToInclusive: true));

        Assert.Contains("(RuntimeStatus eq 'Failed' or RuntimeStatus eq 'Running')", filter, StringComparison.Ordinal);
        Assert.Contains("CreatedTime le datetime'2026-12-01T01:00:00Z'", filter, StringComparison.Ordinal);
        Assert.DoesNotContain("PartitionKey", filter, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quote_in_a_value_is_escaped()
    {
        string filter = InstanceTableRows.ODataFilter(new InstanceRowQuery(null, "O'Brien", [], DateTimeOffset.UnixEpoch, null));
        Assert.Contains("Name eq 'O''Brien'", filter, StringComparison.Ordinal);
    }
}
