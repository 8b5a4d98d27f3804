using System.Net.Http.Headers;

namespace Integration.Sandbox.Infrastructure;

/// <summary>What the product answered to one webhook the sandbox sent, for the admin response and the tests.</summary>
internal sealed record WebhookDeliveryResult(string Url, int StatusCode, string Body);

/// <summary>
/// Sends the webhooks an emulated vendor sends (Shopify order topics, ShipBob shipment topics, ShipStation
/// SHIP_NOTIFY) to the product at "Sandbox:Webhooks:BaseUrl" + "/{source}". The caller signs the exact bytes it
/// passes, as the vendor does; this class only delivers them and reports the answer.
/// </summary>
internal sealed class ProductWebhooks(SandboxOptions options, IHttpClientFactory clients)
{
    public bool Configured => !string.IsNullOrWhiteSpace(options.WebhooksBaseUrl);

    /// <param name="pathAndQuery">After the base URL, e.g. "/shopify" or "/shipstation?token=...".</param>
    public async Task<WebhookDeliveryResult> PostAsync(string pathAndQuery, byte[] body, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken)
    {
        if (!Configured)
        {
            throw new InvalidOperationException("Sandbox:Webhooks:BaseUrl is not set, so the sandbox does not know where the product listens.");
        }

        string url = options.WebhooksBaseUrl!.TrimEnd('/') + pathAndQuery;
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        foreach ((string name, string value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using HttpClient client = clients.CreateClient(nameof(ProductWebhooks));
        using HttpResponseMessage response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return new WebhookDeliveryResult(url, (int)response.StatusCode, text);
    }
}
