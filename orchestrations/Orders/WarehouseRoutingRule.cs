namespace Integration.Orchestrations.Orders;

/// <summary>
/// Which warehouses an order may ship from, most preferred first. The table is the setting <c>Orders:Routing</c>:
/// keys <c>{COUNTRY}-{REGION}</c> (ISO 3166 country and the shipping address's province code, e.g. <c>US-CA</c>),
/// <c>{COUNTRY}</c> (<c>US</c>) and <c>default</c>, each a list of warehouse names. The most specific key present
/// decides (country-region, then country, then default), keys ignoring case; its list is the order the stock
/// reservation tries, and a warehouse lacking any line's stock is skipped for the next one. Pure, so a unit test
/// reads it like the routing table.
/// </summary>
public static class WarehouseRoutingRule
{
    public const string DefaultKey = "default";

    /// <summary>The candidates (distinct, lower case, in the configured order) and the key that chose them; empty with a null key when nothing matches.</summary>
    public static (IReadOnlyList<string> Warehouses, string? MatchedKey) Candidates(
        IReadOnlyDictionary<string, IReadOnlyList<string>> table, string? countryCode, string? provinceCode)
    {
        ArgumentNullException.ThrowIfNull(table);
        string? country = Clean(countryCode);
        string? region = Clean(provinceCode);
        List<string> keys = [];
        if (country is not null && region is not null)
        {
            keys.Add($"{country}-{region}");

            // Azure app setting names take no '-', so "US_CA" is the same key.
            keys.Add($"{country}_{region}");
        }

        if (country is not null)
        {
            keys.Add(country);
        }

        keys.Add(DefaultKey);
        foreach (string key in keys)
        {
            foreach (KeyValuePair<string, IReadOnlyList<string>> entry in table)
            {
                if (!string.Equals(entry.Key, key, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                string[] warehouses = entry.Value
                    .Where(w => !string.IsNullOrWhiteSpace(w))
                    .Select(w => w.Trim().ToLowerInvariant())
                    .Distinct(StringComparer.Ordinal)
                    .ToArray();
                if (warehouses.Length > 0)
                {
                    return (warehouses, entry.Key);
                }
            }
        }

        return ([], null);
    }

    private static string? Clean(string? code) => string.IsNullOrWhiteSpace(code) ? null : code.Trim().ToUpperInvariant();
}
