using System.Globalization;
using Integration.Activities.Configuration;
using Integration.Orchestrations.DealToInvoice;
using Microsoft.Extensions.Options;

namespace Integration.Activities.Connectors.HubSpot;

/// <summary>
/// HubSpot CRM v3: a deal with its line items and company, deal updates, and a contact (by email) with notes on
/// its timeline. Maps HubSpot's all-strings wire format to the workflows' typed records.
/// </summary>
public sealed class HubSpotCrmClient(HttpClient http, IOptionsMonitor<HubSpotOptions> options)
{
    public const string SystemName = "hubspot";
    private const int BatchLimit = 100;
    /// <summary>Custom deal property holding payment terms ("Net 45"); HubSpot has no standard one.</summary>
    public const string PaymentTermsProperty = "payment_terms";

    /// <summary>Custom line-item property holding the CRM tax code the data dictionary maps.</summary>
    public const string TaxCodeProperty = "tax_code";

    private const string DealProperties =
        "dealname,amount,dealstage,pipeline,closedate,deal_currency_code," + PaymentTermsProperty + "," +
        DealToInvoiceOrchestrator.InvoiceIdProperty + "," + DealToInvoiceOrchestrator.InvoiceRevisionProperty + "," +
        DealToInvoiceOrchestrator.InvoiceTotalProperty + "," + DealToInvoiceOrchestrator.InvoiceStatusProperty + "," +
        DealToInvoiceOrchestrator.CustomerIdProperty;

    private const string CompanyProperties = "name,domain,email,type,city,country";

    private static readonly string[] ContactProperties = ["email", "firstname", "lastname"];

    /// <summary>HubSpot's defined association type "note to contact".</summary>
    public const int NoteToContactAssociationType = 202;

    // "discount" is HubSpot's unit discount (an amount off each unit); hs_discount_percentage a percentage.
    private static readonly string[] LineItemProperties = ["name", "quantity", "price", "amount", "hs_sku", "hs_product_id", "hs_discount_percentage", "discount", TaxCodeProperty];

    public async Task<CrmDeal> GetDealAsync(string dealId, string correlationId, CancellationToken cancellationToken)
    {
        HubSpotObject deal = await GetAsync<HubSpotObject>(
            $"crm/v3/objects/deals/{Uri.EscapeDataString(dealId)}?properties={DealProperties}&associations=line_items,companies",
            correlationId, cancellationToken).ConfigureAwait(false);

        // HubSpot answers with the key "line items" (a space) though the request says line_items.
        List<string> lineItemIds = AssociationIds(deal, "line items", "line_items");
        List<string> companyIds = AssociationIds(deal, "companies");

        var lineItems = new List<CrmLineItem>(lineItemIds.Count);
        foreach (string[] chunk in lineItemIds.Chunk(BatchLimit))
        {
            HubSpotBatchResult batch = await SendAsync<HubSpotBatchResult>(
                HttpMethod.Post,
                "crm/v3/objects/line_items/batch/read",
                new { properties = LineItemProperties, inputs = chunk.Select(id => new { id }) },
                correlationId,
                cancellationToken).ConfigureAwait(false);
            lineItems.AddRange(batch.Results.OrderBy(r => lineItemIds.IndexOf(r.Id)).Select(ToLineItem));
        }

        CrmCompany? company = null;
        if (companyIds.Count > 0)
        {
            HubSpotObject c = await GetAsync<HubSpotObject>(
                $"crm/v3/objects/companies/{Uri.EscapeDataString(companyIds[0])}?properties={CompanyProperties}",
                correlationId, cancellationToken).ConfigureAwait(false);
            company = new CrmCompany(c.Id, Prop(c, "name") ?? $"Company {c.Id}", Prop(c, "domain"), Prop(c, "email"), Prop(c, "type"));
        }

        return new CrmDeal(
            deal.Id,
            Prop(deal, "dealname") ?? $"Deal {deal.Id}",
            Decimal(deal, "amount"),
            Prop(deal, "dealstage") ?? string.Empty,
            Prop(deal, "deal_currency_code"),
            company,
            lineItems,
            Timestamp(deal, "closedate"),
            Prop(deal, PaymentTermsProperty),
            InvoiceState(deal));
    }

    /// <summary>What this product last wrote to the deal (erp_invoice_*), or null when it never invoiced it.</summary>
    private static DealInvoiceState? InvoiceState(HubSpotObject deal)
    {
        string? revision = Prop(deal, DealToInvoiceOrchestrator.InvoiceRevisionProperty);
        string? id = Prop(deal, DealToInvoiceOrchestrator.InvoiceIdProperty);
        if (revision is null && id is null)
        {
            return null;
        }

        int r = int.TryParse(revision, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) ? parsed : 1;
        string status = Prop(deal, DealToInvoiceOrchestrator.InvoiceStatusProperty) ?? (id is null ? DealInvoiceState.Voided : DealInvoiceState.Issued);
        decimal? total = Prop(deal, DealToInvoiceOrchestrator.InvoiceTotalProperty) is null ? null : Decimal(deal, DealToInvoiceOrchestrator.InvoiceTotalProperty);
        return new DealInvoiceState(id, r, total, status, Prop(deal, DealToInvoiceOrchestrator.CustomerIdProperty));
    }

