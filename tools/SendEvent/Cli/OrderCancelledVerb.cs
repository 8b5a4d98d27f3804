using System.Text.Json.Nodes;
using Integration.SendEvent.Orders;

namespace Integration.SendEvent.Cli;

/// <summary>"order-cancelled": cancels the order in the sandbox store, then sends the store's orders/cancelled webhook.</summary>
public sealed class OrderCancelledVerb(TextWriter? log = null) : ISendVerb
{
    /// <inheritdoc />
    public string Name => "order-cancelled";

    /// <inheritdoc />
    public string Summary => "cancels the order in the sandbox store (restocking it), then Shopify orders/cancelled to /shopify";

    /// <inheritdoc />
    public string Usage => "--shop <store-a|store-b|store-c> --order <id> [--webhook-id <id>] [--sandbox <url>]";

    /// <inheritdoc />
    public IReadOnlyCollection<string> Options { get; } =
        [ShopifyDeliveries.ShopOption, ShopifyDeliveries.OrderOption, ShopifyDeliveries.WebhookIdOption, ShopifyDeliveries.SandboxOption];

    /// <inheritdoc />
    public Func<WebhookSender, CancellationToken, Task<HttpResponseMessage>> Prepare(CliArguments args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string shop = ShopifyDeliveries.Shop(args);
        long orderId = ShopifyDeliveries.OrderId(args);
        string sandbox = ShopifyDeliveries.Sandbox(args);
        string? webhookId = args.Get(ShopifyDeliveries.WebhookIdOption);
        string? secret = args.Get(CommonOptions.Secret);
        JsonObject? cancelled = null;
        return async (sender, ct) =>
        {
            if (cancelled is null)
            {
                cancelled = await new SandboxShop(sender.Http, sandbox).CancelOrderAsync(shop, orderId, ct).ConfigureAwait(false);
                await (log ?? Console.Out).WriteLineAsync($"sandbox store {shop}: order {orderId} cancelled").ConfigureAwait(false);
            }

            return await ShopifyDeliveries.SendAsync(sender, shop, "orders/cancelled", cancelled, webhookId, secret, ct).ConfigureAwait(false);
        };
    }
}
