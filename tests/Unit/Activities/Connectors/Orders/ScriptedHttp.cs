using System.Net;
using System.Text;
using System.Text.Json;
using Integration.Activities.ApiCalls;
using Microsoft.Extensions.Options;
using Moq;

namespace Integration.Tests.Unit.Activities.Connectors.Orders;

/// <summary>A fake vendor: answers requests in the order scripted, recording each request (with its body) before it is disposed.</summary>
internal sealed class ScriptedHttp : HttpMessageHandler
{
    private readonly Queue<(HttpStatusCode Status, string Body, Dictionary<string, string>? Headers)> answers = new();

    public List<SentRequest> Requests { get; } = [];

    public ScriptedHttp Answer(HttpStatusCode status, string body, Dictionary<string, string>? headers = null)
    {
        answers.Enqueue((status, body, headers));
        return this;
    }

    public ScriptedHttp Ok(string body) => Answer(HttpStatusCode.OK, body);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string? body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add(new SentRequest(
            request.Method,
            request.RequestUri!,
            request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase),
            body,
            request.Options.TryGetValue(ApiCallLogHandler.CorrelationIdKey, out string? id) ? id : null));
        if (answers.Count == 0)
        {
            throw new InvalidOperationException($"No answer scripted for request {Requests.Count}: {request.Method} {request.RequestUri}");
        }

        (HttpStatusCode status, string text, Dictionary<string, string>? headers) = answers.Dequeue();
        var response = new HttpResponseMessage(status) { RequestMessage = request, Content = new StringContent(text, Encoding.UTF8, "application/json") };
        foreach ((string name, string value) in headers ?? [])
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    public static IOptionsMonitor<T> Monitor<T>(T value)
        where T : class => Mock.Of<IOptionsMonitor<T>>(m => m.CurrentValue == value);
}

/// <summary>What a connector sent.</summary>
internal sealed record SentRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string? Body, string? CorrelationId)
{
    public JsonElement Json => JsonDocument.Parse(Body ?? "null").RootElement;
}

/// <summary>A clock whose timers fire at once, recording how long each was asked to wait (so a wait is checked, not slept).</summary>
internal sealed class InstantTimers : TimeProvider
{
    public List<TimeSpan> Waits { get; } = [];

    public override DateTimeOffset GetUtcNow() => new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (Waits)
        {
            Waits.Add(dueTime);
        }

        ThreadPool.QueueUserWorkItem(_ => callback(state));
        return new Fired();
    }

    private sealed class Fired : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
