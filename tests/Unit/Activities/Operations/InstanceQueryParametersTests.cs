using Integration.Activities.Operations;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace Integration.Tests.Unit.Activities.Operations;

public sealed class InstanceQueryParametersTests
{
    [Fact]
    public void Every_filter_is_read_with_statuses_in_any_case()
    {
        InstanceQuery query = Parse("?workflow=deal-invoice&status=failed,RUNNING&key=123&step=awaiting-review&createdFrom=2026-12-01T09:00:00Z&createdTo=2026-12-02&pageSize=20&continuationToken=abc");

        Assert.Null(query.BadParameter);
        InstanceFilter filter = query.Filter!;
        Assert.Equal("deal-invoice", filter.Workflow);
        Assert.Equal(["Failed", "Running"], filter.Statuses);
        Assert.Equal("123", filter.Key);
        Assert.Equal("awaiting-review", filter.Step);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), filter.CreatedFrom);
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero), filter.CreatedTo);
        Assert.Equal(20, query.PageSize);
        Assert.Equal("abc", query.ContinuationToken);
    }

    [Fact]
    public void No_parameters_is_every_workflow_fifty_to_a_page()
    {
        InstanceQuery query = Parse(string.Empty);
        Assert.Equal(new InstanceFilter(), query.Filter);
        Assert.Equal(50, query.PageSize);
    }

    [Fact]
    public void A_time_with_an_offset_is_read_as_that_instant()
    {
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero), Parse("?createdFrom=2026-12-01T09:00:00%2B01:00").Filter!.CreatedFrom);
    }

    [Theory]
    [InlineData("?workflow=deals", "workflow")]
    [InlineData("?status=Stuck", "status")]
    [InlineData("?status=Completed,Nope", "status")]
    [InlineData("?key=a/b", "key")]
    [InlineData("?step=Awaiting%20Review", "step")]
    [InlineData("?createdFrom=yesterday", "createdFrom")]
    [InlineData("?createdFrom=12/01/2026", "createdFrom")]
    [InlineData("?createdTo=2026-13-45", "createdTo")]
    [InlineData("?createdFrom=2026-12-02&createdTo=2026-12-01", "createdTo")]
    [InlineData("?pageSize=0", "pageSize")]
    [InlineData("?pageSize=201", "pageSize")]
    [InlineData("?pageSize=ten", "pageSize")]
    public void A_bad_parameter_is_named(string queryString, string parameter)
    {
        InstanceQuery query = Parse(queryString);
        Assert.Null(query.Filter);
        Assert.Equal(parameter, query.BadParameter);
        Assert.False(string.IsNullOrEmpty(query.Problem));
    }

    private static InstanceQuery Parse(string queryString) =>
        InstanceQueryParameters.Parse(new DefaultHttpContext { Request = { QueryString = new QueryString(queryString) } }.Request.Query);
}
