using System.Net;
using System.Text.Json.Nodes;
using Integration.DevHost;
using Integration.DevHost.Hosting;
using Integration.Tests.System.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Integration.Tests.System.EndToEnd;

/// <summary>
/// An exception no handler catches, over real HTTP: the standalone host's API listener and error answers
/// (<see cref="StandaloneHost.UseApiErrorAnswers"/>, the listener set up as the host sets it up) around endpoints
/// that throw, since no product route throws on purpose. The caller gets a 500 problem with the correlation id and
/// nothing of the exception; the log has both.
/// </summary>
public sealed class UnhandledErrorTests : IAsyncLifetime
{
    private const string Secret = "AccountKey=s3cr3t";

    private readonly CapturingLoggerProvider logs = new();
    private readonly int port = TestEnvironment.FreePort();
    private WebApplication? app;
    private HttpClient? client;

    public async Task InitializeAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders().AddProvider(logs);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, o =>
        {
            o.Protocols = HttpProtocols.Http1;
            o.AnswerRejectionsWithProblems(kestrel.Limits);
        }));
        app = builder.Build();
        StandaloneHost.UseApiErrorAnswers(app, port);
        app.MapGet("/api/boom", string () => throw new InvalidOperationException(Secret)).RequireHost($"*:{port}");
        app.MapGet("/api/boom-after-starting", async (HttpContext context) =>
        {
            await context.Response.WriteAsync("{\"partial\":");
            await context.Response.Body.FlushAsync();
            throw new InvalidOperationException(Secret);
        }).RequireHost($"*:{port}");
        await app.StartAsync();
        client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        client?.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_unhandled_exception_is_a_500_problem_with_the_correlation_id_and_no_details()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/boom");
        request.Headers.Add("X-Correlation-Id", "e2e-500-1");

        using HttpResponseMessage response = await client!.SendAsync(request);

        string body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        JsonNode problem = JsonNode.Parse(body)!;
        Assert.Equal("urn:integration:problem:internal-error", (string?)problem["type"]);
        Assert.Equal(500, (int)problem["status"]!);
        Assert.Equal("e2e-500-1", (string?)problem["correlationId"]);
        Assert.DoesNotContain("s3cr3t", body, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(InvalidOperationException), body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_500_is_logged_with_the_exception_and_the_correlation_id()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/boom");
        request.Headers.Add("X-Correlation-Id", "e2e-500-2");

        using HttpResponseMessage response = await client!.SendAsync(request);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        CapturingLoggerProvider.Entry entry = Assert.Single(logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("e2e-500-2", StringComparison.Ordinal));
        Assert.IsType<InvalidOperationException>(entry.Exception);
        Assert.Equal(Secret, entry.Exception!.Message);
    }

    [Fact]
    public async Task An_exception_after_the_response_started_cuts_the_response_short_and_is_logged()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/boom-after-starting");
        request.Headers.Add("X-Correlation-Id", "e2e-500-3");

        await Assert.ThrowsAnyAsync<HttpRequestException>(async () =>
        {
            using HttpResponseMessage response = await client!.SendAsync(request);
            await response.Content.ReadAsStringAsync();
        });

        await Eventually.Until(
            () => Task.FromResult(logs.Entries.Any(e => e.Level == LogLevel.Error && e.Exception is InvalidOperationException && e.Message.Contains("e2e-500-3", StringComparison.Ordinal))),
            logged => logged,
            TimeSpan.FromSeconds(10),
            "the error log of the cut response");
    }

    [Fact]
    public async Task Kestrels_own_rejection_on_this_listener_is_problem_json_too()
    {
        RawResponse response = await RawHttp.SendAsync(port, RawHttp.Head(port, "GET /api/boom with spaces HTTP/1.1"));

        Assert.Equal(400, response.Status);
        Assert.Equal("urn:integration:problem:request-malformed", (string?)response.Json["type"]);
    }

    /// <summary>Keeps every log entry of the test host.</summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly List<Entry> entries = [];

        public IReadOnlyList<Entry> Entries
        {
            get
            {
                lock (entries)
                {
                    return [.. entries];
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        public sealed record Entry(LogLevel Level, string Message, Exception? Exception);

        private sealed class Logger(CapturingLoggerProvider provider) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (provider.entries)
                {
                    provider.entries.Add(new Entry(logLevel, formatter(state, exception), exception));
                }
            }
        }
    }
}
