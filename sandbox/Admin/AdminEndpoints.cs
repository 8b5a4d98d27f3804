using System.Text.Json.Nodes;
using Integration.Sandbox.Alerts;
using Integration.Sandbox.Faults;
using Integration.Sandbox.HubSpot;
using Integration.Sandbox.Infrastructure;
using Integration.Sandbox.QuickBooks;

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

        admin.MapPost("/reset", (HubSpotStore hubSpot, QuickBooksStore quickBooks, AlertStore alerts, RequestCounters counters, FaultRegistry faults) =>
        {
            hubSpot.Clear();
            quickBooks.Clear();
            alerts.Clear();
            counters.Reset();
            faults.Reset();
            return JsonResponse.Of(new JsonObject { ["status"] = "reset" });
        });

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

    private static IResult UnknownSystem(string system) => Problems.NotFound(
        "Unknown system",
        $"'{system}' is not a sandbox system; use one of: {string.Join(", ", SandboxSystems.All.Select(SandboxSystems.Name))}.");
}
