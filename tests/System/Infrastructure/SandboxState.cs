using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Integration.Tests.System.Infrastructure;

/// <summary>Reads and steers the sandbox systems through their /_sandbox admin API, as an operator or test would.</summary>
public sealed class SandboxState(HttpClient http)
{
    public async Task<IReadOnlyList<JsonObject>> InvoicesForDealAsync(string dealId)
    {
        JsonArray all = await GetArrayAsync("/_sandbox/quickbooks/invoices");
        return all.OfType<JsonObject>()
            .Where(i => ((string?)i["requestId"])?.StartsWith($"deal-{dealId}-invoice-", StringComparison.Ordinal) == true)
            .ToList();
    }

    /// <summary>Stores a closed-won deal with one line item and no company: a deal only a person can match to a customer.</summary>
    public async Task SeedDealWithoutCompanyAsync(string dealId)
    {
        using HttpResponseMessage response = await http.PutAsJsonAsync($"/_sandbox/hubspot/deals/{dealId}", new
        {
            properties = new { dealname = "No company", amount = "10.00", dealstage = "closedwon" },
            lineItems = new[] { new { id = dealId + "01", properties = new { name = "Consulting", hs_sku = "SKU-CONSULT", quantity = "1", price = "10.00" } } },
        });
        response.EnsureSuccessStatusCode();
    }

    public Task<JsonArray> AlertsAsync() => GetArrayAsync("/_sandbox/alerts");

    public async Task<JsonObject> RequestCountersAsync() =>
        (JsonObject)JsonNode.Parse(await http.GetStringAsync("/_sandbox/requests"))!;

    public async Task SetFaultsAsync(string system, object settings)
    {
        using HttpResponseMessage response = await http.PutAsJsonAsync($"/_sandbox/faults/{system}", settings);
        response.EnsureSuccessStatusCode();
    }

    public Task ClearFaultsAsync(string system) => SetFaultsAsync(system, new { });

    public async Task<JsonArray> GetArrayAsync(string path) =>
        (JsonArray)JsonNode.Parse(await http.GetStringAsync(path), documentOptions: new JsonDocumentOptions())!;
}
