using Integration.Activities.DeadLetters;
using Integration.Activities.Http;
using Integration.Activities.Operations;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Integration.Tests.Unit.Activities.DeadLetters;

/// <summary>GET /api/v1/dead-letters reads its query strictly (a wrong parameter is a 400 naming it), and its page tokens are opaque and checked.</summary>
public sealed class DeadLetterQueryTests
{
    [Fact]
    public void A_full_query_is_read_into_the_filter()
    {
        (DeadLetterQuery? query, string? error) = Parse("source=crm&status=open&from=2026-03-02T09:00:00Z&to=2026-03-03T00:00:00Z&pageSize=20&continuationToken=abc");

        Assert.Null(error);
        Assert.Equal(new DeadLetterFilter("crm", "open", new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 3, 0, 0, 0, TimeSpan.Zero)), query!.Filter);
        Assert.Equal(20, query.PageSize);
        Assert.Equal("abc", query.ContinuationToken);
    }

    [Fact]
    public void No_parameters_mean_everything_fifty_at_a_time()
    {
        (DeadLetterQuery? query, _) = Parse(string.Empty);

        Assert.Equal(new DeadLetterFilter(), query!.Filter);
        Assert.Equal(DeadLetterQuery.DefaultPageSize, query.PageSize);
    }

    [Theory]
    [InlineData("status=done", "'status'")]
    [InlineData("pageSize=0", "'pageSize'")]
    [InlineData("pageSize=201", "'pageSize'")]
    [InlineData("pageSize=ten", "'pageSize'")]
    [InlineData("from=yesterday", "'from'")]
    [InlineData("from=2026-03-02T09:00:00", "'from'")]
    [InlineData("from=2026-03-03T00:00:00Z&to=2026-03-02T00:00:00Z", "'from' must be before 'to'")]
    [InlineData("sauce=crm", "Unknown parameter 'sauce'")]
    [InlineData("source=crm&source=hr", "'source' is given more than once")]
    public void A_bad_parameter_is_refused_by_name(string queryString, string named)
    {
        (DeadLetterQuery? query, string? error) = Parse(queryString);

        Assert.Null(query);
        Assert.Contains(named, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_reads_back_only_in_its_own_list()
    {
        string token = PageTokens.Encode("dead-letters", "1!abc 2!def");

        Assert.Equal("1!abc 2!def", PageTokens.Decode("dead-letters", token));
        Assert.Throws<ArgumentException>(() => PageTokens.Decode("alerts", token));
        Assert.Throws<ArgumentException>(() => PageTokens.Decode("dead-letters", "%%%"));
        Assert.Throws<ArgumentException>(() => PageTokens.Decode("dead-letters", PageTokens.Encode("dead-letters", string.Empty)));
    }

    [Theory]
    [InlineData(ActionOutcome.Done, null, 200)]
    [InlineData(ActionOutcome.Refused, ActionOutcome.NotFoundState, 404)]
    [InlineData(ActionOutcome.Refused, "replayed", 409)]
    [InlineData(ActionOutcome.Failed, "open", 503)]
    public async Task A_replay_outcome_answers_with_its_status(string result, string? state, int status)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Response.Body = new MemoryStream();

        await DeadLetterHandler.Answer(new ActionOutcome("id", "replay", result, state, "detail"), "corr").ExecuteAsync(context);

        Assert.Equal(status, context.Response.StatusCode);
    }

    [Fact]
    public void A_replayed_dead_letter_is_refused_naming_when_and_by_whom()
    {
        var letter = new DeadLetter("event", "crm-1", "c", "r", null, DateTimeOffset.UtcNow, DeadLetterStore.Replayed,
            "crm", ReplayedBy: "support team", ReplayedAt: new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), ReplayDeliveryId: "d1");

        ActionOutcome refusal = DeadLetterReplayer.Refusal(letter)!;

        Assert.Equal(ActionOutcome.Refused, refusal.Result);
        Assert.Contains("2026-03-02 09:00:00Z", refusal.Detail, StringComparison.Ordinal);
        Assert.Contains("support team", refusal.Detail, StringComparison.Ordinal);
        Assert.Null(DeadLetterReplayer.Refusal(letter with { Status = DeadLetterStore.Open }));
    }

    private static (DeadLetterQuery?, string?) Parse(string query) =>
        DeadLetterQuery.Parse(new QueryCollection(QueryHelpers.ParseQuery(query)));
}
