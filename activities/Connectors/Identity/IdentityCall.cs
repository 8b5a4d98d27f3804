using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Integration.Activities.Configuration;
using Integration.Activities.Http;

namespace Integration.Activities.Connectors.Identity;

/// <summary>
/// The request building and answer handling every identity connector shares, for one target and one call
/// correlation id: the kind's auth headers, the correlation id (header and call-log key), JSON in and out, the
/// common failure rules of <see cref="ConnectorResponses"/> and create-then-link.
/// </summary>
internal sealed class IdentityCall(HttpClient http, string kind, string targetName, IdentityTargetOptions target, string correlationId)
{
    public const string GitHubAccept = "application/vnd.github+json";
    public const string GitHubApiVersionHeader = "X-GitHub-Api-Version";
    public const string GitHubApiVersion = "2022-11-28";

    /// <summary>Requests are written with the property names as given; answers are read ignoring case.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = null };

    public string TargetName => targetName;

    public IdentityTargetOptions Target => target;

    /// <summary>A value as one URL path segment (or query value): "jane@acme.com" → "jane%40acme.com".</summary>
    public static string Segment(string value) => Uri.EscapeDataString(value);

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string relative, object? body, CancellationToken cancellationToken) =>
        SendAsync(method, relative, body is null ? null : JsonContentOf(body), cancellationToken);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string relative, HttpContent? content, CancellationToken cancellationToken)
    {
        var uri = new Uri($"{target.BaseUrl.TrimEnd('/')}/{relative.TrimStart('/')}");
        using HttpRequestMessage request = ConnectorRequests.Create(method, uri, target.Token, correlationId, null);
        request.Headers.TryAddWithoutValidation(CorrelationIds.HeaderName, correlationId);
        Authenticate(request);
        request.Content = content;
        return await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The JSON answer, after the common failure rules.</summary>
    public Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken) =>
        ConnectorRequests.ReadAsync<T>(response, targetName, Json, cancellationToken);

    /// <summary>The common failure rules: permanent 4xx, transient 408/409/423/425/429 and 5xx.</summary>
    public Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        ConnectorResponses.EnsureSuccessAsync(response, targetName, cancellationToken);

    /// <summary>Sends the request and ensures success, for calls whose answer carries nothing the connector needs.</summary>
    public async Task SendAndEnsureAsync(HttpMethod method, string relative, object? body, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await SendAsync(method, relative, body, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>GETs a JSON resource, after the common failure rules.</summary>
    public async Task<T> GetAsync<T>(string relative, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await SendAsync(HttpMethod.Get, relative, (HttpContent?)null, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<T>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>GETs a JSON resource; null when the system answers 404 (any other failure follows the common rules).</summary>
    public async Task<T?> ReadOrNullAsync<T>(string relative, CancellationToken cancellationToken)
        where T : class
    {
        using HttpResponseMessage response = await SendAsync(HttpMethod.Get, relative, (HttpContent?)null, cancellationToken).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.NotFound ? null : await ReadAsync<T>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates the account; when the answer says it already exists (<paramref name="exists"/> sees the status and the
    /// JSON body, if any), reads the existing one instead. Never creates twice.
    /// </summary>
    public async Task<(T Account, bool Created)> CreateOrReadAsync<T>(
        HttpMethod method,
        string relative,
        object body,
        Func<HttpStatusCode, JsonElement?, bool> exists,
        Func<CancellationToken, Task<T>> readExisting,
        CancellationToken cancellationToken)
    {
        using (HttpResponseMessage response = await SendAsync(method, relative, body, cancellationToken).ConfigureAwait(false))
        {
            if (response.IsSuccessStatusCode)
            {
                return (await ReadAsync<T>(response, cancellationToken).ConfigureAwait(false), true);
            }

            if (!exists(response.StatusCode, await JsonBodyAsync(response, cancellationToken).ConfigureAwait(false)))
            {
                await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
            }
        }

        return (await readExisting(cancellationToken).ConfigureAwait(false), false);
    }

    /// <summary>The answer's body as JSON, or null when it is empty or not JSON.</summary>
    public static async Task<JsonElement?> JsonBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A string property of a JSON object, or null.</summary>
    public static string? StringOf(JsonElement? element, string property) =>
        element is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(property, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>The "id" of a JSON object answer, whether the system writes it as a string or a number; null otherwise.</summary>
    public static string? IdOf(JsonElement? element) =>
        element is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty("id", out JsonElement id)
            ? id.ValueKind switch
            {
                JsonValueKind.String => id.GetString(),
                JsonValueKind.Number => id.GetRawText(),
                _ => null,
            }
            : null;

    private static StringContent JsonContentOf(object body) =>
        new(JsonSerializer.Serialize(body, Json), System.Text.Encoding.UTF8, "application/json");

    /// <summary>Each kind's credential header (Bearer unless listed), and GitHub's media type and API version.</summary>
    private void Authenticate(HttpRequestMessage request)
    {
        switch (kind)
        {
            case IdentityKinds.Okta:
                request.Headers.Authorization = new AuthenticationHeaderValue("SSWS", target.Token);
                break;
            case IdentityKinds.GitHub:
                request.Headers.Accept.Clear();
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(GitHubAccept));
                request.Headers.Add(GitHubApiVersionHeader, GitHubApiVersion);
                break;
            case IdentityKinds.Rest:
                RestTargetOptions rest = target.Rest ?? new RestTargetOptions();
                request.Headers.Authorization = null;
                request.Headers.TryAddWithoutValidation(
                    rest.AuthHeader,
                    string.IsNullOrWhiteSpace(rest.AuthScheme) ? target.Token : $"{rest.AuthScheme.Trim()} {target.Token}");
                break;
        }
    }
}
