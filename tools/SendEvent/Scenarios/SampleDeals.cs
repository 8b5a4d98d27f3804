using System.Globalization;

namespace Integration.SendEvent.Scenarios;

/// <summary>Deals for the scenarios: closed-won, with a company and products the shipped data dictionary maps.</summary>
public static class SampleDeals
{
    /// <summary>A SKU the shipped data dictionary deliberately does not map (the "unmapped product" scenario).</summary>
    public const string UnmappedSku = "SKU-UNMAPPED-1";

    /// <summary>A fresh deal id for a scenario: 8 digits, never starting with "404" (the sandbox's not-found ids).</summary>
    public static string NewDealId() => Random.Shared.NextInt64(70_000_000, 79_999_999).ToString(CultureInfo.InvariantCulture);

    /// <summary>Consulting 2 × 1,200.00 and a license 1 × 450.00 at 10% off: 2,805.00 USD.</summary>
    public static IReadOnlyList<SeedLine> StandardLines(string dealId) =>
    [
        Line(dealId, 1, "Consulting services", "SKU-CONSULT", "2", "1200.00"),
        Line(dealId, 2, "Software license", "SKU-LICENSE", "1", "450.00", discountPercent: "10"),
    ];

    public const decimal StandardTotal = 2805.00m;

    public static SeedLine Line(string dealId, int n, string name, string sku, string quantity, string price, string? discountPercent = null, string? taxCode = null)
    {
        var p = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = name,
            ["hs_sku"] = sku,
            ["quantity"] = quantity,
            ["price"] = price,
        };
        if (discountPercent is not null)
        {
            p["hs_discount_percentage"] = discountPercent;
        }

        if (taxCode is not null)
        {
            p["tax_code"] = taxCode;
        }

        return new SeedLine(dealId + n.ToString("D2", CultureInfo.InvariantCulture), p);
    }

    /// <summary>A closed-won deal for a company; amount defaults to the lines' priced total.</summary>
    public static SeedDeal ClosedWon(
        string dealId,
        SeedCompany? company,
        IReadOnlyList<SeedLine>? lines = null,
        decimal amount = StandardTotal,
        DateTimeOffset? closedAt = null,
        string? paymentTerms = null)
    {
        var p = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["dealname"] = $"Scenario deal {dealId}",
            ["dealstage"] = "closedwon",
            ["pipeline"] = "default",
            ["amount"] = amount.ToString("0.00", CultureInfo.InvariantCulture),
            ["deal_currency_code"] = "USD",
            ["closedate"] = (closedAt ?? DateTimeOffset.UtcNow).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        if (paymentTerms is not null)
        {
            p["payment_terms"] = paymentTerms;
        }

        return new SeedDeal(dealId, p, company, lines ?? StandardLines(dealId));
    }

    /// <summary>A company whose name, domain and email are unique to the deal, so no ERP customer matches it by chance.</summary>
    public static SeedCompany UniqueCompany(string dealId, string name = "Northwind Traders", string accountType = "CUSTOMER")
    {
        string slug = new([.. name.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)]);
        string domain = $"{slug}{dealId}.test";
        return new SeedCompany("9" + dealId, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = $"{name} {dealId}",
            ["domain"] = domain,
            ["email"] = $"accounts@{domain}",
            ["type"] = accountType,
        });
    }

    /// <summary>The next Saturday strictly after <paramref name="from"/>, at 15:00 UTC (10:00 in New York).</summary>
    public static DateTimeOffset NextSaturday(DateTimeOffset from)
    {
        DateTime day = from.UtcDateTime.Date.AddDays(1);
        while (day.DayOfWeek != DayOfWeek.Saturday)
        {
            day = day.AddDays(1);
        }

        return new DateTimeOffset(day.AddHours(15), TimeSpan.Zero);
    }
}
