using System.Text.Json.Nodes;
using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.BambooHr;

/// Maps the emulated BambooHR employee API under /bamboohr/api/v1.
internal static class BambooHrEndpoints
{
    /// <summary>What BambooHR answers when a request names no fields.</summary>
    private static readonly string[] DefaultFields = ["firstName", "lastName"];

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/bamboohr/api/v1").AddEndpointFilter<BambooHrAuthFilter>();
        api.MapGet("/employees/{id}", GetEmployee);
    }

    /// <summary>{"id", each requested field: its value, or "" when the record has none}; onlyCurrent is accepted and ignored (no history is kept).</summary>
    private static IResult GetEmployee(string id, HttpContext context, BambooHrStore store)
    {
        var employee = store.Find(id);
        if (employee is null)
        {
            return BambooHrErrors.Result(context, StatusCodes.Status404NotFound, $"Employee {id} not found.");
        }

        var requested = context.Request.Query["fields"]
            .SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var json = new JsonObject { ["id"] = employee.Id };
        IEnumerable<string> fields = requested.Count == 0 ? DefaultFields : requested;
        foreach (var field in fields)
        {
            if (field != "id")
            {
                json[field] = employee.Fields.GetValueOrDefault(field, string.Empty);
            }
        }

        return JsonResponse.Of(json);
    }
}
