using System.Globalization;

namespace Integration.Sandbox.HubSpot;

/// Derives a deal, its company and 1-3 line items purely from a numeric deal id, so benchmarks need no seeding.
internal static class DealGenerator
{
    public const int CompanyCount = 40;

    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly (string Sku, string Name, string ProductId, string TaxCode, int MinCents, int MaxCents)[] Catalog =
    [
        ("SKU-CONSULT", "Consulting services", "9001", "NON", 5_000, 200_000),
        ("SKU-LICENSE", "Software license", "9002", "TAX", 1_000, 90_000),
        ("SKU-SUPPORT", "Support plan", "9003", "NON", 2_500, 50_000),
    ];

    private static readonly string[] Cities = ["Springfield", "Riverton", "Lakeside", "Hillview", "Fairport"];

    /// <summary>True for a positive numeric id that does not start with "404" (those stay not-found).</summary>
    public static bool CanGenerate(string dealId, out long number)
    {
        number = 0;
        return dealId.Length is > 0 and <= 15
            && dealId.All(char.IsAsciiDigit)
            && !dealId.StartsWith("404", StringComparison.Ordinal)
            && long.TryParse(dealId, NumberStyles.None, CultureInfo.InvariantCulture, out number)
            && number > 0;
    }

    public static string CompanyIdFor(long dealNumber) =>
        "5" + (dealNumber % CompanyCount).ToString("D3", CultureInfo.InvariantCulture);

    /// <summary>True for the ids of generated companies: "5000".."5039".</summary>
    public static bool IsGeneratedCompanyId(string companyId, out int index)
    {
        index = 0;
        return companyId.Length == 4
            && companyId[0] == '5'
            && companyId.All(char.IsAsciiDigit)
            && int.TryParse(companyId.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out index)
            && index < CompanyCount;
    }

    /// <summary>Splits a generated line item id "{dealId}0n" into its deal id.</summary>
    public static bool TryDealIdOfLineItem(string lineItemId, out string dealId)
    {
        dealId = string.Empty;
        var suffix = lineItemId.Length < 3 ? string.Empty : lineItemId[^2..];
        if (suffix is not ("01" or "02" or "03"))
        {
            return false;
        }

        dealId = lineItemId[..^2];
        return CanGenerate(dealId, out _);
    }

    public static GeneratedDeal Generate(long number)
    {
        var dealId = number.ToString(CultureInfo.InvariantCulture);
        var random = new SplitMix(number);
        var createdAt = Epoch.AddDays(number % 300).AddHours(9);
        var updatedAt = createdAt.AddDays(1 + (number % 20));

        var lineCount = 1 + random.Next(3);
        var lines = new List<HubSpotRecord>(lineCount);
        var total = 0m;
        for (var i = 1; i <= lineCount; i++)
        {
            var product = Catalog[random.Next(Catalog.Length)];
            var quantity = 1 + random.Next(5);
            var price = (product.MinCents + random.Next(product.MaxCents - product.MinCents)) / 100m;
            var amount = quantity * price;
            total += amount;
            var lineId = dealId + i.ToString("D2", CultureInfo.InvariantCulture);
            lines.Add(new HubSpotRecord(
                lineId,
                WithSystemProperties(lineId, createdAt, updatedAt, new Dictionary<string, string>
                {
                    ["name"] = product.Name,
                    ["quantity"] = quantity.ToString(CultureInfo.InvariantCulture),
                    ["price"] = Money(price),
                    ["amount"] = Money(amount),
                    ["hs_sku"] = product.Sku,
                    ["hs_product_id"] = product.ProductId,
                    ["hs_discount_percentage"] = "0",
                    ["tax_code"] = product.TaxCode,
                }),
                createdAt,
                updatedAt));
        }

        var company = GenerateCompany((int)(number % CompanyCount));
        var closeDate = createdAt.Date.AddDays(number % 30).AddHours(10);
        var properties = WithSystemProperties(dealId, createdAt, updatedAt, new Dictionary<string, string>
        {
            ["dealname"] = $"Deal {dealId} - {company.Properties["name"]}",
            ["amount"] = Money(total),
            ["dealstage"] = "closedwon",
            ["pipeline"] = "default",
            ["closedate"] = closeDate.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["deal_currency_code"] = "USD",
        });

        var deal = new StoredDeal(dealId, properties, lines.Select(l => l.Id).ToList(), company.Id, createdAt, updatedAt);
        return new GeneratedDeal(deal, company, lines);
    }

    public static HubSpotRecord GenerateCompany(int index)
    {
        var suffix = index.ToString("D3", CultureInfo.InvariantCulture);
        var id = "5" + suffix;
        var createdAt = Epoch.AddDays(-index);
        return new HubSpotRecord(
            id,
            WithSystemProperties(id, createdAt, createdAt, new Dictionary<string, string>
            {
                ["name"] = $"Company {suffix} Ltd",
                ["domain"] = $"company{suffix}.test",
                ["email"] = $"ap@company{suffix}.test",
                ["city"] = Cities[index % Cities.Length],
                ["country"] = "United States",
                ["type"] = "CUSTOMER",
            }),
            createdAt,
            createdAt);
    }

    /// <summary>Adds the properties HubSpot always returns: hs_object_id, createdate, hs_lastmodifieddate.</summary>
    public static Dictionary<string, string> WithSystemProperties(
        string id, DateTimeOffset createdAt, DateTimeOffset updatedAt, Dictionary<string, string> properties)
    {
        properties["hs_object_id"] = id;
        properties.TryAdd("createdate", Infrastructure.Timestamps.HubSpot(createdAt));
        properties["hs_lastmodifieddate"] = Infrastructure.Timestamps.HubSpot(updatedAt);
        return properties;
    }

    private static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>A tiny deterministic generator (SplitMix64) so generated data never depends on runtime internals.</summary>
    private struct SplitMix(long seed)
    {
        private ulong state = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL);

        public int Next(int exclusiveMax)
        {
            state = unchecked(state + 0x9E3779B97F4A7C15UL);
            var z = state;
            z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
            z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
            z ^= z >> 31;
            return (int)(z % (ulong)exclusiveMax);
        }
    }
}
