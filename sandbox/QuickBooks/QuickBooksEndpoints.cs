using System.Text.Json.Nodes;
using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.QuickBooks;

/// Maps the emulated QuickBooks Online Accounting v3 routes under /quickbooks.
internal static class QuickBooksEndpoints
{
    public const int RequestIdMaxLength = 50;

    public static void Map(IEndpointRouteBuilder app)
    {
        var company = app.MapGroup("/quickbooks/v3/company/{realmId}").AddEndpointFilter<QboAuthFilter>();
        company.MapGet("/query", (string realmId, HttpRequest request, QuickBooksStore store, TimeProvider time) =>
            Query(store.Realm(realmId), request.Query["query"].FirstOrDefault(), time.GetUtcNow()));
        company.MapPost("/query", QueryFromBodyAsync);

        company.MapPost("/customer", (string realmId, HttpContext context, QuickBooksStore store, TimeProvider time) =>
            WriteAsync(context, store.Realm(realmId), time, QboWrites.CreateCustomer));
        company.MapPost("/invoice", InvoicePostAsync);
        company.MapPost("/creditmemo", (string realmId, HttpContext context, QuickBooksStore store, TimeProvider time) =>
            WriteAsync(context, store.Realm(realmId), time, (realm, body, requestId, now) =>
                QboWrites.CreateTransaction(realm, QboEntityType.CreditMemo, body, requestId, now)));

        company.MapGet("/customer/{id}", (string realmId, string id, QuickBooksStore store, TimeProvider time) =>
            Read(store.Realm(realmId), QboEntityType.Customer, id, time.GetUtcNow()));
        company.MapGet("/invoice/{id}", (string realmId, string id, QuickBooksStore store, TimeProvider time) =>
            Read(store.Realm(realmId), QboEntityType.Invoice, id, time.GetUtcNow()));
        company.MapGet("/creditmemo/{id}", (string realmId, string id, QuickBooksStore store, TimeProvider time) =>
            Read(store.Realm(realmId), QboEntityType.CreditMemo, id, time.GetUtcNow()));
    }

    private static Task<IResult> InvoicePostAsync(
        string realmId, HttpContext context, QuickBooksStore store, TimeProvider time)
    {
        var operation = context.Request.Query["operation"].FirstOrDefault();
        var realm = store.Realm(realmId);
        if (string.IsNullOrEmpty(operation))
        {
            return WriteAsync(context, realm, time, (r, body, requestId, now) =>
                QboWrites.CreateTransaction(r, QboEntityType.Invoice, body, requestId, now));
        }

        if (string.Equals(operation, "void", StringComparison.OrdinalIgnoreCase))
        {
            return WriteAsync(context, realm, time, (r, body, _, now) => QboWrites.VoidInvoice(r, body, now));
        }

        return Task.FromResult(VendorResponse.BadRequest(QboErrors.Validation(
            "2010",
            "Request has invalid or unsupported property",
            $"operation={operation} is not supported by the sandbox (only void)",
            time.GetUtcNow())).ToResult());
    }

    /// <summary>
    /// Runs a write with QuickBooks requestid semantics: a requestid already seen in this realm returns the
    /// original status and body without running the write again.
    /// </summary>
    private static async Task<IResult> WriteAsync(
        HttpContext context,
        QboRealm realm,
        TimeProvider time,
        Func<QboRealm, JsonNode?, string?, DateTimeOffset, VendorResponse> write)
    {
        var requestId = context.Request.Query["requestid"].FirstOrDefault();
        if (string.IsNullOrEmpty(requestId))
        {
            requestId = null;
        }
        else if (requestId.Length > RequestIdMaxLength)
        {
            return VendorResponse.BadRequest(QboErrors.Validation(
                "2050",
                "Invalid RequestId",
                $"requestid must be at most {RequestIdMaxLength} characters (got {requestId.Length})",
                time.GetUtcNow())).ToResult();
        }

        var body = await JsonBody.ReadAsync(context.Request);
        return IdempotentReplay.Run(realm.Gate, realm.Responses, requestId, () =>
        {
            var now = time.GetUtcNow();
            return body.IsValid
                ? write(realm, body.Node, requestId, now)
                : VendorResponse.BadRequest(QboErrors.Validation(
                    "2010", "Request has invalid or unsupported property", $"Unable to parse request body: {body.Error}", now));
        }).ToResult();
    }

    private static async Task<IResult> QueryFromBodyAsync(
        string realmId, HttpRequest request, QuickBooksStore store, TimeProvider time)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        return Query(store.Realm(realmId), text, time.GetUtcNow());
    }

    private static IResult Query(QboRealm realm, string? text, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return VendorResponse.BadRequest(QboErrors.QueryParse("the query parameter is missing or empty", now)).ToResult();
        }

        QboQuery query;
        try
        {
            query = QboQueryParser.Parse(text);
        }
        catch (QboQueryException ex)
        {
            return VendorResponse.BadRequest(QboErrors.QueryParse(ex.Message, now)).ToResult();
        }

        return QboQueryExecutor.Execute(realm, query, now).ToResult();
    }

    private static IResult Read(QboRealm realm, QboEntityType type, string id, DateTimeOffset now)
    {
        lock (realm.Gate)
        {
            if (realm.Entities(type).TryGetValue(id, out var entity))
            {
                return VendorResponse.Ok(QboWrites.Wrap(type, entity.Body, now)).ToResult();
            }
        }

        return VendorResponse.BadRequest(QboErrors.ObjectNotFound($"{type} with Id={id} does not exist.", now)).ToResult();
    }
}
