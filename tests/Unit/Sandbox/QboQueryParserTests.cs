using Integration.Sandbox.QuickBooks;
using Xunit;

namespace Integration.Tests.Unit.Sandbox;

public sealed class QboQueryParserTests
{
    [Fact]
    public void Parses_conditions_escapes_and_paging_with_keywords_in_any_case()
    {
        var query = QboQueryParser.Parse(
            @"select * FROM Customer where DisplayName = 'O\'Brien' And PrimaryEmailAddr LIKE '%@acme.test' startposition 3 MaxResults 7");

        Assert.Equal(QboEntityType.Customer, query.Entity);
        Assert.Equal(2, query.Conditions.Count);
        Assert.Equal(new QboCondition("DisplayName", QboOperator.Equal, ["O'Brien"]).Field, query.Conditions[0].Field);
        Assert.Equal("O'Brien", query.Conditions[0].Values[0]);
        Assert.Equal(QboOperator.Like, query.Conditions[1].Operator);
        Assert.Equal("%@acme.test", query.Conditions[1].Values[0]);
        Assert.Equal(3, query.StartPosition);
        Assert.Equal(7, query.MaxResults);
    }

    [Fact]
    public void Defaults_to_first_page_of_100()
    {
        var query = QboQueryParser.Parse("SELECT * FROM Invoice");

        Assert.Equal(QboEntityType.Invoice, query.Entity);
        Assert.Empty(query.Conditions);
        Assert.Equal(1, query.StartPosition);
        Assert.Equal(100, query.MaxResults);
    }

    [Theory]
    [InlineData("")]
    [InlineData("SELECT * FROM")]
    [InlineData("SELECT * FROM Customer WHERE")]
    [InlineData("SELECT * FROM Customer WHERE DisplayName = 'open")]
    [InlineData("SELECT * FROM Customer WHERE DisplayName LIKE Acme")]
    [InlineData("SELECT * FROM Customer MAXRESULTS 0")]
    [InlineData("SELECT * FROM Customer extra")]
    [InlineData("SELECT * FROM Item")]
    [InlineData("DELETE FROM Customer")]
    public void Rejects_invalid_queries(string text)
    {
        Assert.Throws<QboQueryException>(() => QboQueryParser.Parse(text));
    }

    [Theory]
    [InlineData("Acme Ltd", "%acme%", true)]
    [InlineData("Acme Ltd", "acme%", true)]
    [InlineData("Acme Ltd", "%ltd", true)]
    [InlineData("Acme Ltd", "%me%Lt%", true)]
    [InlineData("Acme Ltd", "Ltd%", false)]
    [InlineData("Acme Ltd", "%inc%", false)]
    [InlineData("ab", "%ab%ab%", false)]
    [InlineData("Acme", "acme", true)]
    public void Like_supports_percent_wildcards_ignoring_case(string value, string pattern, bool expected)
    {
        Assert.Equal(expected, LikePattern.IsMatch(value, pattern));
    }
}
