using System.Globalization;
using System.Net.Http.Headers;
using Integration.Activities.Webhooks.Signatures;

namespace Integration.SendEvent;

/// <summary>Posts sample deliveries to the product's webhook endpoints, signed with the product's own schemes, so nobody hand-computes signatures.</summary>
public sealed class WebhookSender
{
    /// <summary>Where the standalone host and the Functions host listen locally.</summary>
    public const string DefaultBaseUrl = "http://127.0.0.1:7071";

    /// <summary>The endpoint path of the "crm" source (HubSpot v3 signatures).</summary>
    public const string CrmPath = "/api/v1/webhooks/crm";

    /// <summary>The endpoint path of the "app" source (Standard Webhooks signatures).</summary>
    public const string AppPath = "/api/v1/webhooks/app";

    /// <summary>The endpoint path of the "hr" source (BambooHR signatures).</summary>
    public const string HrPath = "/api/v1/webhooks/hr";

    /// <summary>The endpoint path of the "shopify" source (X-Shopify-Hmac-Sha256, a secret per shop).</summary>
    public const string ShopifyPath = "/api/v1/webhooks/shopify";

    private readonly HttpClient http;
    private readonly TimeProvider clock;

    /// <summary>Wraps a caller-owned client; <paramref name="baseUrl"/> defaults to <see cref="DefaultBaseUrl"/>.</summary>
    public WebhookSender(HttpClient http, string? baseUrl = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        this.http = http;
        this.clock = clock ?? TimeProvider.System;
        var root = (string.IsNullOrWhiteSpace(baseUrl) ? DefaultBaseUrl : baseUrl.Trim()).TrimEnd('/');
        if (!Uri.TryCreate(root, UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"'{baseUrl}' is not an absolute http(s) URL.", nameof(baseUrl));
        }

        BaseUrl = root;
    }

    /// <summary>The client the sends go through; the HR verbs make their sandbox calls with it too.</summary>
    public HttpClient Http => http;

    /// <summary>The base URL without a trailing slash.</summary>
    public string BaseUrl { get; }

    /// <summary>The exact URI the "crm" deliveries are posted to and signed over.</summary>
    public string CrmUrl => BaseUrl + CrmPath;

    /// <summary>The exact URI the "app" deliveries are posted to.</summary>
    public string AppUrl => BaseUrl + AppPath;

    /// <summary>The exact URI the "hr" deliveries are posted to.</summary>
    public string HrUrl => BaseUrl + HrPath;

