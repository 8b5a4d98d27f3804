using Integration.Activities.Configuration;
using Integration.Orchestrations.Orders;

namespace Integration.Activities.Webhooks.Signatures;

/// <summary>
/// Where a kind's secrets for one request come from, when they are not simply the source's list: Shopify signs each
/// shop's webhooks with that shop's secret, and the request names the shop.
/// </summary>
public interface IWebhookSecretSource
{
    /// <returns>The secrets to verify with, or why there are none (answered 401).</returns>
    SecretChoice Choose(WebhookRequest request, WebhookSourceOptions source);
}

/// <summary>The secrets a request is checked with, or the reason (never secret material) there are none.</summary>
public sealed record SecretChoice(IReadOnlyList<string> Secrets, string? Failure)
{
    public static SecretChoice Of(IReadOnlyList<string> secrets) => new(secrets, null);

    public static SecretChoice None(string failure) => new([], failure);
}

/// <summary>The shop's secrets, from <c>X-Shopify-Shop-Domain</c> and the source's <c>Shops:{shop}:Secrets</c>.</summary>
public sealed class ShopifyShopSecrets : IWebhookSecretSource
{
    public const string ShopDomainHeader = "X-Shopify-Shop-Domain";

    public SecretChoice Choose(WebhookRequest request, WebhookSourceOptions source)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(source);
        if (!WebhookHeaders.TryGet(request.Headers, ShopDomainHeader, out string domain))
        {
            return SecretChoice.None(SignatureFailures.MissingHeader(ShopDomainHeader));
        }

        // The value is not echoed: it is the sender's, and it is not a shop domain.
        if (OrderKeys.ShopFromDomain(domain) is not { } shop)
        {
            return SecretChoice.None($"header {ShopDomainHeader} is not a *{OrderKeys.ShopDomainSuffix} shop domain");
        }

        return source.Shops.TryGetValue(shop, out WebhookShopOptions? options) && options.Secrets.Any(s => !string.IsNullOrEmpty(s))
            ? SecretChoice.Of(options.Secrets)
            : SecretChoice.None($"no secret for shop {shop}");
    }
}
