using System.Text.Json.Nodes;
using Integration.Sandbox.Alerts;
using Integration.Sandbox.BambooHr;
using Integration.Sandbox.Faults;
using Integration.Sandbox.HubSpot;
using Integration.Sandbox.Identity;
using Integration.Sandbox.Infrastructure;
using Integration.Sandbox.QuickBooks;
using Integration.Sandbox.Shopify;
using Integration.Sandbox.Xero;

namespace Integration.Sandbox.Admin;

/// Maps the unauthenticated /_sandbox state, fault and reset routes used by tests, the benchmark and the README.
internal static class AdminEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/_sandbox");
        admin.MapGet("/health", () => JsonResponse.Of(new JsonObject { ["status"] = "ok" }));

        admin.MapGet("/hubspot/deals", (HubSpotStore store) =>
            JsonResponse.Of(AdminJson.Array(store.Deals().OrderBy(d => d.Id, StringComparer.Ordinal), AdminJson.Deal)));
        admin.MapGet("/hubspot/deals/{id}", (string id, HubSpotStore store) =>
            store.PeekDeal(id) is { } deal
                ? JsonResponse.Of(AdminJson.Deal(deal))
                : Problems.NotFound("Deal not found", $"No deal with id '{id}' is stored (generated deals appear after their first GET)."));
        admin.MapPut("/hubspot/deals/{id}", PutDealAsync);
        admin.MapGet("/hubspot/companies", (HubSpotStore store) =>
            JsonResponse.Of(AdminJson.Array(store.Companies().OrderBy(c => c.Id, StringComparer.Ordinal), AdminJson.Record)));
        admin.MapGet("/hubspot/lineitems", (HubSpotStore store) =>
            JsonResponse.Of(AdminJson.Array(store.LineItems().OrderBy(c => c.Id, StringComparer.Ordinal), AdminJson.Record)));

        admin.MapGet("/quickbooks/customers", (string? realmId, QuickBooksStore store) =>
            QboList(store, QboEntityType.Customer, realmId, "customer"));
        admin.MapGet("/quickbooks/invoices", (string? realmId, QuickBooksStore store) =>
            QboList(store, QboEntityType.Invoice, realmId, "invoice"));
        admin.MapGet("/quickbooks/creditmemos", (string? realmId, QuickBooksStore store) =>
            QboList(store, QboEntityType.CreditMemo, realmId, "creditMemo"));

        admin.MapGet("/xero/contacts", (XeroStore store) => XeroList(store, XeroEntity.Contact, "contact"));
        admin.MapPost("/xero/contacts", SeedXeroContactAsync);
        admin.MapGet("/xero/invoices", (XeroStore store) => XeroList(store, XeroEntity.Invoice, "invoice"));
        admin.MapPost("/xero/invoices/{id}/payments", PayXeroInvoiceAsync);
        admin.MapGet("/xero/creditnotes", (XeroStore store) => XeroList(store, XeroEntity.CreditNote, "creditNote"));

        admin.MapGet("/alerts", (AlertStore store) => JsonResponse.Of(AdminJson.Array(store.All(), AdminJson.Alert)));

        admin.MapGet("/requests", (RequestCounters counters) =>
        {
            var json = new JsonObject();
            foreach (var system in SandboxSystems.All)
            {
                var (total, faulted) = counters.Get(system);
                json[SandboxSystems.Name(system)] = new JsonObject { ["total"] = total, ["faulted"] = faulted };
            }

            return JsonResponse.Of(json);
        });

        admin.MapGet("/faults", (FaultRegistry faults) =>
        {
            var json = new JsonObject();
            foreach (var system in SandboxSystems.All)
            {
                json[SandboxSystems.Name(system)] = AdminJson.Faults(faults.Get(system));
            }

            return JsonResponse.Of(json);
        });
        admin.MapGet("/faults/{system}", (string system, FaultRegistry faults) =>
            SandboxSystems.TryParse(system, out var s)
                ? JsonResponse.Of(AdminJson.Faults(faults.Get(s))!)
                : UnknownSystem(system));
        admin.MapPut("/faults/{system}", PutFaultsAsync);

        admin.MapPost("/reset", (HubSpotStore hubSpot, QuickBooksStore quickBooks, XeroStore xero, AlertStore alerts, RequestCounters counters, FaultRegistry faults, IdentityStore identity, BambooHrStore bambooHr,
            ShipBob.ShipBobStore shipBob, ShipStation.ShipStationStore shipStation, ShopifyStore shopify, HubSpotContactStore hubSpotContacts) =>
        {
            shipBob.Clear();
            shipStation.Clear();
            identity.Clear();
            bambooHr.Clear();
            hubSpot.Clear();
            hubSpotContacts.Clear();
            quickBooks.Clear();
            xero.Clear();
            shopify.Clear();
            alerts.Clear();
            counters.Reset();
            faults.Reset();
            return JsonResponse.Of(new JsonObject { ["status"] = "reset" });
        });

        IdentityAdminEndpoints.Map(admin);

        admin.MapFallback("{**path}", (string? path) =>
            Problems.NotFound("Unknown admin route", $"'/_sandbox/{path}' is not an admin route; see docs/sandbox.md."));
    }

    private static async Task<IResult> PutDealAsync(string id, HttpRequest request, HubSpotStore store)
    {
        var body = await JsonBody.ReadAsync(request);
        if (!body.IsValid)
        {
            return Problems.BadRequest("Invalid JSON", body.Error!);
        }

        if (!DealUpsertReader.TryRead(id, body.Node, out var upsert, out var error))
        {
            return Problems.BadRequest("Invalid deal", error);
        }

        return JsonResponse.Of(AdminJson.Deal(store.UpsertDeal(upsert)));
    }

    private static async Task<IResult> PutFaultsAsync(string system, HttpRequest request, FaultRegistry faults)
    {
        if (!SandboxSystems.TryParse(system, out var target))
        {
            return UnknownSystem(system);
        }

        var (settings, error) = await FaultSettingsReader.ReadAsync(request);
        if (settings is null)
        {
            return Problems.BadRequest("Invalid fault settings", error ?? "The body could not be read.");
        }

        var errors = settings.Validate();
        if (errors.Count > 0)
        {
            return Problems.BadRequest("Invalid fault settings", string.Join(" ", errors), errors);
        }

        faults.Set(target, settings);
        return JsonResponse.Of(AdminJson.Faults(settings)!);
    }

    private static IResult QboList(QuickBooksStore store, QboEntityType type, string? realmId, string key) =>
        JsonResponse.Of(AdminJson.Array(store.Snapshot(type, realmId), e => AdminJson.QboEntity(e.Entity, e.Body, key)));

    private static IResult XeroList(XeroStore store, XeroEntity entity, string key) =>
        JsonResponse.Of(AdminJson.Array(store.Snapshot(entity), e => AdminJson.XeroRecord(e.Record, e.Body, key)));

    /// <summary>Stores a Xero contact directly (no Idempotency-Key, no fault injection), e.g. one the product should find.</summary>
    private static async Task<IResult> SeedXeroContactAsync(HttpRequest request, XeroStore store, TimeProvider time)
    {
        var body = await JsonBody.ReadAsync(request);
        if (!body.IsValid || body.Node is not JsonObject input)
        {
            return Problems.BadRequest("Invalid JSON", body.Error ?? "The body must be a Xero contact object.");
        }

        lock (store.Gate)
        {
            var (contact, error) = XeroContactWrites.Seed(store, input, time.GetUtcNow());
            return contact is null
                ? Problems.BadRequest("Invalid contact", error!)
                : JsonResponse.Of(contact, StatusCodes.Status201Created);
        }
    }

    /// <summary>Records a payment against an AUTHORISED invoice: {"amount": n}, or an empty body for the whole amount due.</summary>
    private static async Task<IResult> PayXeroInvoiceAsync(string id, HttpRequest request, XeroStore store, TimeProvider time)
    {
        decimal? amount = null;
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            var body = await JsonBody.ReadAsync(request);
            if (!body.IsValid || body.Node is not JsonObject input)
            {
                return Problems.BadRequest("Invalid JSON", body.Error ?? "The body must be {\"amount\": n} or empty.");
            }

            if (input["amount"] is not null)
            {
                if (!JsonValues.TryDecimal(input["amount"], out var value))
                {
                    return Problems.BadRequest("Invalid payment", "'amount' must be a number.");
                }

                amount = value;
            }
        }

        lock (store.Gate)
        {
            var (invoice, error) = XeroDocumentWrites.RecordPayment(store, id, amount, time.GetUtcNow());
            return invoice is null ? Problems.BadRequest("Invalid payment", error!) : JsonResponse.Of(invoice);
        }
    }

    private static IResult UnknownSystem(string system) => Problems.NotFound(
        "Unknown system",
        $"'{system}' is not a sandbox system; use one of: {string.Join(", ", SandboxSystems.All.Select(SandboxSystems.Name))}.");
}
