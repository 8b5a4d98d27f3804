using System.Text;
using Integration.Activities.Operations;
using Integration.Orchestrations.Operations;
using Xunit;

namespace Integration.Tests.Unit.Activities.Operations;

/// <summary>
/// A bulk job's request is read strictly: anything that could make a job touch more (or other) than the operator
/// meant is a 400 naming the field, before a job starts.
/// </summary>
public sealed class BulkJobRequestReaderTests
{
    [Fact]
    public void An_instance_action_with_an_instance_filter_is_read()
    {
        BulkJobSpec spec = Read("""{"action":"terminate","filter":{"workflow":"deal-invoice","status":"running","step":"awaiting-review","createdTo":"2026-11-07T00:00:00Z"},"dryRun":true,"reason":"stale reviews"}""");

        Assert.Equal("terminate", spec.Action);
        Assert.True(spec.DryRun);
        Assert.Equal("stale reviews", spec.Reason);
        Assert.Equal(new BulkJobFilter(Workflow: "deal-invoice", Statuses: spec.Filter.Statuses, Step: "awaiting-review", CreatedTo: new DateTimeOffset(2026, 11, 7, 0, 0, 0, TimeSpan.Zero)), spec.Filter);
        Assert.Equal(["Running"], spec.Filter.Statuses!);
    }

    [Fact]
    public void A_replay_with_a_dead_letter_filter_is_read()
    {
        BulkJobSpec spec = Read("""{"action":"replay","filter":{"source":"crm","status":"open","from":"2026-12-07T09:00:00Z"}}""");

        Assert.Equal(new BulkJobFilter(Source: "crm", Status: "open", From: new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero)), spec.Filter);
        Assert.False(spec.DryRun);
    }

    [Theory]
    [InlineData("""{"action":"explode","filter":{"workflow":"deal-invoice"}}""", "'action' 'explode' is not an action")]
    [InlineData("""{"filter":{"workflow":"deal-invoice"}}""", "'action' is required")]
    [InlineData("""{"action":"suspend","filter":{"workflow":"deal-invoice"},"dryrun":true}""", "'dryrun' is not a field")]
    [InlineData("""{"action":"suspend","filter":{"wrkflow":"deal-invoice"}}""", "'filter.wrkflow' is not a filter name")]
    [InlineData("""{"action":"replay","filter":{"workflow":"deal-invoice"}}""", "'filter.workflow' is a filter of an instance action, not of replay")]
    [InlineData("""{"action":"suspend","filter":{"source":"crm"}}""", "'filter.source' is a filter of replay, not of an instance action")]
    [InlineData("""{"action":"suspend","filter":{"status":"Stuck"}}""", "'filter.status' 'Stuck' is not a runtime status")]
    [InlineData("""{"action":"replay","filter":{"status":"Running"}}""", "'filter.status' 'Running' is not a dead-letter status")]
    [InlineData("""{"action":"suspend","filter":{"createdFrom":"yesterday"}}""", "'filter.createdFrom' 'yesterday' is not a date and time")]
    [InlineData("""{"action":"suspend","filter":{"createdFrom":"2026-02-01T00:00:00Z","createdTo":"2026-01-01T00:00:00Z"}}""", "'filter.createdFrom' must be before")]
    [InlineData("""{"action":"suspend","filter":{}}""", "names nothing to match")]
    [InlineData("""{"action":"suspend"}""", "'filter' is required")]
    [InlineData("""{"action":"suspend","filter":"deal-invoice"}""", "'filter' must be an object")]
    [InlineData("""{"action":"terminate","filter":{"workflow":"deal-invoice"}}""", "'reason' is required to terminate")]
    [InlineData("""{"action":"suspend","filter":{"workflow":"deal-invoice"},"dryRun":"yes"}""", "'dryRun' must be true or false")]
    [InlineData("""{"action":"suspend","filter":{"workflow":5}}""", "'filter.workflow' must be a string")]
    [InlineData("""{"action":"suspend","filter":{"workflow":"no-such-workflow"}}""", "'filter.workflow' 'no-such-workflow' is not a workflow")]
    [InlineData("""{"action":"suspend","filter":{"step":"Awaiting Review"}}""", "'filter.step' 'Awaiting Review' is not a step name")]
    [InlineData("""{"action":"suspend","filter":{"key":"a/b"}}""", "'filter.key': the key")]
    [InlineData("""[1]""", "must be an object")]
    [InlineData("""{"action":""", "not JSON")]
    public void A_request_that_is_not_a_bulk_job_is_refused_naming_the_field(string body, string expected)
    {
        (BulkJobSpec? spec, string? error) = BulkJobRequestReader.Read(Encoding.UTF8.GetBytes(body));

        Assert.Null(spec);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reason_over_1000_characters_is_refused()
    {
        (BulkJobSpec? spec, string? error) = BulkJobRequestReader.Read(Encoding.UTF8.GetBytes($$"""{"action":"suspend","filter":{"workflow":"x"},"reason":"{{new string('r', 1001)}}"}"""));

        Assert.Null(spec);
        Assert.Contains("at most 1000", error, StringComparison.Ordinal);
    }

    private static BulkJobSpec Read(string body)
    {
        (BulkJobSpec? spec, string? error) = BulkJobRequestReader.Read(Encoding.UTF8.GetBytes(body));
        Assert.True(spec is not null, error);
        return spec;
    }
}
