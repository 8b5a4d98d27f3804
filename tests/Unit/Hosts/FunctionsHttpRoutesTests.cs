using System.Reflection;
using Integration.Activities.Http;
using Integration.Functions.Http;
using Integration.Functions.Workflows;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Constraints;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Integration.Tests.Unit.Hosts;

/// <summary>
/// The Functions app's HTTP triggers are exactly <see cref="ProductRoutes"/>, and its catch-alls take every other
/// request whatever order the Functions host registers them in. The host matches a request against one ASP.NET Core
/// <see cref="Route"/> per function (template under the "api" prefix, an httpMethod constraint), first match wins,
/// in registration order; this replays that router over the [HttpTrigger] attributes.
/// </summary>
public sealed class FunctionsHttpRoutesTests : IDisposable
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE"];

    private static readonly IReadOnlyList<HttpFunction> AllHttpFunctions = LoadHttpFunctions();

    private static readonly HashSet<string> CatchAlls = typeof(UnmatchedRouteFunctions)
        .GetMethods(BindingFlags.Public | BindingFlags.Static)
        .Select(m => m.GetCustomAttribute<FunctionAttribute>()?.Name)
        .OfType<string>()
        .ToHashSet(StringComparer.Ordinal);

    private readonly ServiceProvider services = new ServiceCollection().AddLogging().AddRouting().BuildServiceProvider();

    public void Dispose() => services.Dispose();

    [Fact]
    public void The_product_http_triggers_are_exactly_the_product_routes()
    {
        HttpFunction[] product = AllHttpFunctions.Where(f => !CatchAlls.Contains(f.Name)).ToArray();

        Assert.Empty(ProductRoutes.Differences(product.SelectMany(f => f.Methods.Select(m => (m, f.Route)))));
        Assert.Equal(
            ProductRoutes.All.Select(r => r.Name).Order(StringComparer.Ordinal),
            product.Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.All(product, f => Assert.Single(f.Methods));
    }

    [Fact]
    public void There_are_catch_alls_and_every_one_answers_through_the_shared_handler()
    {
        Assert.Equal(3, CatchAlls.Count);
        Assert.All(AllHttpFunctions.Where(f => CatchAlls.Contains(f.Name)), f => Assert.Equal("anonymous", f.AuthLevel.ToLowerInvariant()));
    }

    public static TheoryData<string> Orders() => ["declared", "by name", "by name, reversed", "catch-alls first", "catch-alls last"];

    [Theory]
    [MemberData(nameof(Orders))]
    public async Task Each_product_route_reaches_its_function_in_any_registration_order(string order)
    {
        RouteCollection router = Router(order);
        foreach (ProductRoute route in ProductRoutes.All)
        {
            foreach (string path in SamplePaths(route))
            {
                Assert.Equal(route.Name, await MatchAsync(router, route.Method, path));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Orders))]
    public async Task Each_product_route_under_any_other_method_reaches_a_catch_all(string order)
    {
        RouteCollection router = Router(order);
        foreach (ProductRoute route in ProductRoutes.All)
        {
            foreach (string method in Methods.Where(m => m != route.Method))
            {
                string? function = await MatchAsync(router, method, SamplePaths(route)[0]);
                Assert.True(function is not null && CatchAlls.Contains(function), $"{method} {route.Template} went to {function ?? "no function (the host's bare 404)"}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Orders))]
    public async Task Any_other_path_reaches_the_catch_all_under_any_method(string order)
    {
        RouteCollection router = Router(order);
        string[] paths = ["/api", "/api/", "/api/nope", "/api/v1", "/api/v1/webhooks", "/api/v1/webhooks/crm/extra", "/api/healthz", "/api/v2/health", "/api/v1/evidence"];
        foreach (string path in paths)
        {
            foreach (string method in Methods)
            {
                string? function = await MatchAsync(router, method, path);
                Assert.True(function == "UnmatchedRoute", $"{method} {path} went to {function ?? "no function (the host's bare 404)"}");
            }
        }
    }

    private static string[] SamplePaths(ProductRoute route)
    {
        string path = "/api/" + System.Text.RegularExpressions.Regex.Replace(route.Template, @"\{(\w+)(:[^}]*)?\}", "sample-$1");
        return [path, path + "/", path.ToUpperInvariant()];
    }

    private RouteCollection Router(string order)
    {
        IEnumerable<HttpFunction> ordered = order switch
        {
            "declared" => AllHttpFunctions,
            "by name" => AllHttpFunctions.OrderBy(f => f.Name, StringComparer.OrdinalIgnoreCase),
            "by name, reversed" => AllHttpFunctions.OrderByDescending(f => f.Name, StringComparer.OrdinalIgnoreCase),
            "catch-alls first" => AllHttpFunctions.OrderBy(f => CatchAlls.Contains(f.Name) ? 0 : 1),
            "catch-alls last" => AllHttpFunctions.OrderBy(f => CatchAlls.Contains(f.Name) ? 1 : 0),
            _ => throw new ArgumentOutOfRangeException(nameof(order)),
        };

        var resolver = services.GetRequiredService<IInlineConstraintResolver>();
        var router = new RouteCollection();
        foreach (HttpFunction function in ordered)
        {
            var constraints = new Dictionary<string, object>();
            if (function.Methods.Length > 0)
            {
                constraints.Add("httpMethod", new HttpMethodRouteConstraint(function.Methods));
            }

            router.Add(new Route(
                new RouteHandler(_ => Task.CompletedTask),
                function.Name,
                $"{ProductRoutes.Prefix}/{function.Route}",
                new RouteValueDictionary(),
                constraints,
                new RouteValueDictionary { ["function"] = function.Name },
                resolver));
        }

        return router;
    }

    private async Task<string?> MatchAsync(RouteCollection router, string method, string path)
    {
        var context = new RouteContext(new DefaultHttpContext { RequestServices = services, Request = { Method = method, Path = path } });
        await router.RouteAsync(context);
        return context.Handler is null ? null : context.RouteData.DataTokens["function"] as string;
    }

    private static IReadOnlyList<HttpFunction> LoadHttpFunctions() =>
        (from type in typeof(DealToInvoiceFunctions).Assembly.GetTypes()
         from method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
         let function = method.GetCustomAttribute<FunctionAttribute>()
         let trigger = method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).SingleOrDefault(a => a is not null)
         where function is not null && trigger is not null
         select new HttpFunction(
             function.Name,
             trigger.Route ?? function.Name,
             (trigger.Methods ?? []).Select(m => m.ToUpperInvariant()).ToArray(),
             trigger.AuthLevel.ToString()))
        .ToArray();

    private sealed record HttpFunction(string Name, string Route, string[] Methods, string AuthLevel);
}
