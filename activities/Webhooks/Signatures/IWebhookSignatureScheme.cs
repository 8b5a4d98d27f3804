namespace Integration.Activities.Webhooks.Signatures;

/// <summary>A vendor's webhook signature scheme, so the ingress handler can verify any source the same way.</summary>
public interface IWebhookSignatureScheme
{
    /// <summary>The configuration name of the scheme, e.g. "hubspot-v3" or "standard-webhooks".</summary>
    string Name { get; }

    /// <summary>Checks the request's signature and timestamp.</summary>
    /// <param name="request">The request as received (raw body bytes).</param>
    /// <param name="secrets">One or more accepted secrets; several during a rotation.</param>
    /// <param name="now">The current time (the clock is injected).</param>
    /// <param name="tolerance">The replay window around <paramref name="now"/>.</param>
    SignatureVerification Verify(WebhookRequest request, IReadOnlyList<string> secrets, DateTimeOffset now, TimeSpan tolerance);
}
