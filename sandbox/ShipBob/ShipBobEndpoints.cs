using System.Globalization;
using System.Text.Json.Nodes;
using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.ShipBob;

/// <summary>Maps the emulated ShipBob dated API (orders, cancel, inventory levels) under /shipbob/{version}.</summary>
internal static class ShipBobEndpoints
{
    /// <summary>The dated versions served; the older 1.0/2.0 paths are deprecated and not emulated.</summary>
    public static readonly IReadOnlySet<string> Versions = new HashSet<string>(StringComparer.Ordinal) { "2025-07", "2026-01", "2026-07" };

    private const int MaxPageSize = 250;

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/shipbob/{version}").AddEndpointFilter<ShipBobAuthFilter>();
        api.MapPost("/order", CreateAsync);
        api.MapGet("/order", List);
        api.MapGet("/order/{id:long}", (long id, ShipBobStore store) =>
            store.Order(id) is { } order ? JsonResponse.Of(order) : NotFound(id));
        api.MapGet("/order/{id:long}/shipment", (long id, ShipBobStore store) =>
            store.Shipments(id) is { } shipments ? JsonResponse.Of(shipments) : NotFound(id));
        api.MapPost("/order/{idAndAction}", (string idAndAction, ShipBobStore store, TimeProvider time) =>
        {
            // The dated API's custom method "/order/{id}:cancel".
            const string suffix = ":cancel";
            if (!idAndAction.EndsWith(suffix, StringComparison.Ordinal)
                || !long.TryParse(idAndAction[..^suffix.Length], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return JsonResponse.Of(ShipBobErrors.Problem(404, "Not Found", $"'/order/{idAndAction}' is not a ShipBob route."), StatusCodes.Status404NotFound);
            }

            return store.Cancel(id, time.GetUtcNow()) is { } answer ? answer.ToResult() : NotFound(id);
        });
        api.MapGet("/inventory-level", InventoryLevels);
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, ShipBobStore store, TimeProvider time)
    {
        var body = await JsonBody.ReadAsync(request);
        if (!body.IsValid)
        {
            return JsonResponse.Of(ShipBobErrors.Field(string.Empty, $"The body is not valid JSON: {body.Error}"), StatusCodes.Status400BadRequest);
        }

        return store.Create(ShipBobAuthFilter.ChannelId(request)!.Value, body.Node, time.GetUtcNow()).ToResult();
    }

    private static IResult List(HttpRequest request, ShipBobStore store)
    {
        if (!TryPaging(request, "Page", "Limit", 50, out var page, out var limit, out var error))
        {
            return error!;
        }

        var references = request.Query["ReferenceIds"]
            .SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToHashSet(StringComparer.Ordinal);
        var (items, total) = store.List(request.Query.ContainsKey("ReferenceIds") ? references : null, page, limit);
        request.HttpContext.Response.Headers["total-count"] = total.ToString(CultureInfo.InvariantCulture);
        request.HttpContext.Response.Headers["page-number"] = page.ToString(CultureInfo.InvariantCulture);
        return JsonResponse.Of(items);
    }

    private static IResult InventoryLevels(HttpRequest request, ShipBobStore store)
    {
        if (!TryPaging(request, "Page", "PageSize", 50, out var page, out var size, out var error))
        {
            return error!;
        }

        var search = request.Query["SearchBy"].FirstOrDefault();
        var levels = store.InventoryLevels(string.IsNullOrWhiteSpace(search) ? null : search);
        var last = Math.Max(1, (levels.Count + size - 1) / size);
        string Link(int p) => $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}?Page={p}&PageSize={size}"
            + (string.IsNullOrWhiteSpace(search) ? string.Empty : "&SearchBy=" + Uri.EscapeDataString(search));
        return JsonResponse.Of(new JsonObject
        {
            ["first"] = Link(1),
            ["prev"] = page > 1 ? Link(page - 1) : null,
            ["next"] = page < last ? Link(page + 1) : null,
            ["last"] = Link(last),
            ["items"] = new JsonArray([.. levels.Skip((page - 1) * size).Take(size).Select(l => (JsonNode?)l)]),
        });
    }

    private static bool TryPaging(HttpRequest request, string pageName, string sizeName, int defaultSize, out int page, out int size, out IResult? error)
    {
        page = 1;
        size = defaultSize;
        error = null;
        var pageText = request.Query[pageName].FirstOrDefault();
        var sizeText = request.Query[sizeName].FirstOrDefault();
        if (pageText is not null && (!int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1))
        {
            error = JsonResponse.Of(ShipBobErrors.Field(pageName, $"{pageName} must be a whole number of at least 1."), StatusCodes.Status400BadRequest);
            return false;
        }

        if (sizeText is not null && (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size < 1 || size > MaxPageSize))
        {
            error = JsonResponse.Of(ShipBobErrors.Field(sizeName, $"{sizeName} must be between 1 and {MaxPageSize}."), StatusCodes.Status400BadRequest);
            return false;
        }

        return true;
    }

    private static IResult NotFound(long id) =>
        JsonResponse.Of(ShipBobErrors.Problem(404, "Not Found", $"Order {id} was not found."), StatusCodes.Status404NotFound);
}
