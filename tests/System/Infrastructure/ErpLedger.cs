using System.Globalization;
using System.Text.Json.Nodes;

namespace Integration.Tests.System.Infrastructure;

/// <summary>An invoice or credit note in a sandbox ERP, in the terms the tests assert on.</summary>
public sealed record ErpDocument(string Id, string? Key, string CustomerId, decimal Total, bool Void, IReadOnlyList<string> ItemCodes);

/// <summary>An ERP customer as the tests see it.</summary>
public sealed record ErpCustomerView(string Id, string Name, string? Email);

/// <summary>
/// Reads the sandbox ERP the host is configured for (QuickBooks Online or Xero) through the /_sandbox
/// admin API, so one end-to-end test covers both ERPs.
/// </summary>
public sealed class ErpLedger(HttpClient sandbox, string system)
{
    public const string QuickBooks = "quickbooks";
    public const string Xero = "xero";

    public string System { get; } = system;

    /// <summary>Invoices whose idempotency key belongs to the deal (deal-{id}-invoice-r{n}), oldest first.</summary>
    public async Task<IReadOnlyList<ErpDocument>> InvoicesForDealAsync(string dealId) =>
        [.. (await DocumentsAsync(System == Xero ? "/_sandbox/xero/invoices" : "/_sandbox/quickbooks/invoices", "invoice"))
            .Where(d => d.Key?.StartsWith($"deal-{dealId}-invoice-", StringComparison.Ordinal) == true)];

    /// <summary>Credit notes raised for the deal's reversals (deal-{id}-reverse-r{n}).</summary>
    public async Task<IReadOnlyList<ErpDocument>> CreditNotesForDealAsync(string dealId) =>
        [.. (await DocumentsAsync(System == Xero ? "/_sandbox/xero/creditnotes" : "/_sandbox/quickbooks/creditmemos", System == Xero ? "creditNote" : "creditMemo"))
            .Where(d => d.Key?.StartsWith($"deal-{dealId}-reverse-", StringComparison.Ordinal) == true)];

    public async Task<IReadOnlyList<ErpCustomerView>> CustomersAsync()
    {
        JsonArray all = (JsonArray)JsonNode.Parse(await sandbox.GetStringAsync(System == Xero ? "/_sandbox/xero/contacts" : "/_sandbox/quickbooks/customers"))!;
        return [.. all.OfType<JsonObject>().Select(row => System == Xero
            ? new ErpCustomerView((string)row["contact"]!["ContactID"]!, (string)row["contact"]!["Name"]!, (string?)row["contact"]!["EmailAddress"])
            : new ErpCustomerView((string)row["customer"]!["Id"]!, (string)row["customer"]!["DisplayName"]!, (string?)row["customer"]!["PrimaryEmailAddr"]?["Address"]))];
    }

    private async Task<IReadOnlyList<ErpDocument>> DocumentsAsync(string path, string entity)
    {
        JsonArray all = (JsonArray)JsonNode.Parse(await sandbox.GetStringAsync(path))!;
        return [.. all.OfType<JsonObject>().Select(row => System == Xero ? FromXero(row, entity) : FromQuickBooks(row, entity))];
    }

    private static ErpDocument FromQuickBooks(JsonObject row, string entity)
    {
        JsonObject doc = (JsonObject)row[entity]!;
        decimal total = Decimal(doc["TotalAmt"]);
        bool isVoid = total == 0 && ((string?)doc["PrivateNote"])?.StartsWith("Voided", StringComparison.Ordinal) == true;
        IReadOnlyList<string> items = [.. ((JsonArray?)doc["Line"] ?? []).OfType<JsonObject>()
            .Select(l => (string?)l["SalesItemLineDetail"]?["ItemRef"]?["value"]).OfType<string>()];
        return new ErpDocument((string)doc["Id"]!, (string?)row["requestId"], (string)doc["CustomerRef"]!["value"]!, total, isVoid, items);
    }

    private static ErpDocument FromXero(JsonObject row, string entity)
    {
        JsonObject doc = (JsonObject)row[entity]!;
        string id = (string?)doc["InvoiceID"] ?? (string)doc["CreditNoteID"]!;
        IReadOnlyList<string> items = [.. ((JsonArray?)doc["LineItems"] ?? []).OfType<JsonObject>().Select(l => (string?)l["ItemCode"]).OfType<string>()];
        return new ErpDocument(id, (string?)row["idempotencyKey"], (string)doc["Contact"]!["ContactID"]!, Decimal(doc["Total"]), (string?)doc["Status"] == "VOIDED", items);
    }

    private static decimal Decimal(JsonNode? node) => node is null ? 0m : decimal.Parse(node.ToJsonString().Trim('"'), CultureInfo.InvariantCulture);
}
