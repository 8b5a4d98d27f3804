using System.Net.Http.Headers;
using System.Text.Json;
using Integration.Activities.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Integration.Tests.Unit.Activities.Http;

/// <summary>A request no route takes: 405 with Allow when the path is a product route under another method, else 404; both problem+json.</summary>
public sealed class UnmatchedRouteHandlerTests : IDisposable
{
    private readonly ServiceProvider services = new ServiceCollection().AddLogging().BuildServiceProvider();

    public void Dispose() => services.Dispose();

    [Theory]
    [InlineData("GET", "/api/nope")]
    [InlineData("POST", "/")]
    [InlineData("DELETE", "/api/v1/webhooks")]
    public async Task An_unknown_path_is_404_route_not_found(string method, string path)
    {
        var (context, problem) = await HandleAsync(method, path);

        Assert.Equal(StatusCodes.Status404NotFound, context.Response.StatusCode);
        Assert.Equal("application/problem+json", MediaTypeHeaderValue.Parse(context.Response.ContentType!).MediaType);
        Assert.Equal("urn:integration:problem:route-not-found", problem.GetProperty("type").GetString());
        Assert.Contains($"{method} {path}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False(context.Response.Headers.ContainsKey("Allow"));
    }

    [Fact]
    public async Task Every_product_route_under_another_method_is_405_naming_the_method_it_takes()
    {
        foreach (ProductRoute route in ProductRoutes.All)
        {
            string path = "/api/" + route.Template.Replace("{", "x-", StringComparison.Ordinal).Replace("}", string.Empty, StringComparison.Ordinal);
            string other = route.Method == HttpMethods.Get ? HttpMethods.Post : HttpMethods.Get;

            var (context, problem) = await HandleAsync(other, path);

            Assert.Equal(StatusCodes.Status405MethodNotAllowed, context.Response.StatusCode);
            Assert.Equal(route.Method, context.Response.Headers.Allow.ToString());
            Assert.Equal("urn:integration:problem:method-not-allowed", problem.GetProperty("type").GetString());
            Assert.Equal(405, problem.GetProperty("status").GetInt32());
        }
    }

    [Fact]
    public async Task The_callers_correlation_id_is_in_the_problem()
    {
        var (_, problem) = await HandleAsync("GET", "/api/nope", correlationId: "support-case-7");

        Assert.Equal("support-case-7", problem.GetProperty("correlationId").GetString());
    }

    private async Task<(HttpContext Context, JsonElement Problem)> HandleAsync(string method, string path, string? correlationId = null)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = method;
        context.Request.Path = path;
        if (correlationId is not null)
        {
            context.Request.Headers[CorrelationIds.HeaderName] = correlationId;
        }

        context.Response.Body = new MemoryStream();
        await UnmatchedRouteHandler.Handle(context.Request).ExecuteAsync(context);
        context.Response.Body.Position = 0;
        using JsonDocument json = await JsonDocument.ParseAsync(context.Response.Body);
        return (context, json.RootElement.Clone());
    }
}
