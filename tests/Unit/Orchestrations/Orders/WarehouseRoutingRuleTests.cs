using Integration.Orchestrations.Orders;
using Xunit;

namespace Integration.Tests.Unit.Orchestrations.Orders;

/// <summary>The documented rule: country-region, then country, then default; the list's order is the order tried.</summary>
public sealed class WarehouseRoutingRuleTests
{
    private static readonly Dictionary<string, IReadOnlyList<string>> Table = new()
    {
        ["US"] = ["shipbob", "shipstation"],
        ["us-ca"] = ["ShipStation"],
        ["default"] = ["shipstation", "shipbob"],
        ["GB"] = [],
    };

    [Theory]
    [InlineData("US", "CA", "shipstation", "us-ca")]
    [InlineData("us", "ca", "shipstation", "us-ca")]
    [InlineData("US", "NY", "shipbob,shipstation", "US")]
    [InlineData("US", null, "shipbob,shipstation", "US")]
    [InlineData("DE", "BE", "shipstation,shipbob", "default")]
    [InlineData(null, null, "shipstation,shipbob", "default")]
    [InlineData("GB", null, "shipstation,shipbob", "default")]
    public void The_most_specific_key_with_warehouses_decides(string? country, string? region, string expected, string key)
    {
        (IReadOnlyList<string> warehouses, string? matched) = WarehouseRoutingRule.Candidates(Table, country, region);

        Assert.Equal(expected.Split(','), warehouses);
        Assert.Equal(key, matched);
    }

    [Fact]
    public void Without_a_match_or_default_there_is_no_candidate()
    {
        (IReadOnlyList<string> warehouses, string? matched) = WarehouseRoutingRule.Candidates(
            new Dictionary<string, IReadOnlyList<string>> { ["US"] = ["shipbob"] }, "FR", null);

        Assert.Empty(warehouses);
        Assert.Null(matched);
    }

    [Fact]
    public void Names_are_trimmed_lower_cased_and_listed_once()
    {
        (IReadOnlyList<string> warehouses, _) = WarehouseRoutingRule.Candidates(
            new Dictionary<string, IReadOnlyList<string>> { ["default"] = [" ShipBob ", "shipbob", "", "shipstation"] }, "US", null);

        Assert.Equal(["shipbob", "shipstation"], warehouses);
    }
}