    /// <summary>HubSpot dates come as ISO 8601 or as epoch milliseconds, depending on the API and property.</summary>
    private static DateTimeOffset? Timestamp(HubSpotObject o, string name)
    {
        string? text = Prop(o, name);
        if (text is null)
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long ms))
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(ms);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset at)
            ? at
            : throw new Orchestrations.Common.PermanentActivityFailureException($"{SystemName} object {o.Id} has an unreadable '{name}': {text}");
    }

    public async Task PatchDealAsync(string dealId, IReadOnlyDictionary<string, string> properties, string correlationId, CancellationToken cancellationToken) =>
        await SendAsync<HubSpotObject>(
            HttpMethod.Patch, $"crm/v3/objects/deals/{Uri.EscapeDataString(dealId)}", new { properties }, correlationId, cancellationToken)
            .ConfigureAwait(false);

    /// <summary>The contact whose email is <paramref name="email"/> (HubSpot's search, EQ ignores case), or null when there is none or the email is blank.</summary>
    public async Task<CrmContact?> FindContactByEmailAsync(string? email, string correlationId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return null;
        }

        HubSpotSearchResult found = await SendAsync<HubSpotSearchResult>(
            HttpMethod.Post,
            "crm/v3/objects/contacts/search",
            new
            {
                filterGroups = new[] { new { filters = new[] { new { propertyName = "email", @operator = "EQ", value = email.Trim() } } } },
                properties = ContactProperties,
                limit = 1,
            },
            correlationId,
            cancellationToken).ConfigureAwait(false);
        return found.Results.FirstOrDefault() is { } c
            ? new CrmContact(c.Id, Prop(c, "email"), Prop(c, "firstname"), Prop(c, "lastname"))
            : null;
    }

    /// <summary>A note on the contact's timeline (association type 202, note to contact), dated <paramref name="timestamp"/>; returns the note's id.</summary>
    public async Task<string> CreateNoteAsync(string contactId, string body, DateTimeOffset timestamp, string correlationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contactId);
        ArgumentNullException.ThrowIfNull(body);
        HubSpotObject note = await SendAsync<HubSpotObject>(
            HttpMethod.Post,
            "crm/v3/objects/notes",
            new
            {
                properties = new Dictionary<string, string>
                {
                    ["hs_timestamp"] = timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                    ["hs_note_body"] = body,
                },
                associations = new[]
                {
                    new { to = new { id = contactId }, types = new[] { new { associationCategory = "HUBSPOT_DEFINED", associationTypeId = NoteToContactAssociationType } } },
                },
            },
            correlationId,
            cancellationToken).ConfigureAwait(false);
        return note.Id;
    }

    private Task<T> GetAsync<T>(string path, string correlationId, CancellationToken cancellationToken) =>
        SendAsync<T>(HttpMethod.Get, path, null, correlationId, cancellationToken);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, string correlationId, CancellationToken cancellationToken)
    {
        using HttpRequestMessage request = ConnectorRequests.Create(method, new Uri(BaseUri(), path), options.CurrentValue.AccessToken, correlationId, body);
        using HttpResponseMessage response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return await ConnectorRequests.ReadAsync<T>(response, SystemName, null, cancellationToken).ConfigureAwait(false);
    }

    private Uri BaseUri() => new(options.CurrentValue.BaseUrl.TrimEnd('/') + "/");

    private static List<string> AssociationIds(HubSpotObject o, params string[] keys)
    {
        foreach (string key in keys)
        {
            if (o.Associations is not null && o.Associations.TryGetValue(key, out HubSpotAssociationList? list))
            {
                return list.Results.Select(r => r.Id).Distinct().ToList();
            }
        }

        return [];
    }

    private static CrmLineItem ToLineItem(HubSpotObject li)
    {
        decimal quantity = Decimal(li, "quantity");
        decimal price = Decimal(li, "price");
        decimal amount = Prop(li, "amount") is null ? quantity * price : Decimal(li, "amount");
        return new CrmLineItem(
            li.Id,
            Prop(li, "name") ?? li.Id,
            Prop(li, "hs_sku"),
            quantity,
            price,
            amount,
            Prop(li, "hs_product_id"),
            Prop(li, "hs_discount_percentage") is null ? null : Decimal(li, "hs_discount_percentage"),
            Prop(li, "discount") is null ? null : Decimal(li, "discount"),
            Prop(li, TaxCodeProperty));
    }

    private static string? Prop(HubSpotObject o, string name) =>
        o.Properties.TryGetValue(name, out string? v) && !string.IsNullOrWhiteSpace(v) ? v : null;

    private static decimal Decimal(HubSpotObject o, string name)
    {
        string? text = Prop(o, name);
        if (text is null)
        {
            return 0m;
        }

        return decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out decimal d)
            ? d
            : throw new Orchestrations.Common.PermanentActivityFailureException($"{SystemName} object {o.Id} has a non-numeric '{name}': {text}");
    }
}
