using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Integration.Sandbox.Admin;
using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.HubSpot;

/// <summary>
/// Maps the HubSpot routes the order workflows use to put a note on a customer's timeline: contact search by e-mail
/// (POST /hubspot/crm/v3/objects/contacts/search) and note creation with a note-to-contact association
/// (POST /hubspot/crm/v3/objects/notes); and their admin views under /_sandbox/hubspot.
/// </summary>
internal static class HubSpotContactEndpoints
{
    public const int SearchLimitMax = 200;
    public const int NoteToContactAssociation = 202;

    private static readonly string[] DefaultContactProperties = ["email", "firstname", "lastname"];
    private static readonly string[] AlwaysReturned = ["hs_object_id", "createdate", "lastmodifieddate"];

    public static void Map(IEndpointRouteBuilder app)
    {
        var objects = app.MapGroup("/hubspot/crm/v3/objects").AddEndpointFilter<HubSpotAuthFilter>();
        objects.MapPost("/contacts/search", SearchContactsAsync);
        objects.MapPost("/notes", CreateNoteAsync);

        var admin = app.MapGroup("/_sandbox/hubspot");
        admin.MapGet("/contacts", (HubSpotContactStore store) =>
            JsonResponse.Of(AdminJson.Array(store.Contacts(), AdminJson.Record)));
        admin.MapPost("/contacts", SeedContactAsync);
        admin.MapGet("/notes", (HubSpotContactStore store) => JsonResponse.Of(AdminJson.Array(store.Notes(), n => new JsonObject
        {
            ["id"] = n.Id,
            ["contactId"] = n.ContactIds.Count > 0 ? n.ContactIds[0] : null,
            ["contactIds"] = new JsonArray([.. n.ContactIds.Select(id => (JsonNode?)id)]),
            ["properties"] = HubSpotJson.Object(n.Id, n.Properties, n.CreatedAt, n.CreatedAt)["properties"]!.DeepClone(),
            ["createdAt"] = Timestamps.HubSpot(n.CreatedAt),
        })));
    }

    /// <summary>{"filterGroups":[{"filters":[{"propertyName","operator":"EQ","value"}]}],"properties":[..],"limit":n,"after":"n"}.</summary>
    private static async Task<IResult> SearchContactsAsync(HttpRequest request, HubSpotContactStore store)
    {
        var body = await JsonBody.ReadAsync(request);
        if (!body.IsValid)
        {
            return Invalid($"Invalid input JSON: {body.Error}");
        }

        if (body.Node is not JsonObject input)
        {
            return Invalid("Request body must be a search request object.");
        }

        var groups = new List<IReadOnlyList<(string, string)>>();
        if (input["filterGroups"] is { } groupsNode)
        {
            if (groupsNode is not JsonArray groupArray)
            {
                return Invalid("'filterGroups' must be an array.");
            }

            foreach (var groupNode in groupArray)
            {
                if (groupNode is not JsonObject group || group["filters"] is not JsonArray filters)
                {
                    return Invalid("Each filter group must be an object with a 'filters' array.");
                }

                var parsed = new List<(string, string)>();
                foreach (var filterNode in filters)
                {
                    var filter = filterNode as JsonObject;
                    var property = JsonValues.StringAt(filter, "propertyName");
                    var op = JsonValues.StringAt(filter, "operator");
                    var value = JsonValues.StringAt(filter, "value");
                    if (string.IsNullOrEmpty(property) || value is null)
                    {
                        return Invalid("Each filter needs a 'propertyName', an 'operator' and a 'value'.");
                    }

                    if (!string.Equals(op, "EQ", StringComparison.Ordinal))
                    {
                        return Invalid($"The sandbox supports the EQ operator only (got '{op}').");
                    }

                    parsed.Add((property, value));
                }

                groups.Add(parsed);
            }
        }

        var limit = 10;
        if (input["limit"] is { } limitNode && (limitNode is not JsonValue lv || lv.GetValueKind() != JsonValueKind.Number || !lv.TryGetValue(out limit) || limit is < 1 or > SearchLimitMax))
        {
            return Invalid($"'limit' must be a whole number from 1 to {SearchLimitMax}.");
        }

        var after = 0;
        if (JsonValues.StringAt(input, "after") is { } afterText && (!int.TryParse(afterText, NumberStyles.None, CultureInfo.InvariantCulture, out after)))
        {
            return Invalid("'after' must be the paging cursor of a previous answer.");
        }

        var requested = DefaultContactProperties;
        if (input["properties"] is JsonArray propertiesNode)
        {
            requested = [.. propertiesNode.Select(p => JsonValues.AsText(p)).OfType<string>()];
        }

        var matches = store.Search(groups);
        var page = matches.Skip(after).Take(limit).ToList();
        var results = new JsonArray();
        foreach (var contact in page)
        {
            var properties = contact.Properties
                .Where(p => requested.Contains(p.Key, StringComparer.Ordinal) || AlwaysReturned.Contains(p.Key, StringComparer.Ordinal))
                .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            results.Add(HubSpotJson.Object(contact.Id, properties, contact.CreatedAt, contact.UpdatedAt));
        }

        var answer = new JsonObject { ["total"] = matches.Count, ["results"] = results };
        if (after + page.Count < matches.Count)
        {
            answer["paging"] = new JsonObject
            {
                ["next"] = new JsonObject { ["after"] = (after + page.Count).ToString(CultureInfo.InvariantCulture) },
            };
        }

        return JsonResponse.Of(answer);
    }

