using System.Text.Json;
using System.Text.Json.Nodes;
using Integration.Sandbox.Alerts;
using Integration.Sandbox.Faults;
using Integration.Sandbox.HubSpot;
using Integration.Sandbox.Infrastructure;
using Integration.Sandbox.QuickBooks;
using Integration.Sandbox.Xero;

namespace Integration.Sandbox.Admin;

/// The camelCase shapes the admin API uses to expose sandbox state.
internal static class AdminJson
{
    public static JsonObject Deal(StoredDeal deal) => new()
    {
        ["id"] = deal.Id,
        ["properties"] = Properties(deal.Properties),
        ["lineItemIds"] = new JsonArray([.. deal.LineItemIds.Select(id => (JsonNode?)id)]),
        ["companyId"] = deal.CompanyId,
        ["createdAt"] = Timestamps.HubSpot(deal.CreatedAt),
        ["updatedAt"] = Timestamps.HubSpot(deal.UpdatedAt),
    };

    public static JsonObject Record(HubSpotRecord record) => new()
    {
        ["id"] = record.Id,
        ["properties"] = Properties(record.Properties),
        ["createdAt"] = Timestamps.HubSpot(record.CreatedAt),
        ["updatedAt"] = Timestamps.HubSpot(record.UpdatedAt),
    };

    /// <summary>{"realmId","requestId","createdAt","&lt;entity&gt;":{ QuickBooks JSON }}.</summary>
    public static JsonObject QboEntity(QboEntity entity, JsonObject body, string entityKey) => new()
    {
        ["realmId"] = entity.RealmId,
        ["requestId"] = entity.RequestId,
        ["createdAt"] = Timestamps.QuickBooks(entity.CreatedAt),
        [entityKey] = body,
    };

    /// <summary>{"idempotencyKey","reference","createdAt","&lt;entity&gt;":{ Xero JSON }}; reference only for invoices and credit notes.</summary>
    public static JsonObject XeroRecord(XeroRecord record, JsonObject body, string entityKey)
    {
        var json = new JsonObject { ["idempotencyKey"] = record.IdempotencyKey };
        if (entityKey != "contact")
        {
            json["reference"] = JsonValues.StringAt(body, "Reference");
        }

        json["createdAt"] = Timestamps.HubSpot(record.CreatedAt);
        json[entityKey] = body;
        return json;
    }

    public static JsonObject Alert(ReceivedAlert alert) => new()
    {
        ["id"] = alert.Id,
        ["receivedAt"] = Timestamps.HubSpot(alert.ReceivedAt),
        ["format"] = alert.Format,
        ["body"] = JsonNode.Parse(alert.BodyJson),
    };

    public static JsonNode? Faults(FaultSettings settings) =>
        JsonSerializer.SerializeToNode(settings, FaultSettingsReader.Options);

    public static JsonArray Array<T>(IEnumerable<T> items, Func<T, JsonNode> map) => new([.. items.Select(i => (JsonNode?)map(i))]);

    private static JsonObject Properties(IReadOnlyDictionary<string, string> properties)
    {
        var json = new JsonObject();
        foreach (var (key, value) in properties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            json[key] = value;
        }

        return json;
    }
}
