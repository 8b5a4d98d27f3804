using System.Text;
using Integration.Sandbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace Integration.Tests.Unit.Sandbox;

/// Starts a real sandbox on a free loopback port and talks to it over HTTP, as the product does.
public sealed class SandboxHost : IAsyncDisposable
{
    public const string HubSpotToken = "sandbox-hubspot-token";
    public const string QuickBooksToken = "sandbox-quickbooks-token";
    public const string Realm = "9130350000000001";
    public const string XeroToken = "sandbox-xero-token";
    public const string XeroTenant = "7d3c1f0e-2b4a-4c6d-9e8f-1a2b3c4d5e6f";

    private readonly WebApplication app;

    private SandboxHost(WebApplication app, Uri baseUri)
    {
        this.app = app;
        BaseUri = baseUri;
        Http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(15) };
    }

    public Uri BaseUri { get; }

    public HttpClient Http { get; }

    public static async Task<SandboxHost> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var configuration = settings is null
            ? null
            : new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var app = SandboxServer.Build("http://127.0.0.1:0", configuration);
        await app.StartAsync();
        return new SandboxHost(app, new Uri(app.Urls.First()));
    }

    public async Task<SandboxResponse> SendAsync(HttpMethod method, string path, string? token = null, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        var response = await Http.SendAsync(request);
        return new SandboxResponse(response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    public Task<SandboxResponse> HubSpotAsync(HttpMethod method, string path, string? json = null) =>
        SendAsync(method, "/hubspot" + path, HubSpotToken, json);

    public Task<SandboxResponse> QuickBooksAsync(HttpMethod method, string path, string? json = null, string realm = Realm) =>
        SendAsync(method, $"/quickbooks/v3/company/{realm}{path}", QuickBooksToken, json);

    public Task<SandboxResponse> QueryAsync(string query, string realm = Realm) =>
        QuickBooksAsync(HttpMethod.Get, $"/query?query={Uri.EscapeDataString(query)}&minorversion=75", realm: realm);

    /// <summary>A Xero call with the default token and tenant; <paramref name="idempotencyKey"/> becomes the Idempotency-Key header.</summary>
    public async Task<SandboxResponse> XeroAsync(HttpMethod method, string path, string? json = null, string? idempotencyKey = null, string? tenant = XeroTenant, string? token = XeroToken)
    {
        using var request = new HttpRequestMessage(method, "/xero/api.xro/2.0" + path);
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        if (tenant is not null)
        {
            request.Headers.Add("xero-tenant-id", tenant);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        request.Headers.Accept.Add(new("application/json"));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        var response = await Http.SendAsync(request);
        return new SandboxResponse(response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    /// <summary>Creates an active Xero contact through the API and returns its ContactID.</summary>
    public async Task<string> CreateXeroContactAsync(string name, string? email = null)
    {
        var contact = email is null ? (object)new { Name = name } : new { Name = name, EmailAddress = email };
        var response = await XeroAsync(HttpMethod.Put, "/Contacts", System.Text.Json.JsonSerializer.Serialize(new { Contacts = new[] { contact } }));
        Assert.True(response.Status == System.Net.HttpStatusCode.OK, response.Text);
        return response.Json.GetProperty("Contacts")[0].GetProperty("ContactID").GetString()!;
    }

    /// <summary>An ACCREC invoice body with one line (Quantity × UnitAmount less DiscountAmount).</summary>
    public static string XeroInvoiceJson(
        string contactId, string status = "AUTHORISED", decimal quantity = 2, decimal unitAmount = 75.00m, decimal discount = 0, string reference = "SO-1001") =>
        System.Text.Json.JsonSerializer.Serialize(new
        {
            Invoices = new[]
            {
                new
                {
                    Type = "ACCREC",
                    Contact = new { ContactID = contactId },
                    Date = "2026-11-20",
                    DueDate = "2026-12-20",
                    LineAmountTypes = "Exclusive",
                    Reference = reference,
                    Status = status,
                    CurrencyCode = "USD",
                    LineItems = new[]
                    {
                        new { Description = "Consulting", Quantity = quantity, UnitAmount = unitAmount, AccountCode = "200", TaxType = "OUTPUT", ItemCode = "SVC", DiscountAmount = discount },
                    },
                },
            },
        });

    public Task<SandboxResponse> AdminAsync(HttpMethod method, string path, string? json = null) =>
        SendAsync(method, "/_sandbox" + path, json: json);

    public async Task ResetAsync()
    {
        var response = await AdminAsync(HttpMethod.Post, "/reset");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.Status);
    }

    public async Task SetFaultsAsync(string system, string json)
    {
        var response = await AdminAsync(HttpMethod.Put, $"/faults/{system}", json);
        Assert.True(response.Status == System.Net.HttpStatusCode.OK, response.Text);
    }

    /// <summary>Creates a QuickBooks customer and returns its Id.</summary>
    public async Task<string> CreateCustomerAsync(string displayName, string? email = null, string realm = Realm)
    {
        var emailPart = email is null ? string.Empty : $",\"PrimaryEmailAddr\":{{\"Address\":\"{email}\"}}";
        var response = await QuickBooksAsync(
            HttpMethod.Post,
            "/customer?minorversion=75",
            $"{{\"DisplayName\":{System.Text.Json.JsonSerializer.Serialize(displayName)},\"CompanyName\":\"Co\"{emailPart}}}",
            realm);
        Assert.True(response.Status == System.Net.HttpStatusCode.OK, response.Text);
        return response.Json.GetProperty("Customer").GetProperty("Id").GetString()!;
    }

    public static string InvoiceJson(string customerId, decimal amount = 150.00m, string docNumber = "D-1") =>
        System.Text.Json.JsonSerializer.Serialize(new
        {
            CustomerRef = new { value = customerId },
            TxnDate = "2026-11-20",
            DueDate = "2026-12-20",
            DocNumber = docNumber,
            PrivateNote = "deal 1001",
            Line = new[]
            {
                new
                {
                    DetailType = "SalesItemLineDetail",
                    Amount = amount,
                    Description = "Consulting",
                    SalesItemLineDetail = new { ItemRef = new { value = "1", name = "Services" }, Qty = 1, UnitPrice = amount },
                },
            },
        });

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