    /// <summary>
    /// {"properties":{"hs_timestamp","hs_note_body"},"associations":[{"to":{"id"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":202}]}]}
    /// → 201 the note; hs_timestamp is required, as HubSpot requires it.
    /// </summary>
    private static async Task<IResult> CreateNoteAsync(HttpRequest request, HubSpotContactStore store)
    {
        var body = await JsonBody.ReadAsync(request);
        if (!body.IsValid)
        {
            return Invalid($"Invalid input JSON: {body.Error}");
        }

        if (body.Node is not JsonObject input || input["properties"] is not JsonObject propertiesNode)
        {
            return Invalid("Request body must be an object with a 'properties' object.");
        }

        if (!HubSpotProperties.TryRead(propertiesNode, out var properties, out var error))
        {
            return Invalid(error);
        }

        if (!properties.TryGetValue("hs_timestamp", out var timestamp) || !IsTimestamp(timestamp))
        {
            return Invalid("Property 'hs_timestamp' is required: an ISO-8601 time or milliseconds since the epoch.");
        }

        var contactIds = new List<string>();
        if (input["associations"] is { } associationsNode)
        {
            if (associationsNode is not JsonArray associations)
            {
                return Invalid("'associations' must be an array.");
            }

            foreach (var associationNode in associations)
            {
                var association = associationNode as JsonObject;
                var to = JsonValues.StringAt(association?["to"] as JsonObject, "id");
                if (string.IsNullOrEmpty(to) || association?["types"] is not JsonArray types || types.Count == 0)
                {
                    return Invalid("Each association needs 'to': {\"id\"} and a non-empty 'types' array.");
                }

                foreach (var typeNode in types)
                {
                    var type = typeNode as JsonObject;
                    var category = JsonValues.StringAt(type, "associationCategory");
                    var typeId = JsonValues.StringAt(type, "associationTypeId");
                    if (category != "HUBSPOT_DEFINED" || typeId != NoteToContactAssociation.ToString(CultureInfo.InvariantCulture))
                    {
                        return Invalid($"The sandbox supports the HUBSPOT_DEFINED association type {NoteToContactAssociation} (note to contact) only (got {category}/{typeId}).");
                    }
                }

                contactIds.Add(to);
            }
        }

        var note = store.CreateNote(properties, contactIds, out var missing);
        return note is null
            ? JsonResponse.Of(HubSpotErrors.Body($"Could not create note: contact {missing} does not exist.", "OBJECT_NOT_FOUND"), StatusCodes.Status404NotFound)
            : JsonResponse.Of(HubSpotJson.Object(note.Id, note.Properties, note.CreatedAt, note.CreatedAt), StatusCodes.Status201Created);
    }

    /// <summary>Admin seed: {"properties":{"email",..}} creates a contact, or updates the one with that e-mail.</summary>
    private static async Task<IResult> SeedContactAsync(HttpRequest request, HubSpotContactStore store)
    {
        var body = await JsonBody.ReadAsync(request);
        if (!body.IsValid)
        {
            return Problems.BadRequest("Invalid JSON", body.Error!);
        }

        if (body.Node is not JsonObject input || input["properties"] is not JsonObject propertiesNode)
        {
            return Problems.BadRequest("Invalid contact", "The body must be {\"properties\":{\"email\":\"..\",\"firstname\":\"..\",\"lastname\":\"..\"}}.");
        }

        if (!HubSpotProperties.TryRead(propertiesNode, out var properties, out var error))
        {
            return Problems.BadRequest("Invalid contact", error);
        }

        if (!properties.TryGetValue("email", out var email) || !email.Contains('@'))
        {
            return Problems.BadRequest("Invalid contact", "'properties.email' must be an e-mail address.");
        }

        var (contact, created) = store.UpsertContact(email, properties);
        return JsonResponse.Of(AdminJson.Record(contact), created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    private static bool IsTimestamp(string value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _)
        || long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _);

    private static IResult Invalid(string message) =>
        JsonResponse.Of(HubSpotErrors.Validation(message), StatusCodes.Status400BadRequest);
}
