using System.Text.Json.Nodes;
using Azure.Data.Tables;

namespace Integration.Bench.Scenarios;

/// <summary>
/// The work the product does per workflow beyond the bare engine's: vendor API calls (the sandbox's
/// request counters) and the rows its API-call log writes to storage. Evidence for where (b) spends time.
/// </summary>
/// <param name="VendorCalls">Sandbox requests per system during the run ("hubspot" -> n).</param>
/// <param name="ApiLogRows">Rows in the product's ApiCallLog table after the run.</param>
public sealed record ProductIo(IReadOnlyDictionary<string, long> VendorCalls, long ApiLogRows)
{
    /// <summary>Sandbox request totals per system now.</summary>
    public static async Task<Dictionary<string, long>> VendorTotalsAsync(HttpClient http, Uri sandbox, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var json = JsonNode.Parse(await http.GetStringAsync(new Uri(sandbox, "/_sandbox/requests"), cancellationToken).ConfigureAwait(false)) as JsonObject
            ?? throw new InvalidOperationException("GET /_sandbox/requests did not return a JSON object.");
        return json.ToDictionary(p => p.Key, p => (long?)p.Value?["total"] ?? 0, StringComparer.Ordinal);
    }

    public static async Task<ProductIo> MeasureAsync(
        HttpClient http, Uri sandbox, string storage, string apiCallLogTable, IReadOnlyDictionary<string, long> vendorBefore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vendorBefore);
        var after = await VendorTotalsAsync(http, sandbox, cancellationToken).ConfigureAwait(false);
        var calls = after.ToDictionary(p => p.Key, p => p.Value - vendorBefore.GetValueOrDefault(p.Key), StringComparer.Ordinal);

        var rows = 0L;
        var table = new TableClient(storage, apiCallLogTable);
        await foreach (var _ in table.QueryAsync<TableEntity>(select: ["PartitionKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows++;
        }

        return new ProductIo(calls, rows);
    }
}
