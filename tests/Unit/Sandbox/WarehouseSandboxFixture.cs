using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Integration.Tests.Unit.Sandbox;

/// <summary>One webhook the receiver took: where it was posted, its headers and the exact bytes.</summary>
public sealed record ReceivedWebhook(string Path, string Query, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string Text => Encoding.UTF8.GetString(Body);
}

/// <summary>Stands in for the product's webhook endpoint: records every POST on 127.0.0.1 and answers 202.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;

    private WebhookReceiver(WebApplication app) => this.app = app;

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    public string BaseUrl => app.Urls.First();

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/{**path}", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            receiver.Received.Enqueue(new ReceivedWebhook(
                request.Path.Value ?? string.Empty,
                request.QueryString.Value ?? string.Empty,
                request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body.ToArray()));
            return Results.Json(new { accepted = true }, statusCode: StatusCodes.Status202Accepted);
        });
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>A default sandbox whose warehouses send their webhooks to a <see cref="WebhookReceiver"/> of its own.</summary>
public sealed class WarehouseSandboxFixture : IAsyncLifetime
{
    public const string ShipBobToken = "sandbox-shipbob-token";
    public const string ChannelId = "100100";
    public const string ShipBobSecret = "whsec_ZGV2LXNoaXBib2Itd2ViaG9vay1zZWNyZXQtMzJieXRl";
    public const string ShipStationToken = "dev-shipstation-webhook-token";
    public const string InventoryKey = "sandbox-shipstation-v2-key";
    public static readonly string ShipStationBasic =
        Convert.ToBase64String(Encoding.UTF8.GetBytes("sandbox-shipstation-key:sandbox-shipstation-secret"));

    private SandboxHost? host;
    private WebhookReceiver? receiver;

    public SandboxHost Host => host ?? throw new InvalidOperationException("The sandbox has not started.");

    public WebhookReceiver Receiver => receiver ?? throw new InvalidOperationException("The receiver has not started.");

    public async Task InitializeAsync()
    {
        receiver = await WebhookReceiver.StartAsync();
        host = await SandboxHost.StartAsync(new Dictionary<string, string?>
        {
            ["Sandbox:Webhooks:BaseUrl"] = receiver.BaseUrl + "/api/v1/webhooks",
        });
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        if (receiver is not null)
        {
            await receiver.DisposeAsync();
        }
    }

    /// <summary>Resets the sandbox and forgets what the receiver took.</summary>
    public async Task ResetAsync()
    {
        await Host.ResetAsync();
        Receiver.Received.Clear();
    }

    public async Task<SandboxResponse> ShipBobAsync(
        HttpMethod method, string path, string? json = null, string? token = ShipBobToken, string? channel = ChannelId, string version = "2026-01")
    {
        using var request = new HttpRequestMessage(method, $"/shipbob/{version}{path}");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (channel is not null)
        {
            request.Headers.Add("shipbob_channel_id", channel);
        }

        return await SendAsync(request, json);
    }

    public async Task<SandboxResponse> ShipStationAsync(HttpMethod method, string path, string? json = null, string? basic = null)
    {
        using var request = new HttpRequestMessage(method, "/shipstation" + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic ?? ShipStationBasic);
        return await SendAsync(request, json);
    }

    public async Task<SandboxResponse> InventoryV2Async(string query = "", string? apiKey = InventoryKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/shipstation/v2/inventory" + query);
        if (apiKey is not null)
        {
            request.Headers.Add("API-Key", apiKey);
        }

        return await SendAsync(request, null);
    }

    public static string ShipBobOrderJson(string reference = "store-a-1001", string sku = "WH-TEE-BLK-M", int quantity = 2, string? address1 = "100 N Racine Ave") =>
        System.Text.Json.JsonSerializer.Serialize(new
        {
            shipping_method = "Standard",
            reference_id = reference,
            order_number = "#1001",
            type = "DTC",
            recipient = new
            {
                name = "Ada Lovelace",
                email = "ada@example.test",
                phone_number = "555-555-5555",
                address = new { address1, address2 = "Suite 100", city = "Chicago", state = "IL", country = "US", zip_code = "60607" },
            },
            products = new[] { new { reference_id = sku, name = "Black tee M", quantity } },
        });

    public static string ShipStationOrderJson(
        string orderKey = "store-b-2001", string orderNumber = "#2001", string status = "awaiting_shipment", string sku = "WH-HAT-RED", int quantity = 3) =>
        System.Text.Json.JsonSerializer.Serialize(new
        {
            orderNumber,
            orderKey,
            orderDate = "2026-12-07T10:00:00.0000000",
            orderStatus = status,
            customerEmail = "bo@example.test",
            billTo = new { name = "Bo Diddley" },
            shipTo = new { name = "Bo Diddley", street1 = "1 High St", street2 = (string?)null, city = "London", state = "", postalCode = "N1 1AA", country = "GB", phone = "" },
            items = new[]
            {
                new { lineItemKey = "9001", sku, name = "Red hat", quantity, unitPrice = 12.50m },
                new { lineItemKey = "9002", sku = "WH-MUG-CLASSIC", name = "Classic mug", quantity = 1, unitPrice = 8.00m },
            },
        });

    private async Task<SandboxResponse> SendAsync(HttpRequestMessage request, string? json)
    {
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        var response = await Host.Http.SendAsync(request);
        return new SandboxResponse(response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }
}
