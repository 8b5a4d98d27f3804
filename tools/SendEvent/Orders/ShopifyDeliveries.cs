using System.Text;
using System.Text.Json.Nodes;
using Integration.SendEvent.Cli;

namespace Integration.SendEvent.Orders;

/// <summary>What the order verbs share: their options, the shop check, and sending a store's order webhook signed as Shopify signs it.</summary>
public static class ShopifyDeliveries
{
    public const string ShopOption = "shop";
    public const string OrderOption = "order";
    public const string SandboxOption = "sandbox";
    public const string WebhookIdOption = "webhook-id";

    /// <summary>Where the standalone host's embedded sandbox listens.</summary>
    public const string DefaultSandboxUrl = "http://127.0.0.1:7080";

    public static string Shop(CliArguments args)
    {
        string shop = args.Require(ShopOption).Trim().ToLowerInvariant();
        if (shop.EndsWith(".myshopify.com", StringComparison.Ordinal))
        {
            shop = shop[..^".myshopify.com".Length];
        }

        return SampleOrders.Shops.Contains(shop)
            ? shop
            : throw new CliUsageException($"--shop must be one of the development shops ({string.Join(", ", SampleOrders.Shops)}), not '{shop}'.");
    }

    public static long OrderId(CliArguments args) =>
        args.RequireLong(OrderOption) is var id and > 0 ? id : throw new CliUsageException($"--order must be a positive order id.");

    public static string Sandbox(CliArguments args)
    {
        string sandbox = args.Get(SandboxOption) ?? DefaultSandboxUrl;
        return Uri.TryCreate(sandbox, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? sandbox
            : throw new CliUsageException($"--sandbox must be an absolute http(s) URL, not '{sandbox}'.");
    }

    /// <summary>Posts the order as the store's webhook of <paramref name="topic"/> to the product's "shopify" source.</summary>
    public static Task<HttpResponseMessage> SendAsync(WebhookSender sender, string shop, string topic, JsonObject order, string? webhookId, string? secret, CancellationToken cancellationToken) =>
        sender.SendShopifyAsync(Encoding.UTF8.GetBytes(order.ToJsonString()), shop + ".myshopify.com", topic, webhookId, secret, cancellationToken: cancellationToken);
}
