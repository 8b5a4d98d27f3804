using System.Globalization;
using System.Net;
using Integration.Activities.Configuration;
using Integration.Activities.Connectors.Erp;
using Integration.Orchestrations.Common;
using Microsoft.Extensions.Options;

namespace Integration.Activities.Connectors.QuickBooks;

/// <summary>
/// QuickBooks Online Accounting v3 as an <see cref="IErpConnector"/>: customers, invoices and credit memos.
/// Every create carries a "requestid" derived from the business key, so QBO answers a repeat with the
/// original result instead of creating a second record.
/// </summary>
/// <remarks><see cref="IErpConnector.SystemName"/> is explicit because the constant of that name is used in settings and logs.</remarks>
public sealed class QuickBooksClient(HttpClient http, IOptionsMonitor<QuickBooksOptions> options) : IErpConnector
{
    public const string SystemName = "quickbooks";

    /// <summary>QBO's limit on requestid length.</summary>
    public const int MaxRequestIdLength = 50;

    /// <summary>QBO's "Duplicate Name Exists" validation fault.</summary>
    public const string DuplicateNameCode = "6240";

    /// <summary>QBO's "Object Not Found" validation fault (deleted, merged or never there).</summary>
    public const string ObjectNotFoundCode = "610";

    /// <summary>Each candidate query asks for at most this many customers.</summary>
    public const int MaxCandidates = 100;

    string IErpConnector.SystemName => SystemName;

    /// <summary>The company this client books into (Connectors:QuickBooks:RealmId).</summary>
    string IErpConnector.Tenant => options.CurrentValue.RealmId.Trim();

    /// <summary>The customer with this Id, or null when QBO no longer has it (QBO answers 400 "Object Not Found", code 610).</summary>
    public async Task<ErpCustomer?> GetCustomerAsync(string id, string correlationId, CancellationToken cancellationToken) =>
        (await ReadOrNullAsync<QboCustomerResponse>($"customer/{Uri.EscapeDataString(id)}", correlationId, cancellationToken).ConfigureAwait(false))?.Customer is { } customer
            ? QboErp.Customer(customer)
            : null;

    /// <summary>
    /// Two queries, each at most <see cref="MaxCandidates"/>: e-mail LIKE '%@domain' and DisplayName LIKE 'prefix%'
    /// (QBO compares ignoring case), merged by Id, e-mail matches first. A '%' in the input is a wildcard: QBO cannot
    /// escape it, and a wider superset is harmless.
    /// </summary>
    public async Task<IReadOnlyList<ErpCustomer>> FindCustomersAsync(ErpCustomerQuery query, string correlationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var found = new List<QboCustomer>();
        if (query.EmailDomain?.Trim().TrimStart('@') is { Length: > 0 } domain)
        {
            found.AddRange(await QueryCustomersAsync($"PrimaryEmailAddr LIKE '%@{Escape(domain)}'", MaxCandidates, correlationId, cancellationToken).ConfigureAwait(false));
        }

        if (query.NamePrefix is { } prefix && !string.IsNullOrWhiteSpace(prefix))
        {
            found.AddRange(await QueryCustomersAsync($"DisplayName LIKE '{Escape(prefix)}%'", MaxCandidates, correlationId, cancellationToken).ConfigureAwait(false));
        }

        return [.. found.Where(c => c.Id is not null).DistinctBy(c => c.Id).Select(QboErp.Customer)];
    }

