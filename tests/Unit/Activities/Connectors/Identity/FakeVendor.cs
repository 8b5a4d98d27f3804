using System.Net;
using System.Text;
using System.Text.Json;
using Integration.Activities.ApiCalls;
using Integration.Activities.Configuration;

namespace Integration.Tests.Unit.Activities.Connectors.Identity;

/// <summary>A vendor API as a fake HttpMessageHandler: answers queued in order, every request recorded as sent.</summary>
internal sealed class FakeVendor : HttpMessageHandler
{
    public const string Base = "https://vendor.test/base";
    public const string Token = "sandbox-identity-token";
    public const string Correlation = "corr-1-target-a1";

    private readonly Queue<(HttpStatusCode Status, string? Body)> answers = new();

    public List<SentRequest> Requests { get; } = [];

    public HttpClient Client() => new(this);

    public FakeVendor Answer(HttpStatusCode status, string? json = null)
    {
        answers.Enqueue((status, json));
        return this;
    }

    public static IdentityTargetOptions Target(string kind, Action<IdentityTargetOptions>? configure = null)
    {
        var target = new IdentityTargetOptions { Kind = kind, BaseUrl = Base, Token = Token };
        configure?.Invoke(target);
        return target;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string? body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        request.Options.TryGetValue(ApiCallLogHandler.CorrelationIdKey, out string? logKey);
        Requests.Add(new SentRequest(
            request.Method.Method,
            request.RequestUri!.AbsoluteUri,
            request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase),
            request.Content?.Headers.ContentType?.MediaType,
            body,
            logKey));
        if (answers.Count == 0)
        {
            throw new InvalidOperationException($"No answer queued for {request.Method} {request.RequestUri}.");
        }

        (HttpStatusCode status, string? json) = answers.Dequeue();
        return new HttpResponseMessage(status)
        {
            RequestMessage = request,
            Content = json is null ? new ByteArrayContent([]) : new StringContent(json, Encoding.UTF8, "application/json"),
        };
    }
}

/// <summary>One request as the fake vendor received it.</summary>
internal sealed record SentRequest(string Method, string Url, IReadOnlyDictionary<string, string> Headers, string? ContentType, string? Body, string? CallLogCorrelationId)
{
    public string Path => new Uri(Url).AbsolutePath;

    public string Header(string name) => Headers.TryGetValue(name, out string? value) ? value : throw new KeyNotFoundException($"No {name} header on {Method} {Url}.");

    public JsonElement Json => JsonDocument.Parse(Body ?? throw new InvalidOperationException($"{Method} {Url} had no body.")).RootElement;
}
