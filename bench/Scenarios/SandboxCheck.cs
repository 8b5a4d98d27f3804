using System.Text.Json.Nodes;
using Integration.Orchestrations.DealToInvoice;

namespace Integration.Bench.Scenarios;

/// <summary>Cross-checks the end-to-end run against the sandbox's admin API: one invoice per deal, and each deal patched with its invoice id.</summary>
public static class SandboxCheck
{
    public static async Task<SandboxCheckResult> VerifyAsync(HttpClient http, Uri sandbox, IReadOnlyCollection<string> dealIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var invoices = await GetArrayAsync(http, new Uri(sandbox, "/_sandbox/quickbooks/invoices"), cancellationToken).ConfigureAwait(false);
        var deals = await GetArrayAsync(http, new Uri(sandbox, "/_sandbox/hubspot/deals"), cancellationToken).ConfigureAwait(false);

        // requestid (the workflow's idempotency key) -> invoice ids created under it.
        var byKey = invoices
            .Select(i => (Key: (string?)i?["requestId"], Id: (string?)i?["invoice"]?["Id"]))
            .Where(i => i.Key is not null)
            .GroupBy(i => i.Key!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(i => i.Id).ToList(), StringComparer.Ordinal);
        var patched = deals.ToDictionary(
            d => (string)d!["id"]!,
            d => (string?)d!["properties"]?[DealToInvoiceOrchestrator.InvoiceIdProperty],
            StringComparer.Ordinal);

        int one = 0, duplicates = 0, patchedRight = 0;
        foreach (var dealId in dealIds)
        {
            var created = byKey.GetValueOrDefault(DealToInvoiceOrchestrator.InvoiceIdempotencyKey(dealId, 1)) ?? [];
            one += created.Count == 1 ? 1 : 0;
            duplicates += created.Count > 1 ? 1 : 0;
            patchedRight += created.Count == 1 && patched.GetValueOrDefault(dealId) is { } id && id == created[0] ? 1 : 0;
        }

        return new SandboxCheckResult(dealIds.Count, invoices.Count, one, duplicates, patchedRight);
    }

    private static async Task<JsonArray> GetArrayAsync(HttpClient http, Uri uri, CancellationToken cancellationToken)
    {
        var text = await http.GetStringAsync(uri, cancellationToken).ConfigureAwait(false);
        return JsonNode.Parse(text) as JsonArray ?? throw new InvalidOperationException($"GET {uri} did not return a JSON array.");
    }
}
