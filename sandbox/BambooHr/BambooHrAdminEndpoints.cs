using System.Text.Json;
using System.Text.Json.Nodes;
using Integration.Sandbox.Admin;
using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.BambooHr;

/// Maps the /_sandbox/bamboohr routes that seed and show the emulated HR records (tests, SendEvent, the benchmark).
internal static class BambooHrAdminEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/_sandbox/bamboohr");
        admin.MapGet("/employees", (BambooHrStore store) =>
            JsonResponse.Of(new JsonArray([.. store.All().OrderBy(e => e.Id, StringComparer.Ordinal).Select(e => (JsonNode?)Json(e))])));
        admin.MapGet("/employees/{id}", (string id, BambooHrStore store) =>
            store.Find(id) is { } employee
                ? JsonResponse.Of(Json(employee))
                : Problems.NotFound("Employee not found", $"No BambooHR employee with id '{id}' is stored."));
        admin.MapPut("/employees/{id}", PutEmployeeAsync);
    }

    /// <summary>Body: {"field": "value", ...}; creates the employee or merges the fields (null clears one to "").</summary>
    private static async Task<IResult> PutEmployeeAsync(string id, HttpRequest request, BambooHrStore store)
    {
        var body = await JsonBody.ReadAsync(request);
        if (!body.IsValid || body.Node is not JsonObject input)
        {
            return Problems.BadRequest("Invalid JSON", body.Error ?? "The body must be a JSON object of field name to string value.");
        }

        var changes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in input)
        {
            if (value is null)
            {
                changes[name] = string.Empty;
            }
            else if (value.GetValueKind() == JsonValueKind.String)
            {
                changes[name] = value.GetValue<string>();
            }
            else
            {
                return Problems.BadRequest("Invalid employee", $"Field '{name}' must be a string (BambooHR values are strings) or null.");
            }
        }

        return JsonResponse.Of(Json(store.Upsert(id, changes)));
    }

    private static JsonObject Json(BambooHrEmployee employee)
    {
        var json = new JsonObject { ["id"] = employee.Id };
        foreach (var (name, value) in employee.Fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (name != "id")
            {
                json[name] = value;
            }
        }

        return json;
    }
}