    /// <summary>Posts a HubSpot delivery signed with HubSpot v3 over <see cref="CrmUrl"/>.</summary>
    /// <param name="body">The raw JSON body, sent and signed byte for byte.</param>
    /// <param name="secret">The client secret; defaults to <see cref="DevSecrets.Crm"/>.</param>
    /// <param name="timestamp">The signed time; defaults to now (pass an old one to test the replay window).</param>
    /// <param name="signature">Sent instead of the computed signature (to test rejection).</param>
    /// <param name="configure">Last change to the request before it is sent (e.g. remove a header or alter the body after signing).</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    public Task<HttpResponseMessage> SendCrmAsync(
        byte[] body,
        string? secret = null,
        DateTimeOffset? timestamp = null,
        string? signature = null,
        Action<HttpRequestMessage>? configure = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var timestampMs = (timestamp ?? clock.GetUtcNow()).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var request = NewPost(CrmUrl, body);
        request.Headers.TryAddWithoutValidation(
            HubSpotSignatureV3.SignatureHeader,
            signature ?? HubSpotSignatureV3.Sign(secret ?? DevSecrets.Crm, HttpMethod.Post.Method, CrmUrl, body, timestampMs));
        request.Headers.TryAddWithoutValidation(HubSpotSignatureV3.TimestampHeader, timestampMs);
        return SendAsync(request, configure, cancellationToken);
    }

    /// <summary>Posts a Standard Webhooks delivery to <see cref="AppUrl"/>.</summary>
    /// <param name="body">The raw JSON body, sent and signed byte for byte.</param>
    /// <param name="webhookId">The delivery id; defaults to a fresh one (repeat an id to test deduplication).</param>
    /// <param name="secret">The whsec_ secret; defaults to <see cref="DevSecrets.App"/>.</param>
    /// <param name="timestamp">The signed time; defaults to now.</param>
    /// <param name="signature">Sent instead of the computed "v1,..." entry (to test rejection or several entries).</param>
    /// <param name="configure">Last change to the request before it is sent.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    public Task<HttpResponseMessage> SendAppAsync(
        byte[] body,
        string? webhookId = null,
        string? secret = null,
        DateTimeOffset? timestamp = null,
        string? signature = null,
        Action<HttpRequestMessage>? configure = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var id = webhookId ?? EventIds.NewMessageId();
        var seconds = (timestamp ?? clock.GetUtcNow()).ToUnixTimeSeconds();
        var request = NewPost(AppUrl, body);
        request.Headers.TryAddWithoutValidation(StandardWebhooksSignature.IdHeader, id);
        request.Headers.TryAddWithoutValidation(StandardWebhooksSignature.TimestampHeader, seconds.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation(
            StandardWebhooksSignature.SignatureHeader,
            signature ?? StandardWebhooksSignature.Sign(secret ?? DevSecrets.App, id, seconds, body));
        return SendAsync(request, configure, cancellationToken);
    }

    /// <summary>Posts a BambooHR delivery to <see cref="HrUrl"/>, signed over the body and an ISO-8601 UTC X-BambooHR-Timestamp.</summary>
    /// <param name="body">The raw JSON body, sent and signed byte for byte.</param>
    /// <param name="secret">The webhook private key; defaults to <see cref="DevSecrets.Hr"/>.</param>
    /// <param name="timestamp">The signed time; defaults to now.</param>
    /// <param name="signature">Sent instead of the computed hex signature (to test rejection).</param>
    /// <param name="configure">Last change to the request before it is sent.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    public Task<HttpResponseMessage> SendHrAsync(
        byte[] body,
        string? secret = null,
        DateTimeOffset? timestamp = null,
        string? signature = null,
        Action<HttpRequestMessage>? configure = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var signedAt = (timestamp ?? clock.GetUtcNow()).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var request = NewPost(HrUrl, body);
        request.Headers.TryAddWithoutValidation(BambooHrSignature.TimestampHeader, signedAt);
        request.Headers.TryAddWithoutValidation(
            BambooHrSignature.SignatureHeader,
            signature ?? BambooHrSignature.Sign(secret ?? DevSecrets.Hr, body, signedAt));
        return SendAsync(request, configure, cancellationToken);
    }

    /// <summary>Posts a Shopify delivery for <paramref name="shopDomain"/> to the "shopify" source, signed as Shopify signs (base64 HMAC-SHA256 of the raw body).</summary>
    /// <param name="body">The raw JSON body (a REST Order), sent and signed byte for byte.</param>
    /// <param name="shopDomain">The shop's "*.myshopify.com" domain, sent as X-Shopify-Shop-Domain.</param>
    /// <param name="topic">The topic, e.g. "orders/create".</param>
    /// <param name="webhookId">X-Shopify-Webhook-Id; defaults to a fresh one (repeat one to test deduplication).</param>
    /// <param name="secret">The shop's secret; defaults to its development secret.</param>
    /// <param name="configure">Last change to the request before it is sent.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    public Task<HttpResponseMessage> SendShopifyAsync(
        byte[] body,
        string shopDomain,
        string topic,
        string? webhookId = null,
        string? secret = null,
        Action<HttpRequestMessage>? configure = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentException.ThrowIfNullOrWhiteSpace(shopDomain);
        var request = NewPost(BaseUrl + ShopifyPath, body);
        request.Headers.TryAddWithoutValidation("X-Shopify-Topic", topic);
        request.Headers.TryAddWithoutValidation("X-Shopify-Shop-Domain", shopDomain);
        request.Headers.TryAddWithoutValidation("X-Shopify-API-Version", "2026-01");
        request.Headers.TryAddWithoutValidation("X-Shopify-Webhook-Id", webhookId ?? Guid.NewGuid().ToString());
        request.Headers.TryAddWithoutValidation("X-Shopify-Event-Id", Guid.NewGuid().ToString());
        request.Headers.TryAddWithoutValidation("X-Shopify-Triggered-At", clock.GetUtcNow().UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation(ShopifySignature.SignatureHeader, ShopifySignature.Sign(secret ?? DevSecrets.Shopify(shopDomain), body));
        return SendAsync(request, configure, cancellationToken);
    }

    private static HttpRequestMessage NewPost(string url, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return new HttpRequestMessage(HttpMethod.Post, new Uri(url, UriKind.Absolute)) { Content = content };
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, Action<HttpRequestMessage>? configure, CancellationToken cancellationToken)
    {
        using (request)
        {
            configure?.Invoke(request);
            return await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }
}
