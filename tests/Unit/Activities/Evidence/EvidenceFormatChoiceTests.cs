using Integration.Activities.Evidence;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace Integration.Tests.Unit.Activities.Evidence;

/// <summary>JSON unless the caller asks for CSV, by ?format= or by Accept.</summary>
public sealed class EvidenceFormatChoiceTests
{
    [Theory]
    [InlineData("", null, EvidenceFormat.Json)]
    [InlineData("?format=csv", null, EvidenceFormat.Csv)]
    [InlineData("?format=CSV", null, EvidenceFormat.Csv)]
    [InlineData("?format=json", "text/csv", EvidenceFormat.Json)]
    [InlineData("?format=", "text/csv", EvidenceFormat.Csv)]
    [InlineData("", "text/csv", EvidenceFormat.Csv)]
    [InlineData("", "text/csv; charset=utf-8", EvidenceFormat.Csv)]
    [InlineData("", "application/json, text/csv", EvidenceFormat.Json)]
    [InlineData("", "application/json;q=0.5, text/csv;q=0.9", EvidenceFormat.Csv)]
    [InlineData("", "text/csv;q=0.5, application/json", EvidenceFormat.Json)]
    [InlineData("", "text/csv;q=0", EvidenceFormat.Json)]
    [InlineData("", "*/*", EvidenceFormat.Json)]
    [InlineData("", "this is not a media type", EvidenceFormat.Json)]
    public void Chooses(string query, string? accept, EvidenceFormat expected)
    {
        Assert.Equal(expected, EvidenceFormatChoice.Choose(Request(query, accept)));
    }

    [Theory]
    [InlineData("?format=xml")]
    [InlineData("?format=csv&format=csv")]
    public void Refuses(string query)
    {
        Assert.Null(EvidenceFormatChoice.Choose(Request(query, "text/csv")));
    }

    private static HttpRequest Request(string query, string? accept)
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString(query.Length == 0 ? null : query);
        if (accept is not null)
        {
            context.Request.Headers.Accept = accept;
        }

        return context.Request;
    }
}
