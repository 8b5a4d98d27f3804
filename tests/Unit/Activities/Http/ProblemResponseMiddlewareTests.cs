using System.Net.Http.Headers;
using System.Text.Json;
using Integration.Activities.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Integration.Tests.Unit.Activities.Http;

/// <summary>
/// The standalone pipeline's error boundary: an unhandled exception is a 500 problem with the request's correlation
/// id and nothing of the exception, logged with both; the framework's own request errors and bodiless error statuses
/// become problem+json for their status.
/// </summary>
public sealed class ProblemResponseMiddlewareTests : IDisposable
{
    private const string Secret = "connection string with AccountKey=s3cr3t";

    private readonly ServiceProvider services = new ServiceCollection().AddLogging().BuildServiceProvider();
    private readonly CapturedLog<ProblemResponseMiddleware> log = new();

    public void Dispose() => services.Dispose();

    [Fact]
    public async Task An_unhandled_exception_is_a_500_problem_with_the_correlation_id_and_no_details()
    {
        HttpContext context = NewContext(correlationId: "case-500");

        await RunAsync(context, _ => throw new InvalidOperationException(Secret));

        JsonElement problem = await ProblemOf(context, StatusCodes.Status500InternalServerError, "internal-error");
        Assert.Equal("case-500", problem.GetProperty("correlationId").GetString());
        string body = problem.GetRawText();
        Assert.DoesNotContain("s3cr3t", body, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(InvalidOperationException), body, StringComparison.Ordinal);
        Assert.Contains("case-500", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_500_is_logged_at_error_with_the_exception_and_the_correlation_id()
    {
        HttpContext context = NewContext(correlationId: "case-logged");
        var thrown = new InvalidOperationException(Secret);

        await RunAsync(context, _ => throw thrown);

        CapturedLog<ProblemResponseMiddleware>.Entry entry = Assert.Single(log.Entries);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Same(thrown, entry.Exception);
        Assert.Contains("case-logged", entry.Message, StringComparison.Ordinal);
        Assert.Contains("GET /api/v1/instances/x", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_caller_id_the_500_carries_the_id_the_handler_used()
    {
        HttpContext context = NewContext();
        string? handlerId = null;

        await RunAsync(context, c =>
        {
            handlerId = CorrelationIds.FromRequest(c.Request);
            throw new InvalidOperationException("boom");
        });

        JsonElement problem = await ProblemOf(context, StatusCodes.Status500InternalServerError, "internal-error");
        Assert.NotNull(handlerId);
        Assert.Equal(handlerId, problem.GetProperty("correlationId").GetString());
        Assert.Contains(handlerId, Assert.Single(log.Entries).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StatusCodes.Status400BadRequest, "request-malformed", "Bad chunk size data.")]
    [InlineData(StatusCodes.Status408RequestTimeout, "request-timeout", "Reading the request body timed out due to data arriving too slowly.")]
    [InlineData(StatusCodes.Status413PayloadTooLarge, "payload-too-large", "Request body too large.")]
    public async Task A_request_the_framework_could_not_read_keeps_its_status_and_reason(int status, string kind, string reason)
    {
        HttpContext context = NewContext();

        await RunAsync(context, _ => throw new BadHttpRequestException(reason, status));

        JsonElement problem = await ProblemOf(context, status, kind);
        Assert.Equal(reason, problem.GetProperty("detail").GetString());
        Assert.DoesNotContain(log.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Theory]
    [InlineData(StatusCodes.Status400BadRequest, "request-malformed")]
    [InlineData(StatusCodes.Status404NotFound, "route-not-found")]
    [InlineData(StatusCodes.Status405MethodNotAllowed, "method-not-allowed")]
    [InlineData(StatusCodes.Status415UnsupportedMediaType, "request-rejected")]
    public async Task An_error_status_set_without_a_body_becomes_its_problem(int status, string kind)
    {
        HttpContext context = NewContext();

        await RunAsync(context, c =>
        {
            c.Response.StatusCode = status;
            return Task.CompletedTask;
        });

        await ProblemOf(context, status, kind);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_route_value_that_does_not_bind_is_a_400_problem(bool throwOnBadRequest)
    {
        HttpContext context = NewContext();
        context.Request.RouteValues["count"] = "not-a-number";
        RequestDelegate endpoint = RequestDelegateFactory.Create(
            (int count) => count,
            new RequestDelegateFactoryOptions { ServiceProvider = services, ThrowOnBadRequest = throwOnBadRequest }).RequestDelegate;

        await RunAsync(context, endpoint);

        await ProblemOf(context, StatusCodes.Status400BadRequest, "request-malformed");
    }

    [Fact]
    public async Task A_handlers_own_problem_passes_unchanged()
    {
        HttpContext context = NewContext();

        await RunAsync(context, c => Problems.Create(StatusCodes.Status404NotFound, "instance-not-found", "No such workflow instance", "none", "id-1").ExecuteAsync(c));

        JsonElement problem = await ProblemOf(context, StatusCodes.Status404NotFound, "instance-not-found");
        Assert.Equal("id-1", problem.GetProperty("correlationId").GetString());
    }

    [Fact]
    public async Task An_exception_after_the_response_started_cuts_the_connection_and_is_logged()
    {
        HttpContext context = NewContext();
        var started = new StartedResponse();
        var lifetime = new RecordingLifetime();
        context.Features.Set<IHttpResponseFeature>(started);
        context.Features.Set<IHttpRequestLifetimeFeature>(lifetime);

        await RunAsync(context, _ => throw new InvalidOperationException("late"));

        Assert.True(lifetime.Aborted);
        Assert.Equal(LogLevel.Error, Assert.Single(log.Entries).Level);
        Assert.Equal(0, context.Response.Body.Length);
    }

    [Fact]
    public async Task A_caller_that_went_away_gets_nothing_and_no_error_is_logged()
    {
        HttpContext context = NewContext();
        using var gone = new CancellationTokenSource();
        await gone.CancelAsync();
        context.RequestAborted = gone.Token;

        await RunAsync(context, c => Task.FromCanceled(c.RequestAborted));

        Assert.Empty(log.Entries);
        Assert.Equal(0, context.Response.Body.Length);
    }

    private HttpContext NewContext(string? correlationId = null)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = "GET";
        context.Request.Path = "/api/v1/instances/x";
        if (correlationId is not null)
        {
            context.Request.Headers[CorrelationIds.HeaderName] = correlationId;
        }

        context.Response.Body = new MemoryStream();
        return context;
    }

    private Task RunAsync(HttpContext context, RequestDelegate next) => new ProblemResponseMiddleware(next, log).InvokeAsync(context);

    private static async Task<JsonElement> ProblemOf(HttpContext context, int status, string kind)
    {
        Assert.Equal(status, context.Response.StatusCode);
        Assert.Equal("application/problem+json", MediaTypeHeaderValue.Parse(context.Response.ContentType!).MediaType);
        context.Response.Body.Position = 0;
        using JsonDocument json = await JsonDocument.ParseAsync(context.Response.Body);
        JsonElement problem = json.RootElement.Clone();
        Assert.Equal("urn:integration:problem:" + kind, problem.GetProperty("type").GetString());
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("correlationId").GetString()));
        return problem;
    }

    private sealed class StartedResponse : HttpResponseFeature
    {
        public override bool HasStarted => true;
    }

    private sealed class RecordingLifetime : IHttpRequestLifetimeFeature
    {
        public bool Aborted { get; private set; }

        public CancellationToken RequestAborted { get; set; }

        public void Abort() => Aborted = true;
    }
}
