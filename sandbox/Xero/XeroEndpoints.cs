using System.Text.Json.Nodes;
using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.Xero;

/// Maps the emulated Xero Accounting API routes under /xero/api.xro/2.0 (contacts, invoices, credit notes).
internal static class XeroEndpoints
{
    public const string Prefix = "/xero/api.xro/2.0";
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const int IdempotencyKeyMaxLength = 128;

    /// <summary>Xero's page size for GET /Contacts?page=n.</summary>
    public const int PageSize = 100;

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).AddEndpointFilter<XeroAuthFilter>();

        api.MapGet("/Contacts", ListContacts);
        api.MapGet("/Contacts/{id}", (string id, XeroStore store, TimeProvider time) =>
            Read(store, XeroEntity.Contact, "Contacts", id, 2, time.GetUtcNow()));
        api.MapPut("/Contacts", (HttpContext context, XeroStore store, TimeProvider time) =>
            WriteAsync(context, store, time, XeroContactWrites.Create));
        api.MapPost("/Contacts", (HttpContext context, XeroStore store, TimeProvider time) =>
            WriteAsync(context, store, time, XeroContactWrites.CreateOrUpdate));

        api.MapPut("/Invoices", (HttpContext context, XeroStore store, TimeProvider time) =>
            WriteAsync(context, store, time, (s, body, key, now) =>
                XeroDocumentWrites.Create(s, XeroDocumentKind.Invoice, body, key, XeroJson.UnitDecimals(context.Request), now)));
        api.MapGet("/Invoices/{id}", (string id, HttpRequest request, XeroStore store, TimeProvider time) =>
            Read(store, XeroEntity.Invoice, "Invoices", id, XeroJson.UnitDecimals(request), time.GetUtcNow()));
        api.MapPost("/Invoices/{id}", (string id, HttpContext context, XeroStore store, TimeProvider time) =>
            WriteAsync(context, store, time, (s, body, _, now) =>
                XeroDocumentWrites.ChangeInvoiceStatus(s, id, body, XeroJson.UnitDecimals(context.Request), now)));

        api.MapPut("/CreditNotes", (HttpContext context, XeroStore store, TimeProvider time) =>
            WriteAsync(context, store, time, (s, body, key, now) =>
                XeroDocumentWrites.Create(s, XeroDocumentKind.CreditNote, body, key, XeroJson.UnitDecimals(context.Request), now)));
        api.MapGet("/CreditNotes/{id}", (string id, HttpRequest request, XeroStore store, TimeProvider time) =>
            Read(store, XeroEntity.CreditNote, "CreditNotes", id, XeroJson.UnitDecimals(request), time.GetUtcNow()));
    }

    /// <summary>
    /// Runs a write with Xero's Idempotency-Key semantics: a key already used returns the original status and
    /// body (errors included) without running the write again. Keys are at most 128 characters.
    /// </summary>
    private static async Task<IResult> WriteAsync(
        HttpContext context,
        XeroStore store,
        TimeProvider time,
        Func<XeroStore, JsonNode?, string?, DateTimeOffset, VendorResponse> write)
    {
        var key = context.Request.Headers[IdempotencyKeyHeader].ToString();
        if (key.Length > IdempotencyKeyMaxLength)
        {
            return VendorResponse.BadRequest(XeroErrors.Validation(
                new JsonObject(), $"The Idempotency-Key header must be at most {IdempotencyKeyMaxLength} characters (got {key.Length}).")).ToResult();
        }

        var body = await JsonBody.ReadAsync(context.Request);
        return IdempotentReplay.Run(store.Gate, store.Responses, key.Length == 0 ? null : key, () =>
            body.IsValid
                ? write(store, body.Node, key.Length == 0 ? null : key, time.GetUtcNow())
                : VendorResponse.BadRequest(XeroErrors.PostDataInvalid($"The request body is not valid JSON: {body.Error}"))).ToResult();
    }

    private static IResult ListContacts(HttpRequest request, XeroStore store, TimeProvider time)
    {
        XeroContactFilter filter;
        try
        {
            filter = XeroContactFilter.Parse(request.Query["where"].FirstOrDefault(), request.Query["searchTerm"].FirstOrDefault());
        }
        catch (XeroQueryException ex)
        {
            return VendorResponse.BadRequest(XeroErrors.QueryParse(ex.Message)).ToResult();
        }

        var page = request.Query["page"].FirstOrDefault();
        int? pageNumber = null;
        if (page is not null)
        {
            if (!int.TryParse(page, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n < 1)
            {
                return VendorResponse.BadRequest(XeroErrors.QueryParse($"page '{page}' is not a positive whole number.")).ToResult();
            }

            pageNumber = n;
        }

        List<JsonObject> matches;
        lock (store.Gate)
        {
            matches = [.. store.Records(XeroEntity.Contact).Values
                .Select(r => r.Body)
                .Where(filter.Matches)
                .OrderBy(c => JsonValues.StringAt(c, "Name"), StringComparer.OrdinalIgnoreCase)
                .ThenBy(c => JsonValues.StringAt(c, "ContactID"), StringComparer.Ordinal)
                .Skip(((pageNumber ?? 1) - 1) * PageSize)
                .Take(pageNumber is null ? int.MaxValue : PageSize)
                .Select(c => (JsonObject)c.DeepClone())];
        }

        return JsonResponse.Of(XeroJson.Envelope("Contacts", matches, time.GetUtcNow()));
    }

    private static IResult Read(XeroStore store, XeroEntity entity, string plural, string id, int unitDecimals, DateTimeOffset now)
    {
        lock (store.Gate)
        {
            if (store.Records(entity).TryGetValue(id, out var record))
            {
                return JsonResponse.Of(XeroJson.Envelope(plural, [XeroJson.ForOutput(record.Body, unitDecimals)], now));
            }
        }

        return JsonResponse.Of(XeroErrors.NotFound(), StatusCodes.Status404NotFound);
    }
}
