using System.Globalization;
using System.Text.Json;

namespace Integration.SendEvent.Scenarios;

/// <summary>One named deal-to-invoice scenario: seeds the sandbox, sends the webhooks, and says what to watch.</summary>
public sealed record DealScenario(string Name, string Summary, Func<ScenarioRun, CancellationToken, Task<HttpResponseMessage>> RunAsync);

/// <summary>The deal-to-invoice edge cases a developer or support engineer can replay against a running host.</summary>
public static class DealScenarios
{
    /// <summary>The holiday file the "holiday-close" scenario reads (the host's default region).</summary>
    public const string DefaultHolidayFile = "config/holidays/us.json";

    public static IReadOnlyList<DealScenario> All { get; } =
    [
        new("new-customer", "a closed-won deal for a company the ERP does not know: the customer is created, then invoiced", NewCustomerAsync),
        new("ambiguous-customer", "two ERP customers share the company's email domain: the workflow asks an operator", AmbiguousCustomerAsync),
        new("unmapped-product", $"a line with {SampleDeals.UnmappedSku}, which the data dictionary does not map: the workflow asks for an item code", UnmappedProductAsync),
        new("amount-mismatch", "the deal amount disagrees with its priced lines by more than the tolerance: the workflow asks before invoicing", AmountMismatchAsync),
        new("weekend-close", "a deal closing next Saturday: invoiced the following Monday morning (business calendar)", WeekendCloseAsync),
        new("holiday-close", "a deal closing on the Saturday before a Monday public holiday: invoiced on Tuesday", HolidayCloseAsync),
        new("reopen-before-invoice", "a deal re-opened while it waits for the business day: cancelled, nothing created", ReopenBeforeInvoiceAsync),
        new("reopen-after-invoice", "a deal re-opened after it was invoiced: the invoice is voided (or credited), the deal patched, finance alerted", ReopenAfterInvoiceAsync),
        new("amount-change", "a deal whose lines change after invoicing: the invoice is credited and revision 2 issued", AmountChangeAsync),
    ];

    public static DealScenario? Find(string name) => All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    private static async Task<HttpResponseMessage> NewCustomerAsync(ScenarioRun run, CancellationToken ct)
    {
        await run.Crm.SeedDealAsync(SampleDeals.ClosedWon(run.DealId, SampleDeals.UniqueCompany(run.DealId)), ct).ConfigureAwait(false);
        return await run.SendStageAsync("closedwon", ct).ConfigureAwait(false);
    }

    private static async Task<HttpResponseMessage> AmbiguousCustomerAsync(ScenarioRun run, CancellationToken ct)
    {
        SeedCompany company = SampleDeals.UniqueCompany(run.DealId, "Contoso");
        string domain = company.Properties["domain"];
        await run.Erp.SeedCustomerAsync($"Contoso East {run.DealId}", $"east@{domain}", ct).ConfigureAwait(false);
        await run.Erp.SeedCustomerAsync($"Contoso West {run.DealId}", $"west@{domain}", ct).ConfigureAwait(false);
        await run.Log.WriteLineAsync($"seeded two ERP customers with emails at {domain}").ConfigureAwait(false);
        await run.Crm.SeedDealAsync(SampleDeals.ClosedWon(run.DealId, company with { Properties = new Dictionary<string, string>(company.Properties) { ["email"] = $"billing@{domain}" } }), ct).ConfigureAwait(false);
        return await run.SendStageAsync("closedwon", ct).ConfigureAwait(false);
    }

    private static async Task<HttpResponseMessage> UnmappedProductAsync(ScenarioRun run, CancellationToken ct)
    {
        SeedLine[] lines =
        [
            SampleDeals.Line(run.DealId, 1, "Consulting services", "SKU-CONSULT", "1", "1000.00"),
            SampleDeals.Line(run.DealId, 2, "Hardware bundle (new product)", SampleDeals.UnmappedSku, "1", "500.00"),
        ];
        await run.Crm.SeedDealAsync(SampleDeals.ClosedWon(run.DealId, SampleDeals.UniqueCompany(run.DealId), lines, 1500.00m), ct).ConfigureAwait(false);
        return await run.SendStageAsync("closedwon", ct).ConfigureAwait(false);
    }

    private static async Task<HttpResponseMessage> AmountMismatchAsync(ScenarioRun run, CancellationToken ct)
    {
        await run.Crm.SeedDealAsync(SampleDeals.ClosedWon(run.DealId, SampleDeals.UniqueCompany(run.DealId), amount: SampleDeals.StandardTotal + 100m), ct).ConfigureAwait(false);
        return await run.SendStageAsync("closedwon", ct).ConfigureAwait(false);
    }

