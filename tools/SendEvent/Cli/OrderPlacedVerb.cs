using System.Globalization;
using System.Text.Json.Nodes;
using Integration.SendEvent.Orders;

namespace Integration.SendEvent.Cli;

/// <summary>"order-placed": creates the order in a sandbox store, then sends the store's orders/create webhook, signed with the shop's secret.</summary>
public sealed class OrderPlacedVerb(TextWriter? log = null) : ISendVerb
{
    public const string SkuOption = "sku";
    public const string QtyOption = "qty";

    /// <inheritdoc />
    public string Name => "order-placed";

    /// <inheritdoc />
    public string Summary => $"creates the order in the sandbox store, then Shopify orders/create to /shopify (default line: 1 x {SampleOrders.DefaultSku}, shipped to the US)";

    /// <inheritdoc />
    public string Usage => "--shop <store-a|store-b|store-c> --order <id> [--sku <sku> --qty <n>]... [--email <e>] [--ship-to <country code|none>] [--webhook-id <id>] [--sandbox <url>]";

    /// <inheritdoc />
    public IReadOnlyCollection<string> Options { get; } =
        [ShopifyDeliveries.ShopOption, ShopifyDeliveries.OrderOption, SkuOption, QtyOption, "email", "ship-to", ShopifyDeliveries.WebhookIdOption, ShopifyDeliveries.SandboxOption];

    /// <inheritdoc />
    public IReadOnlyCollection<string> RepeatableOptions { get; } = [SkuOption, QtyOption];

    /// <inheritdoc />
    public Func<WebhookSender, CancellationToken, Task<HttpResponseMessage>> Prepare(CliArguments args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string shop = ShopifyDeliveries.Shop(args);
        long orderId = ShopifyDeliveries.OrderId(args);
        string sandbox = ShopifyDeliveries.Sandbox(args);
        IReadOnlyList<(string Sku, int Quantity)> lines = Lines(args);
        string? shipTo = args.Get("ship-to") is { } to ? (string.Equals(to, "none", StringComparison.OrdinalIgnoreCase) ? null : to.ToUpperInvariant()) : "US";
        JsonObject draft = SampleOrders.Order(orderId, lines, args.Get("email") ?? "alex@example.com", shipTo);
        string? webhookId = args.Get(ShopifyDeliveries.WebhookIdOption);
        string? secret = args.Get(CommonOptions.Secret);

        // The store holds the order once; with --repeat the same order is delivered again (a fresh webhook id each time unless pinned).
        JsonObject? placed = null;
        return async (sender, ct) =>
        {
            if (placed is null)
            {
                placed = await new SandboxShop(sender.Http, sandbox).CreateOrderAsync(shop, (JsonObject)draft.DeepClone(), ct).ConfigureAwait(false);
                await (log ?? Console.Out).WriteLineAsync(
                    $"sandbox store {shop}: order {orderId} placed ({string.Join(", ", lines.Select(l => $"{l.Quantity} x {l.Sku}"))}); watch: curl -s -H 'X-Api-Key: dev-operations-key' {sender.BaseUrl}/api/v1/instances/order-{SampleOrders.Key(shop, orderId)}").ConfigureAwait(false);
            }

            return await ShopifyDeliveries.SendAsync(sender, shop, "orders/create", placed, webhookId, secret, ct).ConfigureAwait(false);
        };
    }

    /// <summary>Pairs each --sku with the --qty after it (1 when a --sku has none); a --qty before any --sku is a usage error.</summary>
    public static IReadOnlyList<(string Sku, int Quantity)> Lines(CliArguments args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var lines = new List<(string Sku, int Quantity)>();
        foreach ((string name, string value) in args.Ordered)
        {
            if (string.Equals(name, SkuOption, StringComparison.OrdinalIgnoreCase))
            {
                lines.Add((value.Trim().Length > 0 ? value.Trim() : throw new CliUsageException("--sku needs a SKU."), 1));
            }
            else if (string.Equals(name, QtyOption, StringComparison.OrdinalIgnoreCase))
            {
                if (lines.Count == 0)
                {
                    throw new CliUsageException("--qty must follow the --sku it counts.");
                }

                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int qty) || qty is < 1 or > 1000)
                {
                    throw new CliUsageException($"--qty must be a whole number from 1 to 1000, not '{value}'.");
                }

                lines[^1] = (lines[^1].Sku, qty);
            }
        }

        return lines.Count > 0 ? lines : [(SampleOrders.DefaultSku, 1)];
    }
}
