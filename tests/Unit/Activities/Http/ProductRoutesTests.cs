using Integration.Activities.Http;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace Integration.Tests.Unit.Activities.Http;

/// <summary>The product's route list: which methods a path is served under, and how a host's bindings are compared with it.</summary>
public sealed class ProductRoutesTests
{
    [Theory]
    [InlineData("/api/v1/webhooks/crm", "POST")]
    [InlineData("/API/V1/Webhooks/crm", "POST")]
    [InlineData("/api/health", "GET")]
    [InlineData("/api/health/", "GET")]
    [InlineData("/api/v1/instances/deal-invoice-1001", "GET")]
    [InlineData("/api/v1/evidence/offboardings", "GET")]
    [InlineData("/api/v1/evidence/offboardings/E1-20260302T080000Z", "GET")]
    [InlineData("/api/v1/reviews/deal-invoice-3001", "POST")]
    public void A_product_path_is_served_under_its_one_method(string path, string method)
    {
        Assert.Equal([method], ProductRoutes.MethodsFor(new PathString(path)));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/api")]
    [InlineData("/api/nope")]
    [InlineData("/api/v1/webhooks")]
    [InlineData("/api/v1/webhooks/crm/extra")]
    [InlineData("/health")]
    [InlineData("/api/v2/health")]
    public void Any_other_path_is_served_under_no_method(string path)
    {
        Assert.Empty(ProductRoutes.MethodsFor(new PathString(path)));
    }

    [Fact]
    public void Route_names_and_method_template_pairs_are_unique()
    {
        Assert.Equal(ProductRoutes.All.Count, ProductRoutes.All.Select(r => r.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(ProductRoutes.All.Count, ProductRoutes.All.Select(r => (r.Method, r.Template.ToLowerInvariant())).Distinct().Count());
    }

    [Fact]
    public void The_list_itself_has_no_differences_with_or_without_the_prefix_and_case()
    {
        Assert.Empty(ProductRoutes.Differences(ProductRoutes.All.Select(r => (r.Method.ToLowerInvariant(), r.Template))));
        Assert.Empty(ProductRoutes.Differences(ProductRoutes.All.Select(r => (r.Method, "/api/" + r.Template.ToUpperInvariant()))));
    }

    [Fact]
    public void A_missing_route_a_route_too_many_and_a_wrong_method_are_each_named()
    {
        var bound = ProductRoutes.All.Where(r => r.Name != "Health").Select(r => (r.Method, r.Template))
            .Where(b => b.Template != "v1/dead-letters")
            .Append(("GET", "v1/secret"))
            .Append(("DELETE", "v1/dead-letters"))
            .ToList();

        IReadOnlyList<string> differences = ProductRoutes.Differences(bound);

        Assert.Contains("in ProductRoutes but not bound: GET health", differences);
        Assert.Contains("in ProductRoutes but not bound: GET v1/dead-letters", differences);
        Assert.Contains("bound but not in ProductRoutes: GET v1/secret", differences);
        Assert.Contains("bound but not in ProductRoutes: DELETE v1/dead-letters", differences);
        Assert.Equal(4, differences.Count);
    }
}
