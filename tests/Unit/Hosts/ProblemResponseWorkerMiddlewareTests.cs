using System.Net.Http.Headers;
using System.Text.Json;
using Integration.Activities.Http;
using Integration.Functions.Hosting;
using Integration.Functions.Http;
using Integration.Tests.Unit.Activities.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Moq;
using Xunit;

namespace Integration.Tests.Unit.Hosts;

/// <summary>
/// The Functions worker's error boundary: an HTTP function that throws answers 500 problem+json with the correlation
/// id (no details) and is logged; any other trigger gets its exception back, so queue retries and poison still work.
/// </summary>
public sealed class ProblemResponseWorkerMiddlewareTests : IDisposable
{
    private readonly ServiceProvider services = new ServiceCollection().AddLogging().BuildServiceProvider();
    private readonly CapturedLog<ProblemResponseWorkerMiddleware> log = new();

    public void Dispose() => services.Dispose();

    [Fact]
    public async Task An_http_function_that_throws_answers_a_500_problem_with_the_correlation_id()
    {
        var http = new DefaultHttpContext { RequestServices = services };
        http.Request.Method = "POST";
        http.Request.Path = "/api/v1/webhooks/crm";
        http.Request.Headers[CorrelationIds.HeaderName] = "fn-case-1";
        http.Response.Body = new MemoryStream();
        var thrown = new InvalidOperationException("AccountKey=s3cr3t");

        await new ProblemResponseWorkerMiddleware(log).Invoke(Invocation(http), _ => throw thrown);

        Assert.Equal(StatusCodes.Status500InternalServerError, http.Response.StatusCode);
        Assert.Equal("application/problem+json", MediaTypeHeaderValue.Parse(http.Response.ContentType!).MediaType);
        http.Response.Body.Position = 0;
        using JsonDocument problem = await JsonDocument.ParseAsync(http.Response.Body);
        Assert.Equal("urn:integration:problem:internal-error", problem.RootElement.GetProperty("type").GetString());
        Assert.Equal("fn-case-1", problem.RootElement.GetProperty("correlationId").GetString());
        Assert.DoesNotContain("s3cr3t", problem.RootElement.GetRawText(), StringComparison.Ordinal);
        CapturedLog<ProblemResponseWorkerMiddleware>.Entry entry = Assert.Single(log.Entries);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Same(thrown, entry.Exception);
        Assert.Contains("fn-case-1", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_queue_or_activity_function_that_throws_gets_its_exception_back()
    {
        var thrown = new InvalidOperationException("dispatch failed");

        InvalidOperationException seen = await Assert.ThrowsAsync<InvalidOperationException>(
            () => new ProblemResponseWorkerMiddleware(log).Invoke(Invocation(http: null), _ => throw thrown));

        Assert.Same(thrown, seen);
        Assert.Empty(log.Entries);
    }

    [Fact]
    public async Task An_http_function_that_succeeds_is_left_alone()
    {
        var http = new DefaultHttpContext { RequestServices = services };
        http.Response.Body = new MemoryStream();

        await new ProblemResponseWorkerMiddleware(log).Invoke(Invocation(http), _ => Task.CompletedTask);

        Assert.Equal(StatusCodes.Status200OK, http.Response.StatusCode);
        Assert.Equal(0, http.Response.Body.Length);
        Assert.Empty(log.Entries);
    }

    [Fact]
    public void The_functions_host_runs_the_middleware()
    {
        using IHost host = FunctionsHost.Build(HostTestSettings.Minimal());

        Assert.NotNull(host.Services.GetService<ProblemResponseWorkerMiddleware>());
    }

    /// <summary>An invocation as the ASP.NET Core integration leaves it: the request's HttpContext in Items under "HttpRequestContext".</summary>
    private static FunctionContext Invocation(HttpContext? http)
    {
        var items = new Dictionary<object, object>();
        if (http is not null)
        {
            items["HttpRequestContext"] = http;
        }

        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.Items).Returns(items);
        return context.Object;
    }
}
