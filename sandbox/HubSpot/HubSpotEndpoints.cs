using System.Text.Json.Nodes;
using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.HubSpot;

/// Maps the emulated HubSpot CRM v3 object routes under /hubspot.
internal static class HubSpotEndpoints
{
    public const int BatchReadLimit = 100;

    public static void Map(IEndpointRouteBuilder app)
    {
        var objects = app.MapGroup("/hubspot/crm/v3/objects").AddEndpointFilter<HubSpotAuthFilter>();
        objects.MapGet("/deals/{dealId}", GetDeal);
        objects.MapPatch("/deals/{dealId}", PatchDealAsync);
        objects.MapGet("/companies/{companyId}", GetCompany);
        objects.MapGet("/line_items/{lineItemId}", GetLineItem);
        objects.MapPost("/line_items/batch/read", BatchReadLineItemsAsync);
    }

    private static IResult GetDeal(string dealId, HttpRequest request, HubSpotStore store)
    {
        var deal = store.FindDeal(dealId);
        if (deal is null)
        {
            return NotFound();
        }

        var requested = request.Query["associations"]
            .SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Select(a => a.ToLowerInvariant())
            .ToHashSet();
        var lineItems = requested.Overlaps(["line_items", "line_item", "lineitems", "line items"]);
        var companies = requested.Overlaps(["companies", "company"]);
        return JsonResponse.Of(HubSpotJson.Deal(deal, lineItems, companies));
    }

    private static async Task<IResult> PatchDealAsync(string dealId, HttpRequest request, HubSpotStore store)
    {
        var body = await JsonBody.ReadAsync(request);
        if (!body.IsValid)
        {
            return Invalid($"Invalid input JSON: {body.Error}");
        }

        if (body.Node is not JsonObject obj || obj["properties"] is not JsonObject properties)
        {
            return Invalid("Request body must be an object with a 'properties' object.");
        }

        if (!HubSpotProperties.TryRead(properties, out var changes, out var error))
        {
            return Invalid(error);
        }

        var deal = store.PatchDeal(dealId, changes);
        return deal is null ? NotFound() : JsonResponse.Of(HubSpotJson.Deal(deal, false, false));
    }

    private static IResult GetCompany(string companyId, HubSpotStore store)
    {
        var company = store.FindCompany(companyId);
        return company is null ? NotFound() : JsonResponse.Of(HubSpotJson.Record(company));
    }

    private static IResult GetLineItem(string lineItemId, HubSpotStore store)
    {
        var line = store.FindLineItem(lineItemId);
        return line is null ? NotFound() : JsonResponse.Of(HubSpotJson.Record(line));
    }

    private static async Task<IResult> BatchReadLineItemsAsync(HttpRequest request, HubSpotStore store, TimeProvider time)
    {
        var startedAt = time.GetUtcNow();
        var body = await JsonBody.ReadAsync(request);
        if (!body.IsValid)
        {
            return Invalid($"Invalid input JSON: {body.Error}");
        }

        if (body.Node is not JsonObject obj || obj["inputs"] is not JsonArray inputs)
        {
            return Invalid("Request body must be an object with an 'inputs' array.");
        }

        if (inputs.Count > BatchReadLimit)
        {
            return Invalid($"Batch input must contain at most {BatchReadLimit} inputs (got {inputs.Count}).");
        }

        var ids = new List<string>(inputs.Count);
        foreach (var input in inputs)
        {
            var id = JsonValues.StringAt(input as JsonObject, "id");
            if (string.IsNullOrEmpty(id))
            {
                return Invalid("Every input must be an object with an 'id'.");
            }

            ids.Add(id);
        }

        var results = new JsonArray();
        var missing = new JsonArray();
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
        {
            if (store.FindLineItem(id) is { } line)
            {
                results.Add(HubSpotJson.Record(line));
            }
            else
            {
                missing.Add(id);
            }
        }

        var response = new JsonObject
        {
            ["status"] = "COMPLETE",
            ["results"] = results,
            ["startedAt"] = Timestamps.HubSpot(startedAt),
            ["completedAt"] = Timestamps.HubSpot(time.GetUtcNow()),
        };
        if (missing.Count == 0)
        {
            return JsonResponse.Of(response);
        }

        // HubSpot answers 207 Multi-Status when some ids do not exist.
        response["numErrors"] = 1;
        response["errors"] = new JsonArray(new JsonObject
        {
            ["status"] = "error",
            ["category"] = "OBJECT_NOT_FOUND",
            ["message"] = "Could not get some LINE_ITEM objects, they may be deleted or not exist. Check that ids are valid.",
            ["context"] = new JsonObject { ["ids"] = missing },
        });
        return JsonResponse.Of(response, StatusCodes.Status207MultiStatus);
    }

    private static IResult NotFound() => JsonResponse.Of(HubSpotErrors.ObjectNotFound(), StatusCodes.Status404NotFound);

    private static IResult Invalid(string message) =>
        JsonResponse.Of(HubSpotErrors.Validation(message), StatusCodes.Status400BadRequest);
}
