using System.Globalization;
using System.Net;
using System.Text.Json;
using Integration.Activities.Configuration;
using Integration.Activities.Connectors.Erp;
using Integration.Orchestrations.Common;
using Microsoft.Extensions.Options;

namespace Integration.Activities.Connectors.Xero;

/// <summary>
/// Xero Accounting API 2.0 as an <see cref="IErpConnector"/>: contacts, ACCREC invoices and credit notes. Every
/// call names the organisation in xero-tenant-id; every write sends the workflow's key as Idempotency-Key, so a
/// retry after a lost response gets Xero's first answer instead of a second record.
/// </summary>
/// <remarks>
/// A customer's category and note are not sent. Xero contacts have no free-text note field, and contact groups
/// cannot be set on the contact itself: it would take a lookup or create of the group and a second write per
/// customer, for a grouping finance can apply in Xero. The cross-reference table already records the CRM link.
/// </remarks>
public sealed class XeroClient(HttpClient http, IOptionsMonitor<XeroOptions> options) : IErpConnector
{
    public const string SystemName = "xero";
    public const string TenantHeader = "xero-tenant-id";
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>Xero's limit on Idempotency-Key length.</summary>
    public const int MaxIdempotencyKeyLength = 128;

    /// <summary>What Xero says when a contact name is taken by an active contact.</summary>
    public const string DuplicateNameMessage = "is already assigned to another contact";

    /// <summary>
    /// Invoices and credit notes are written and read with 4-decimal unit amounts; without it Xero rounds them to 2
    /// and a list price like 33.3333 would no longer price to the draft's net amount.
    /// </summary>
    private const string UnitDecimals = "unitdp=4";

    string IErpConnector.SystemName => SystemName;

    /// <summary>The organisation this client books into (Connectors:Xero:TenantId), ignoring case as GUIDs compare.</summary>
    string IErpConnector.Tenant => options.CurrentValue.TenantId.Trim().ToLowerInvariant();

