using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Integration.Activities.ApiCalls;

namespace Integration.Activities.Connectors;

/// <summary>The request and response handling every connector shares: bearer auth, correlation id, JSON in and out.</summary>
public static class ConnectorRequests
{
    public static HttpRequestMessage Create(HttpMethod method, Uri uri, string accessToken, string correlationId, object? body, JsonSerializerOptions? json = null) =>
        Create(method, uri, new AuthenticationHeaderValue("Bearer", accessToken), correlationId, body, json);

    /// <summary>The same request with another authorization scheme (e.g. Basic for BambooHR).</summary>
    public static HttpRequestMessage Create(HttpMethod method, Uri uri, AuthenticationHeaderValue authorization, string correlationId, object? body, JsonSerializerOptions? json = null)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = authorization;
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Options.Set(ApiCallLogHandler.CorrelationIdKey, correlationId);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: json);
        }

        return request;
    }

    /// <summary>Fails as <see cref="ConnectorResponses"/> classifies, else reads the JSON body.</summary>
    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, string system, JsonSerializerOptions? json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        await ConnectorResponses.EnsureSuccessAsync(response, system, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync<T>(json, cancellationToken).ConfigureAwait(false)
            ?? throw new HttpRequestException($"{system} answered {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} with an empty body.");
    }
}
