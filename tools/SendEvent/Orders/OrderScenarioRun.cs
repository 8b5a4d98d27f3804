using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Integration.SendEvent.Orders;

/// <summary>What one order scenario works with: the stores, the warehouses, the webhook sender, the operations API, and where to say what happened.</summary>
public sealed class OrderScenarioRun(SandboxShop shop, SandboxWarehouses warehouses, WebhookSender sender, TextWriter log)
{
    /// <summary>How long a scenario waits for the product to reach a warehouse or the store; the issue's bar for a placed order is a minute.</summary>
    public static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The development operator key the standalone host accepts (README), for reading workflows.</summary>
    public const string OperationsKey = "dev-operations-key";

    public SandboxShop Shop { get; } = shop;

    public SandboxWarehouses Warehouses { get; } = warehouses;

    public WebhookSender Sender { get; } = sender;

    public TextWriter Log { get; } = log;

    /// <summary>Creates the order in the store and sends orders/create; an error when the product does not accept it.</summary>
    public async Task<HttpResponseMessage> PlaceAsync(string shopName, long orderId, IReadOnlyList<(string Sku, int Quantity)> lines, CancellationToken cancellationToken, string? shipTo = "US")
    {
        JsonObject order = await Shop.CreateOrderAsync(shopName, SampleOrders.Order(orderId, lines, shipTo: shipTo), cancellationToken).ConfigureAwait(false);
        HttpResponseMessage response = await ShopifyDeliveries.SendAsync(Sender, shopName, "orders/create", order, null, null, cancellationToken).ConfigureAwait(false);
        await Log.WriteLineAsync($"{shopName}: order {orderId} placed ({string.Join(", ", lines.Select(l => $"{l.Quantity} x {l.Sku}"))}) -> {(int)response.StatusCode}; workflow order-{SampleOrders.Key(shopName, orderId)}").ConfigureAwait(false);
        return await AcceptedAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Cancels the order in the store and sends orders/cancelled.</summary>
    public async Task<HttpResponseMessage> CancelAsync(string shopName, long orderId, CancellationToken cancellationToken)
    {
        JsonObject order = await Shop.CancelOrderAsync(shopName, orderId, cancellationToken).ConfigureAwait(false);
        HttpResponseMessage response = await ShopifyDeliveries.SendAsync(Sender, shopName, "orders/cancelled", order, null, null, cancellationToken).ConfigureAwait(false);
        await Log.WriteLineAsync($"{shopName}: order {orderId} cancelled in the store -> {(int)response.StatusCode}").ConfigureAwait(false);
        return await AcceptedAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits until a warehouse holds the order; says which and how long it took.</summary>
    public async Task<WarehouseOrder> WaitForWarehouseOrderAsync(string orderKey, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        WarehouseOrder order = await PollAsync(() => Warehouses.FindAsync(orderKey, cancellationToken), $"a warehouse order for {orderKey}", cancellationToken).ConfigureAwait(false);
        await Log.WriteLineAsync($"{orderKey}: {order.Warehouse} order {order.Id} created (seen after {watch.Elapsed.TotalSeconds:0.0} s)").ConfigureAwait(false);
        return order;
    }

    /// <summary>Waits until the store's order has at least <paramref name="count"/> fulfilments; prints their tracking.</summary>
    public async Task WaitForFulfilmentsAsync(string shopName, long orderId, int count, CancellationToken cancellationToken)
    {
        JsonArray fulfilments = await PollAsync(
            async () => (await Shop.GetOrderAsync(shopName, orderId, cancellationToken).ConfigureAwait(false))?["fulfillments"] as JsonArray is { } f && f.Count >= count ? f : null,
            $"{count} fulfilment(s) of {shopName} order {orderId}",
            cancellationToken).ConfigureAwait(false);
        foreach (JsonNode? fulfilment in fulfilments)
        {
            JsonNode? tracking = fulfilment?["trackingInfo"] ?? fulfilment?["tracking_info"];
            await Log.WriteLineAsync($"{shopName}: order {orderId} fulfilment {fulfilment?["id"]}: {tracking?.ToJsonString()}").ConfigureAwait(false);
        }
    }

    /// <summary>Waits until the workflow's view satisfies <paramref name="done"/>; returns the view.</summary>
    public async Task<JsonObject> WaitForWorkflowAsync(string instanceId, Func<JsonObject, bool> done, string what, CancellationToken cancellationToken)
    {
        JsonObject view = await PollAsync(
            async () => await WorkflowAsync(instanceId, cancellationToken).ConfigureAwait(false) is { } v && done(v) ? v : null,
            what,
            cancellationToken).ConfigureAwait(false);
        await Log.WriteLineAsync($"{instanceId}: {view["runtimeStatus"]}, {view["customStatus"]?["Step"]}: {view["customStatus"]?["Detail"]}").ConfigureAwait(false);
        return view;
    }

    /// <summary>The operations API's view of a workflow, or null when there is none yet.</summary>
    public async Task<JsonObject?> WorkflowAsync(string instanceId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"{Sender.BaseUrl}/api/v1/instances/{instanceId}"));
        request.Headers.TryAddWithoutValidation("X-Api-Key", OperationsKey);
        using HttpResponseMessage response = await Sender.Http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken).ConfigureAwait(false) : null;
    }

    /// <summary>The step a workflow's custom status names ("awaiting-shipment"), or null.</summary>
    public static string? StepOf(JsonObject view) => (string?)view["customStatus"]?["Step"];

    public string WatchHint(string instanceId) => $"curl -s -H 'X-Api-Key: {OperationsKey}' {Sender.BaseUrl}/api/v1/instances/{instanceId}";

    private static async Task<T> PollAsync<T>(Func<Task<T?>> probe, string what, CancellationToken cancellationToken)
        where T : class
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (await probe().ConfigureAwait(false) is { } found)
            {
                return found;
            }

            if (watch.Elapsed > StepTimeout)
            {
                throw new TimeoutException($"Waited {StepTimeout.TotalSeconds:0} s for {what}; look at the workflow in the console or the operations API.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<HttpResponseMessage> AcceptedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            response.Dispose();
            throw new HttpRequestException($"The product did not accept the webhook: {(int)response.StatusCode} {text}");
        }

        return response;
    }
}
