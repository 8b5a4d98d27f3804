using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Integration.SendEvent.Scenarios;

/// <summary>
/// Seeds customers into both sandbox ERPs through their own APIs (QuickBooks Online and Xero), so a
/// scenario behaves the same whichever ERP the host is configured for.
/// </summary>
public sealed class SandboxErp(HttpClient http, string sandboxBaseUrl)
{
    /// <summary>The standalone host's default QuickBooks realm and the sandbox's development tokens.</summary>
    public const string QuickBooksRealm = "9130350000000001";
    public const string QuickBooksToken = "sandbox-quickbooks-token";

    /// <summary>Both vendors spell their fields in PascalCase; JsonContent's default (web) options would camel-case them.</summary>
    private static readonly System.Text.Json.JsonSerializerOptions VendorJson = new();

    private readonly string root = sandboxBaseUrl.TrimEnd('/');

    /// <summary>Creates the customer in QuickBooks and the contact in Xero.</summary>
    public async Task SeedCustomerAsync(string name, string email, CancellationToken cancellationToken = default)
    {
        using var qbo = new HttpRequestMessage(HttpMethod.Post, $"{root}/quickbooks/v3/company/{QuickBooksRealm}/customer?minorversion=75")
        {
            Content = JsonContent.Create(new { DisplayName = name, CompanyName = name, PrimaryEmailAddr = new { Address = email } }, options: VendorJson),
        };
        qbo.Headers.Authorization = new AuthenticationHeaderValue("Bearer", QuickBooksToken);
        await SendAsync(qbo, $"QuickBooks customer '{name}'", cancellationToken).ConfigureAwait(false);

        // Xero through the sandbox's seeding route (its API needs the tenant id the host is configured with).
        using var xero = new HttpRequestMessage(HttpMethod.Post, $"{root}/_sandbox/xero/contacts")
        {
            Content = JsonContent.Create(new { Name = name, EmailAddress = email }, options: VendorJson),
        };
        await SendAsync(xero, $"Xero contact '{name}'", cancellationToken).ConfigureAwait(false);
    }

    private async Task SendAsync(HttpRequestMessage request, string what, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new HttpRequestException($"The sandbox refused {what}: {(int)response.StatusCode} {body}");
        }
    }
}