    /// <summary>The contact, or null when Xero has none with this id (a non-GUID id cannot be a Xero contact); archived contacts are inactive.</summary>
    public async Task<ErpCustomer?> GetCustomerAsync(string id, string correlationId, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out Guid contactId))
        {
            return null;
        }

        XeroContacts? found = await ReadOrNullAsync<XeroContacts>($"Contacts/{contactId}", correlationId, cancellationToken).ConfigureAwait(false);
        return found?.Contacts.FirstOrDefault() is { } contact ? Customer(contact) : null;
    }

    /// <summary>
    /// Two filtered reads of the first page (100): EmailAddress.EndsWith("@domain") and Name.StartsWith("prefix"),
    /// merged by ContactID, e-mail matches first.
    /// </summary>
    public async Task<IReadOnlyList<ErpCustomer>> FindCustomersAsync(ErpCustomerQuery query, string correlationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var found = new List<XeroContact>();
        if (query.EmailDomain?.Trim().TrimStart('@') is { Length: > 0 } domain)
        {
            found.AddRange(await WhereAsync($"EmailAddress!=null&&EmailAddress.EndsWith(\"@{Quote(domain)}\")", correlationId, cancellationToken).ConfigureAwait(false));
        }

        if (query.NamePrefix is { } prefix && !string.IsNullOrWhiteSpace(prefix))
        {
            found.AddRange(await WhereAsync($"Name.StartsWith(\"{Quote(prefix)}\")", correlationId, cancellationToken).ConfigureAwait(false));
        }

        return [.. found.Where(c => c.ContactID is not null).DistinctBy(c => c.ContactID, StringComparer.OrdinalIgnoreCase).Select(Customer)];
    }

    /// <summary>PUT /Contacts (create only, never an update of someone else's contact); null when the name is taken.</summary>
    public async Task<ErpCustomer?> CreateCustomerAsync(ErpCustomerDraft draft, string idempotencyKey, string correlationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var body = new XeroContacts([new XeroContact(null, draft.Name, string.IsNullOrWhiteSpace(draft.Email) ? null : draft.Email)]);
        using HttpResponseMessage response = await SendAsync(HttpMethod.Put, "Contacts", body, idempotencyKey, correlationId, cancellationToken).ConfigureAwait(false);
        if (await IsDuplicateNameAsync(response, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        XeroContacts created = await ReadAsync<XeroContacts>(response, cancellationToken).ConfigureAwait(false);
        return Customer(Single(created.Contacts, "contact"));
    }

    /// <summary>An AUTHORISED ACCREC invoice, amounts exclusive of tax; the draft's reference goes in Reference and Xero numbers it.</summary>
    public async Task<ErpInvoice> CreateInvoiceAsync(ErpInvoiceDraft draft, string idempotencyKey, string correlationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        string account = options.CurrentValue.SalesAccountCode;
        var invoice = new XeroInvoice(
            null,
            null,
            "ACCREC",
            new XeroContactRef(draft.CustomerId),
            Day(draft.Date),
            Day(draft.DueDate),
            "Exclusive",
            draft.Reference,
            XeroStatuses.Authorised,
            draft.Currency,
            [.. draft.Lines.Select(l => XeroLines.ToXero(l, account))]);
        XeroInvoices created = await WriteAsync<XeroInvoices>(HttpMethod.Put, $"Invoices?{UnitDecimals}", new XeroInvoices([invoice]), idempotencyKey, correlationId, cancellationToken).ConfigureAwait(false);
        return Invoice(Single(created.Invoices, "invoice"));
    }

    public async Task<ErpInvoice?> GetInvoiceAsync(string id, string correlationId, CancellationToken cancellationToken) =>
        await ReadInvoiceAsync(id, correlationId, cancellationToken).ConfigureAwait(false) is { } invoice ? Invoice(invoice) : null;

    /// <summary>
    /// AUTHORISED → VOIDED; DRAFT or SUBMITTED → DELETED (Xero voids only authorised invoices). Already VOIDED or
    /// DELETED: returned as it is. Missing, paid, or with a payment or credit allocated:
    /// <see cref="PermanentActivityFailureException"/>, because Xero refuses those.
    /// </summary>
    public async Task<ErpInvoice> VoidInvoiceAsync(string id, string idempotencyKey, string correlationId, CancellationToken cancellationToken)
    {
        XeroInvoice current = await ReadInvoiceAsync(id, correlationId, cancellationToken).ConfigureAwait(false)
            ?? throw new PermanentActivityFailureException($"{SystemName} has no invoice {id} to void.");
        string? status = current.Status?.ToUpperInvariant();
        if (status is XeroStatuses.Voided or XeroStatuses.Deleted)
        {
            return Invoice(current);
        }

        if (status == XeroStatuses.Paid || current.AmountPaid is > 0 || current.AmountCredited is > 0)
        {
            throw new PermanentActivityFailureException(
                $"{SystemName} invoice {id} is {status} with {current.AmountPaid ?? 0} paid and {current.AmountCredited ?? 0} credited; Xero cannot void it: credit it instead.");
        }

        string target = status is XeroStatuses.Draft or XeroStatuses.Submitted ? XeroStatuses.Deleted : XeroStatuses.Voided;
        XeroInvoices changed = await WriteAsync<XeroInvoices>(
            HttpMethod.Post, $"Invoices/{Uri.EscapeDataString(current.InvoiceID ?? id)}?{UnitDecimals}", new XeroStatusChange(current.InvoiceID ?? id, target), idempotencyKey, correlationId, cancellationToken).ConfigureAwait(false);
        return Invoice(Single(changed.Invoices, "invoice"));
    }

    /// <summary>An AUTHORISED ACCRECCREDIT credit note with the draft's contact, lines and currency, dated the draft's date.</summary>
    public async Task<ErpCreditNote> CreateCreditNoteAsync(ErpInvoiceDraft draft, string idempotencyKey, string correlationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        string account = options.CurrentValue.SalesAccountCode;
        var note = new XeroCreditNote(
            null,
            null,
            "ACCRECCREDIT",
            new XeroContactRef(draft.CustomerId),
            Day(draft.Date),
            "Exclusive",
            draft.Reference,
            XeroStatuses.Authorised,
            draft.Currency,
            [.. draft.Lines.Select(l => XeroLines.ToXero(l, account))]);
        XeroCreditNotes created = await WriteAsync<XeroCreditNotes>(HttpMethod.Put, $"CreditNotes?{UnitDecimals}", new XeroCreditNotes([note]), idempotencyKey, correlationId, cancellationToken).ConfigureAwait(false);
        XeroCreditNote stored = Single(created.CreditNotes, "credit note");
        return new ErpCreditNote(
            stored.CreditNoteID ?? throw new HttpRequestException("Xero returned a credit note without a CreditNoteID."),
            stored.CreditNoteNumber,
            stored.SubTotal ?? stored.LineItems.Select(XeroLines.FromXero).Sum(l => l.NetAmount));
    }

    private static ErpCustomer Customer(XeroContact c) => new(
        c.ContactID ?? throw new HttpRequestException("Xero returned a contact without a ContactID."),
        c.Name,
        c.EmailAddress,
        c.ContactStatus is null || string.Equals(c.ContactStatus, "ACTIVE", StringComparison.OrdinalIgnoreCase));

    /// <summary>Total is SubTotal, before tax, so it compares with the draft's total whatever tax Xero adds.</summary>
    private static ErpInvoice Invoice(XeroInvoice i)
    {
        List<Orchestrations.DealToInvoice.InvoiceLine> lines = [.. i.LineItems.Select(XeroLines.FromXero)];
        return new ErpInvoice(
            i.InvoiceID ?? throw new HttpRequestException("Xero returned an invoice without an InvoiceID."),
            i.InvoiceNumber,
            i.Contact.ContactID,
            i.SubTotal ?? lines.Sum(l => l.NetAmount),
            XeroStatuses.Normalise(i.Status),
            ParseDay(i.DateString) ?? ParseDay(i.Date),
            i.CurrencyCode ?? string.Empty,
            lines);
    }

    private async Task<XeroInvoice?> ReadInvoiceAsync(string id, string correlationId, CancellationToken cancellationToken) =>
        Guid.TryParse(id, out Guid invoiceId)
            ? (await ReadOrNullAsync<XeroInvoices>($"Invoices/{invoiceId}?{UnitDecimals}", correlationId, cancellationToken).ConfigureAwait(false))?.Invoices.FirstOrDefault()
            : null;

    private async Task<IReadOnlyList<XeroContact>> WhereAsync(string where, string correlationId, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await SendAsync(HttpMethod.Get, $"Contacts?where={Uri.EscapeDataString(where)}&page=1", null, null, correlationId, cancellationToken).ConfigureAwait(false);
        return (await ReadAsync<XeroContacts>(response, cancellationToken).ConfigureAwait(false)).Contacts;
    }

    private async Task<T?> ReadOrNullAsync<T>(string relative, string correlationId, CancellationToken cancellationToken)
        where T : class
    {
        using HttpResponseMessage response = await SendAsync(HttpMethod.Get, relative, null, null, correlationId, cancellationToken).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.NotFound ? null : await ReadAsync<T>(response, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> WriteAsync<T>(HttpMethod method, string relative, object body, string idempotencyKey, string correlationId, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await SendAsync(method, relative, body, idempotencyKey, correlationId, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<T>(response, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> IsDuplicateNameAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode != HttpStatusCode.BadRequest)
        {
            return false;
        }

        try
        {
            XeroApiException? error = JsonSerializer.Deserialize<XeroApiException>(
                await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false), XeroJson.Options);
            return error?.Elements?.SelectMany(e => e.ValidationErrors ?? []).Any(v =>
                v.Message?.Contains(DuplicateNameMessage, StringComparison.OrdinalIgnoreCase) == true) == true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken) =>
        ConnectorRequests.ReadAsync<T>(response, SystemName, XeroJson.Options, cancellationToken);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string relative, object? body, string? idempotencyKey, string correlationId, CancellationToken cancellationToken)
    {
        XeroOptions o = options.CurrentValue;
        var uri = new Uri($"{o.BaseUrl.TrimEnd('/')}/api.xro/2.0/{relative}");
        using HttpRequestMessage request = ConnectorRequests.Create(method, uri, o.AccessToken, correlationId, body, XeroJson.Options);
        request.Headers.Add(TenantHeader, o.TenantId);
        if (idempotencyKey is not null)
        {
            request.Headers.Add(IdempotencyKeyHeader, IdempotencyKeys.Fit(idempotencyKey, MaxIdempotencyKeyLength));
        }

        return await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private static T Single<T>(List<T>? items, string what) =>
        items is { Count: > 0 } ? items[0] : throw new HttpRequestException($"Xero answered a {what} write without the {what}.");

    /// <summary>Xero where-clause strings are double-quoted; a quote or backslash inside is escaped with a backslash.</summary>
    private static string Quote(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>"2025-01-15T00:00:00" (DateString) or "2025-01-15"; null for Xero's "/Date(..)/" form, which DateString accompanies.</summary>
    private static DateOnly? ParseDay(string? text) =>
        text is { Length: >= 10 } && DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly day) ? day : null;
}