    /// <summary>The category becomes CustomerTypeRef and the note Notes; null when QBO says the name is taken (6240).</summary>
    public async Task<ErpCustomer?> CreateCustomerAsync(ErpCustomerDraft draft, string idempotencyKey, string correlationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var customer = new QboCustomer(
            null,
            draft.Name,
            draft.Name,
            string.IsNullOrWhiteSpace(draft.Email) ? null : new QboEmail(draft.Email),
            draft.Note,
            CustomerTypeRef: string.IsNullOrWhiteSpace(draft.Category) ? null : new QboRef(draft.Category));
        using HttpResponseMessage response = await SendCoreAsync(HttpMethod.Post, "customer", customer, RequestId(idempotencyKey), correlationId, cancellationToken).ConfigureAwait(false);
        if (await HasFaultCodeAsync(response, DuplicateNameCode, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return QboErp.Customer((await ReadAsync<QboCustomerResponse>(response, cancellationToken).ConfigureAwait(false)).Customer);
    }

    /// <summary>DocNumber is left to QBO; the draft's reference goes in PrivateNote. Lines as <see cref="QboLines"/> prices them.</summary>
    public async Task<ErpInvoice> CreateInvoiceAsync(ErpInvoiceDraft draft, string idempotencyKey, string correlationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        QboInvoiceResponse created = await SendAsync<QboInvoiceResponse>(
            HttpMethod.Post, "invoice", QboErp.Document(draft, options.CurrentValue.DefaultItemId, withDueDate: true), RequestId(idempotencyKey), correlationId, cancellationToken).ConfigureAwait(false);
        return QboErp.Invoice(created.Invoice);
    }

    public async Task<ErpInvoice?> GetInvoiceAsync(string id, string correlationId, CancellationToken cancellationToken) =>
        await ReadInvoiceAsync(id, correlationId, cancellationToken).ConfigureAwait(false) is { } invoice ? QboErp.Invoice(invoice) : null;

    /// <summary>
    /// Reads the invoice for its SyncToken and voids it. Already void: returned as it is. Missing, or with a payment
    /// applied (QBO will not void it): <see cref="PermanentActivityFailureException"/>. The requestid is the key plus
    /// the SyncToken voided, so a void refused as stale is not replayed forever once the token moves on.
    /// </summary>
    public async Task<ErpInvoice> VoidInvoiceAsync(string id, string idempotencyKey, string correlationId, CancellationToken cancellationToken)
    {
        QboInvoice current = await ReadInvoiceAsync(id, correlationId, cancellationToken).ConfigureAwait(false)
            ?? throw new PermanentActivityFailureException($"{SystemName} has no invoice {id} to void.");
        if (QboErp.IsVoid(current))
        {
            return QboErp.Invoice(current);
        }

        if (QboErp.HasPayment(current))
        {
            throw new PermanentActivityFailureException(
                $"{SystemName} invoice {id} has a payment applied (balance {current.Balance} of {current.TotalAmt}); QuickBooks cannot void it: credit it instead.");
        }

        string token = current.SyncToken ?? "0";
        QboInvoiceResponse voided = await SendAsync<QboInvoiceResponse>(
            HttpMethod.Post,
            "invoice?operation=void",
            new QboVoidRequest(id, token),
            RequestId($"{idempotencyKey}-s{token}"),
            correlationId,
            cancellationToken).ConfigureAwait(false);
        return QboErp.Invoice(voided.Invoice);
    }

    /// <summary>A CreditMemo with the draft's customer, lines and currency; its total is the sum of its lines before tax.</summary>
    public async Task<ErpCreditNote> CreateCreditNoteAsync(ErpInvoiceDraft draft, string idempotencyKey, string correlationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        QboCreditMemoResponse created = await SendAsync<QboCreditMemoResponse>(
            HttpMethod.Post,
            "creditmemo",
            QboErp.Document(draft, options.CurrentValue.DefaultItemId, withDueDate: false),
            RequestId(idempotencyKey),
            correlationId,
            cancellationToken).ConfigureAwait(false);
        ErpInvoice memo = QboErp.Invoice(created.CreditMemo);
        return new ErpCreditNote(memo.Id, memo.Number, memo.Total);
    }

    /// <summary>The workflow key as a requestid: itself when it fits QBO's 50 characters, else a stable stand-in.</summary>
    private static string RequestId(string idempotencyKey) => IdempotencyKeys.Fit(idempotencyKey, MaxRequestIdLength);

    private async Task<QboInvoice?> ReadInvoiceAsync(string id, string correlationId, CancellationToken cancellationToken) =>
        (await ReadOrNullAsync<QboInvoiceResponse>($"invoice/{Uri.EscapeDataString(id)}", correlationId, cancellationToken).ConfigureAwait(false))?.Invoice;

    private async Task<IReadOnlyList<QboCustomer>> QueryCustomersAsync(string where, int max, string correlationId, CancellationToken cancellationToken)
    {
        string query = string.Create(CultureInfo.InvariantCulture, $"SELECT * FROM Customer WHERE {where} MAXRESULTS {max}");
        QboQueryResponse result = await SendAsync<QboQueryResponse>(
            HttpMethod.Get, $"query?query={Uri.EscapeDataString(query)}", null, null, correlationId, cancellationToken).ConfigureAwait(false);
        return result.QueryResponse.Customer ?? [];
    }

    /// <summary>GETs an entity; null when QBO says it does not have it (404, or 400 "Object Not Found" 610, which QBO uses instead).</summary>
    private async Task<T?> ReadOrNullAsync<T>(string relative, string correlationId, CancellationToken cancellationToken)
        where T : class
    {
        using HttpResponseMessage response = await SendCoreAsync(HttpMethod.Get, relative, null, null, correlationId, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.NotFound || await HasFaultCodeAsync(response, ObjectNotFoundCode, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return await ReadAsync<T>(response, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> HasFaultCodeAsync(HttpResponseMessage response, string code, CancellationToken cancellationToken) =>
        response.StatusCode == HttpStatusCode.BadRequest &&
        (await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Contains($"\"{code}\"", StringComparison.Ordinal);

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
