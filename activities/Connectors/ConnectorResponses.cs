using System.Net;
using Integration.Activities.ApiCalls;
using Integration.Orchestrations.Common;

namespace Integration.Activities.Connectors;

/// <summary>
/// Turns a vendor's final answer (after the resilience pipeline) into the workflow's terms: a 4xx the
/// caller caused is permanent and not retried by the workflow; 408/409/423/429 and 5xx are transient.
/// </summary>
public static class ConnectorResponses
{
    public static bool IsPermanent(HttpStatusCode status) =>
        (int)status is >= 400 and < 500 && status is not (HttpStatusCode.RequestTimeout or HttpStatusCode.Conflict
            or HttpStatusCode.Locked or (HttpStatusCode)425 or HttpStatusCode.TooManyRequests);

    public static async Task EnsureSuccessAsync(HttpResponseMessage response, string system, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        string message = $"{system} answered {(int)response.StatusCode} {response.ReasonPhrase} to {response.RequestMessage?.Method} " +
            $"{(response.RequestMessage?.RequestUri is { } uri ? Redaction.RedactUrl(uri) : "?")}: {Redaction.RedactBody(body)}";
        if (IsPermanent(response.StatusCode))
        {
            throw new PermanentActivityFailureException(message);
        }

        throw new HttpRequestException(message, null, response.StatusCode);
    }
}
