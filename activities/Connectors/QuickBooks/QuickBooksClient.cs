using System.Globalization;
using System.Net;
using Integration.Activities.Configuration;
using Microsoft.Extensions.Options;

namespace Integration.Activities.Connectors.QuickBooks;

/// <summary>
/// QuickBooks Online Accounting v3: customers and invoices. Every create carries a "requestid"
/// derived from the business key, so QBO answers a repeat with the original result instead of
/// creating a second record.
/// </summary>
public sealed class QuickBooksClient(HttpClient http, IOptionsMonitor<QuickBooksOptions> options)
{
    public const string SystemName = "quickbooks";

    /// <summary>QBO's limit on requestid length.</summary>
    public const int MaxRequestIdLength = 50;

    /// <summary>QBO's "Duplicate Name Exists" validation fault.</summary>
    public const string DuplicateNameCode = "6240";

    /// <summary>QBO's "Object Not Found" validation fault (deleted, merged or never there).</summary>
    public const string ObjectNotFoundCode = "610";

    public async Task<QboCustomer?> FindCustomerByDisplayNameAsync(string displayName, string correlationId, CancellationToken cancellationToken)
    {
        string query = $"SELECT * FROM Customer WHERE DisplayName = '{Escape(displayName)}' MAXRESULTS 2";
        QboQueryResponse result = await SendAsync<QboQueryResponse>(
            HttpMethod.Get, $"query?query={Uri.EscapeDataString(query)}", null, null, correlationId, cancellationToken).ConfigureAwait(false);
        return result.QueryResponse.Customer?.FirstOrDefault();
    }

    /// <summary>The customer with this Id, or null when QBO no longer has it (QBO answers 400 "Object Not Found", code 610).</summary>
    public async Task<QboCustomer?> GetCustomerAsync(string id, string correlationId, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await SendCoreAsync(HttpMethod.Get, $"customer/{Uri.EscapeDataString(id)}", null, null, correlationId, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.NotFound ||
            (response.StatusCode == HttpStatusCode.BadRequest &&
             (await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Contains($"\"{ObjectNotFoundCode}\"", StringComparison.Ordinal)))
        {
            return null;
        }

        return (await ReadAsync<QboCustomerResponse>(response, cancellationToken).ConfigureAwait(false)).Customer;
    }

    /// <summary>Creates a customer; when the display name is taken, returns null so the caller can match by name.</summary>
    public async Task<QboCustomer?> CreateCustomerAsync(QboCustomer customer, string requestId, string correlationId, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await SendCoreAsync(HttpMethod.Post, "customer", customer, requestId, correlationId, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.BadRequest &&
            (await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Contains($"\"{DuplicateNameCode}\"", StringComparison.Ordinal))
        {
            return null;
        }

        return (await ReadAsync<QboCustomerResponse>(response, cancellationToken).ConfigureAwait(false)).Customer;
    }

    public async Task<QboInvoice> CreateInvoiceAsync(QboInvoice invoice, string requestId, string correlationId, CancellationToken cancellationToken)
    {
        QboInvoiceResponse created = await SendAsync<QboInvoiceResponse>(
            HttpMethod.Post, "invoice", invoice, requestId, correlationId, cancellationToken).ConfigureAwait(false);
        return created.Invoice;
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string relative, object? body, string? requestId, string correlationId, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await SendCoreAsync(method, relative, body, requestId, correlationId, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<T>(response, cancellationToken).ConfigureAwait(false);
    }

    private static Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken) =>
        ConnectorRequests.ReadAsync<T>(response, SystemName, QboJson.Options, cancellationToken);

    private async Task<HttpResponseMessage> SendCoreAsync(HttpMethod method, string relative, object? body, string? requestId, string correlationId, CancellationToken cancellationToken)
    {
        QuickBooksOptions o = options.CurrentValue;
        if (requestId is { Length: > MaxRequestIdLength })
        {
            throw new ArgumentException($"A QBO requestid is at most {MaxRequestIdLength} characters: '{requestId}'.", nameof(requestId));
        }

        string separator = relative.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        string query = $"{separator}minorversion={o.MinorVersion.ToString(CultureInfo.InvariantCulture)}" +
            (requestId is null ? string.Empty : $"&requestid={Uri.EscapeDataString(requestId)}");
        var uri = new Uri($"{o.BaseUrl.TrimEnd('/')}/v3/company/{Uri.EscapeDataString(o.RealmId)}/{relative}{query}");
        using HttpRequestMessage request = ConnectorRequests.Create(method, uri, o.AccessToken, correlationId, body, QboJson.Options);
        return await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>QBO query literals escape a single quote with a backslash.</summary>
    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal);
}

/// <summary>QBO JSON: omit nulls on write (QBO rejects explicit nulls on some fields).</summary>
internal static class QboJson
{
    public static System.Text.Json.JsonSerializerOptions Options { get; } = new()
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