    private static async Task<HttpResponseMessage> WeekendCloseAsync(ScenarioRun run, CancellationToken ct)
    {
        DateTimeOffset saturday = SampleDeals.NextSaturday(DateTimeOffset.UtcNow);
        await run.Log.WriteLineAsync($"close date {saturday:yyyy-MM-dd HH:mm} UTC (a Saturday)").ConfigureAwait(false);
        await run.Crm.SeedDealAsync(SampleDeals.ClosedWon(run.DealId, SampleDeals.UniqueCompany(run.DealId), closedAt: saturday), ct).ConfigureAwait(false);
        return await run.SendStageAsync("closedwon", ct).ConfigureAwait(false);
    }

    private static async Task<HttpResponseMessage> HolidayCloseAsync(ScenarioRun run, CancellationToken ct)
    {
        DateOnly monday = NextMondayHoliday(run.HolidayFile, DateOnly.FromDateTime(DateTime.UtcNow));
        var saturday = new DateTimeOffset(monday.AddDays(-2).ToDateTime(new TimeOnly(15, 0)), TimeSpan.Zero);
        await run.Log.WriteLineAsync($"close date {saturday:yyyy-MM-dd HH:mm} UTC: the Saturday before the holiday on Monday {monday:yyyy-MM-dd}").ConfigureAwait(false);
        await run.Crm.SeedDealAsync(SampleDeals.ClosedWon(run.DealId, SampleDeals.UniqueCompany(run.DealId), closedAt: saturday), ct).ConfigureAwait(false);
        return await run.SendStageAsync("closedwon", ct).ConfigureAwait(false);
    }

    private static async Task<HttpResponseMessage> ReopenBeforeInvoiceAsync(ScenarioRun run, CancellationToken ct)
    {
        await WeekendCloseAsync(run, ct).ConfigureAwait(false);
        await Task.Delay(TimeSpan.FromSeconds(3), ct).ConfigureAwait(false);
        await run.Crm.PatchDealAsync(run.DealId, new Dictionary<string, string> { ["dealstage"] = "contractsent" }, ct).ConfigureAwait(false);
        return await run.SendStageAsync("contractsent", ct).ConfigureAwait(false);
    }

    private static async Task<HttpResponseMessage> ReopenAfterInvoiceAsync(ScenarioRun run, CancellationToken ct)
    {
        await NewCustomerAsync(run, ct).ConfigureAwait(false);
        await run.WaitForInvoiceAsync(ct).ConfigureAwait(false);
        await run.Crm.PatchDealAsync(run.DealId, new Dictionary<string, string> { ["dealstage"] = "contractsent" }, ct).ConfigureAwait(false);
        return await run.SendStageAsync("contractsent", ct).ConfigureAwait(false);
    }

    private static async Task<HttpResponseMessage> AmountChangeAsync(ScenarioRun run, CancellationToken ct)
    {
        await NewCustomerAsync(run, ct).ConfigureAwait(false);
        string first = await run.WaitForInvoiceAsync(ct).ConfigureAwait(false);
        SeedLine[] lines = [.. SampleDeals.StandardLines(run.DealId).Select(l => l.Properties["hs_sku"] == "SKU-CONSULT" ? l with { Properties = new Dictionary<string, string>(l.Properties) { ["quantity"] = "3" } } : l)];
        decimal amount = SampleDeals.StandardTotal + 1200.00m;
        await run.Crm.ReplaceLinesAsync(run.DealId, lines, new Dictionary<string, string> { ["amount"] = amount.ToString("0.00", CultureInfo.InvariantCulture) }, ct).ConfigureAwait(false);
        await run.Log.WriteLineAsync($"consulting quantity 2 -> 3; invoice {first} must be credited and a revision issued").ConfigureAwait(false);
        return await run.SendAmountAsync(amount, ct).ConfigureAwait(false);
    }

    /// <summary>The first Monday holiday after <paramref name="after"/> in a holiday file (any "date" values in it).</summary>
    public static DateOnly NextMondayHoliday(string file, DateOnly after)
    {
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"The holiday file '{file}' was not found; run the tool from the repository root.", file);
        }

        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(file));
        var dates = new List<DateOnly>();
        Collect(doc.RootElement, dates);
        return dates.Where(d => d > after.AddDays(2) && d.DayOfWeek == DayOfWeek.Monday).Order().FirstOrDefault() is { } found && found != default
            ? found
            : throw new InvalidOperationException($"'{file}' lists no Monday holiday after {after:yyyy-MM-dd}.");
    }

    private static void Collect(JsonElement e, List<DateOnly> dates)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (JsonProperty p in e.EnumerateObject())
                {
                    if (p.Name == "date" && p.Value.ValueKind == JsonValueKind.String &&
                        DateOnly.TryParseExact(p.Value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly d))
                    {
                        dates.Add(d);
                    }
                    else
                    {
                        Collect(p.Value, dates);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (JsonElement item in e.EnumerateArray())
                {
                    Collect(item, dates);
                }

                break;
        }
    }
}
