using System.Text.Json.Nodes;
using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.QuickBooks;

/// The queryable fields of each entity and how to read them from the stored JSON.
internal static class QboQueryFields
{
    private static readonly Dictionary<string, Func<JsonObject, string?>> CustomerFields =
        new(StringComparer.OrdinalIgnoreCase)
        {
            ["Id"] = e => JsonValues.StringAt(e, "Id"),
            ["DisplayName"] = e => JsonValues.StringAt(e, "DisplayName"),
            ["CompanyName"] = e => JsonValues.StringAt(e, "CompanyName"),
            ["PrimaryEmailAddr"] = e => JsonValues.StringAt(e["PrimaryEmailAddr"] as JsonObject, "Address"),
            ["Active"] = e => JsonValues.StringAt(e, "Active"),
        };

    private static readonly Dictionary<string, Func<JsonObject, string?>> TransactionFields =
        new(StringComparer.OrdinalIgnoreCase)
        {
            ["Id"] = e => JsonValues.StringAt(e, "Id"),
            ["DocNumber"] = e => JsonValues.StringAt(e, "DocNumber"),
            ["CustomerRef"] = e => JsonValues.StringAt(e["CustomerRef"] as JsonObject, "value"),
            ["TxnDate"] = e => JsonValues.StringAt(e, "TxnDate"),
        };

    public static bool TryGet(QboEntityType entity, string field, out Func<JsonObject, string?> accessor) =>
        (entity == QboEntityType.Customer ? CustomerFields : TransactionFields).TryGetValue(field, out accessor!);
}
