using System.Text.Json.Nodes;
using Integration.Sandbox.HubSpot;
using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.Admin;

/// Reads the admin deal body {"properties":{..},"company":{"id","properties"},"lineItems":[{"id","properties"}]}.
internal static class DealUpsertReader
{
    public static bool TryRead(string dealId, JsonNode? node, out DealUpsert upsert, out string error)
    {
        upsert = new DealUpsert(dealId, new Dictionary<string, string>(), null, []);
        if (node is not JsonObject body)
        {
            error = "The body must be a JSON object.";
            return false;
        }

        if (!TryProperties(body["properties"], "properties", out var properties, out error))
        {
            return false;
        }

        DealUpsertRecord? company = null;
        if (body["company"] is not null && !TryRecord(body["company"], "company", out company, out error))
        {
            return false;
        }

        var lineItems = new List<DealUpsertRecord>();
        if (body["lineItems"] is { } linesNode)
        {
            if (linesNode is not JsonArray lines)
            {
                error = "'lineItems' must be an array.";
                return false;
            }

            for (var i = 0; i < lines.Count; i++)
            {
                if (!TryRecord(lines[i], $"lineItems[{i}]", out var line, out error))
                {
                    return false;
                }

                lineItems.Add(line!);
            }
        }

        upsert = new DealUpsert(dealId, properties, company, lineItems);
        error = string.Empty;
        return true;
    }

    private static bool TryRecord(JsonNode? node, string path, out DealUpsertRecord? record, out string error)
    {
        record = null;
        if (node is not JsonObject obj)
        {
            error = $"'{path}' must be an object with 'id' and 'properties'.";
            return false;
        }

        var id = JsonValues.StringAt(obj, "id");
        if (string.IsNullOrWhiteSpace(id))
        {
            error = $"'{path}.id' is required.";
            return false;
        }

        if (!TryProperties(obj["properties"], $"{path}.properties", out var properties, out error))
        {
            return false;
        }

        record = new DealUpsertRecord(id, properties);
        return true;
    }

    private static bool TryProperties(JsonNode? node, string path, out Dictionary<string, string> properties, out string error)
    {
        properties = new Dictionary<string, string>(StringComparer.Ordinal);
        error = string.Empty;
        if (node is null)
        {
            return true;
        }

        if (node is not JsonObject obj)
        {
            error = $"'{path}' must be an object.";
            return false;
        }

        if (!HubSpotProperties.TryRead(obj, out properties, out var inner))
        {
            error = $"'{path}': {inner}";
            return false;
        }

        return true;
    }
}
