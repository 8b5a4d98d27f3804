using System.Text.Json.Nodes;
using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.HubSpot;

/// Renders stored records in the HubSpot CRM v3 object shape (string properties, ISO timestamps).
internal static class HubSpotJson
{
    public static JsonObject Object(string id, IReadOnlyDictionary<string, string> properties, DateTimeOffset createdAt, DateTimeOffset updatedAt)
    {
        var props = new JsonObject();
        foreach (var (key, value) in properties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            props[key] = value;
        }

        return new JsonObject
        {
            ["id"] = id,
            ["properties"] = props,
            ["createdAt"] = Timestamps.HubSpot(createdAt),
            ["updatedAt"] = Timestamps.HubSpot(updatedAt),
            ["archived"] = false,
        };
    }

    public static JsonObject Record(HubSpotRecord record) =>
        Object(record.Id, record.Properties, record.CreatedAt, record.UpdatedAt);

    /// <summary>A deal with the requested associations; HubSpot names the line item key "line items" (with a space).</summary>
    public static JsonObject Deal(StoredDeal deal, bool withLineItems, bool withCompanies)
    {
        var json = Object(deal.Id, deal.Properties, deal.CreatedAt, deal.UpdatedAt);
        var associations = new JsonObject();
        if (withLineItems && deal.LineItemIds.Count > 0)
        {
            associations["line items"] = Association(deal.LineItemIds, "deal_to_line_item");
        }

        if (withCompanies && deal.CompanyId is not null)
        {
            associations["companies"] = Association([deal.CompanyId], "deal_to_company");
        }

        if (associations.Count > 0)
        {
            json["associations"] = associations;
        }

        return json;
    }

    private static JsonObject Association(IEnumerable<string> ids, string type)
    {
        var results = new JsonArray();
        foreach (var id in ids)
        {
            results.Add(new JsonObject { ["id"] = id, ["type"] = type });
        }

        return new JsonObject { ["results"] = results };
    }
}
