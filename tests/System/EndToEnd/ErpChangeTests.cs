using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Integration.Activities.CustomerMatching;
using Integration.SendEvent;
using Integration.SendEvent.Scenarios;
using Integration.Tests.System.Infrastructure;

namespace Integration.Tests.System.EndToEnd;

/// <summary>
/// The ERP changes under the product's customer links: first a switch to another QuickBooks realm, where the
/// linked customer ids belong to other customers; then that realm restored (the sandbox reset), so the ids the
/// links name are reused by others again. No invoice may go to a customer whose name differs from the deal's
/// company: in the new realm the companies are matched afresh, and in the restored one each mismatch goes to review.
/// The sandbox runs in this test process so it outlives the hosts, as a real ERP does.
/// </summary>
public sealed class ErpChangeTests
{
    private const string RealmA = SandboxErp.QuickBooksRealm;
    private const string RealmB = "9130350000000002";
    private const int Companies = 4;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task After_a_realm_switch_and_a_restore_no_invoice_goes_to_a_customer_whose_name_differs_from_the_deals_company()
    {
        await using ExternalSandbox sandbox = await ExternalSandbox.StartAsync();
        SeedCompany[] companies = [.. Enumerable.Range(0, Companies).Select(_ => SampleDeals.UniqueCompany(SampleDeals.NewDealId()))];
        var inRealmB = new Dictionary<string, string>(sandbox.HostSettings) { ["Connectors__QuickBooks__RealmId"] = RealmB };
        string taskHub;

        // Realm A: each company is created as a customer and linked.
        await using (StandaloneHostProcess first = await StandaloneHostProcess.StartAsync(new Dictionary<string, string>(sandbox.HostSettings)))
        {
            taskHub = first.TaskHub;
            await InvoiceEachAsync(sandbox, first, companies, RealmA);
        }

        // Realm B already holds other customers under the ids realm A gave the companies.
        await SeedOtherCustomersAsync(sandbox, RealmB, Companies + 2);
        await using (StandaloneHostProcess switched = await StandaloneHostProcess.StartAsync(inRealmB, taskHub))
        {
            await InvoiceEachAsync(sandbox, switched, companies, RealmB);
        }

        // Realm B restored from before the companies were created: their customer ids now name other customers.
        using (HttpResponseMessage reset = await sandbox.Http.PostAsync("/_sandbox/reset", null))
        {
            reset.EnsureSuccessStatusCode();
        }

        await SeedOtherCustomersAsync(sandbox, RealmB, (2 * Companies) + 2);
        await using StandaloneHostProcess restored = await StandaloneHostProcess.StartAsync(inRealmB, taskHub);
        using var api = new HttpClient { BaseAddress = new Uri(restored.ApiBaseUrl) };
        var reviews = new List<(string DealId, SeedCompany Company)>();
        foreach (SeedCompany company in companies)
        {
            string dealId = await SendNewDealAsync(sandbox, restored, company);
            JsonObject waiting = (await restored.ExplainTimeoutAsync(() => Eventually.Until(
                () => StandaloneHostFixture.InstanceAsync(api, $"deal-invoice-{dealId}"),
                i => (string?)i?["customStatus"]?["Step"] == "awaiting-review" || (string?)i?["runtimeStatus"] == "Completed",
                Deadline,
                $"deal {dealId} to stop at the linked customer")))!;
            Assert.Equal("awaiting-review", (string?)waiting["customStatus"]?["Step"]);
            string reason = (string)waiting["customStatus"]!["Review"]!["Reason"]!;
            Assert.Contains($"'{Name(company)}'", reason, StringComparison.Ordinal);
            Assert.Contains("which is now 'Other customer ", reason, StringComparison.Ordinal);
            Assert.Contains("use-linked", ((JsonArray)waiting["customStatus"]!["Review"]!["Actions"]!).Select(a => (string?)a!["Name"]));
            reviews.Add((dealId, company));
        }

        foreach ((string dealId, _) in reviews)
        {
            Assert.Empty(await sandbox.QuickBooks.InvoicesForDealAsync(dealId));
        }

        // A person answers one: a new customer for the company, and the invoice goes to it.
        (string answeredDeal, SeedCompany answered) = reviews[0];
        using var decide = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/reviews/deal-invoice-{answeredDeal}")
        {
            Content = JsonContent.Create(new { action = "create-customer", reviewedBy = "ana" }),
        };
        decide.Headers.Add("X-Api-Key", StandaloneHostFixture.OperationsKey);
        using (HttpResponseMessage accepted = await api.SendAsync(decide))
        {
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        ErpDocument invoice = await restored.ExplainTimeoutAsync(async () => (await Eventually.Until(
            () => sandbox.QuickBooks.InvoicesForDealAsync(answeredDeal), i => i.Count > 0, Deadline, $"deal {answeredDeal}'s invoice after the review"))[0]);
        Assert.Equal(Normalised(Name(answered)), Normalised(await CustomerNameAsync(sandbox, RealmB, invoice.CustomerId)));
    }

    /// <summary>A new closed-won deal per company, each invoiced in the realm to a customer bearing the company's name.</summary>
    private static async Task InvoiceEachAsync(ExternalSandbox sandbox, StandaloneHostProcess host, IEnumerable<SeedCompany> companies, string realm)
    {
        var sent = new List<(string DealId, SeedCompany Company)>();
        foreach (SeedCompany company in companies)
        {
            sent.Add((await SendNewDealAsync(sandbox, host, company), company));
        }

        foreach ((string dealId, SeedCompany company) in sent)
        {
            IReadOnlyList<ErpDocument> invoices = await host.ExplainTimeoutAsync(() => Eventually.Until(
                () => sandbox.QuickBooks.InvoicesForDealAsync(dealId), i => i.Count > 0, Deadline, $"deal {dealId}'s invoice in realm {realm}"));
            string customer = await CustomerNameAsync(sandbox, realm, Assert.Single(invoices).CustomerId);
            Assert.True(
                Normalised(customer) == Normalised(Name(company)),
                $"deal {dealId} of '{Name(company)}' was invoiced in realm {realm} to customer {invoices[0].CustomerId} '{customer}'");
        }
    }

    private static async Task<string> SendNewDealAsync(ExternalSandbox sandbox, StandaloneHostProcess host, SeedCompany company)
    {
        string dealId = SampleDeals.NewDealId();
        await sandbox.Crm.SeedDealAsync(SampleDeals.ClosedWon(dealId, company));
        using var api = new HttpClient { BaseAddress = new Uri(host.ApiBaseUrl) };
        using HttpResponseMessage accepted = await new WebhookSender(api, host.ApiBaseUrl).SendCrmAsync(
            SampleEvents.HubSpotDealClosedWon(long.Parse(dealId, CultureInfo.InvariantCulture), EventIds.NewEventId()));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        return dealId;
    }

    /// <summary>Customers of no company in this test, created through the QuickBooks API of the realm (ids from 1 in a fresh realm).</summary>
    private static async Task SeedOtherCustomersAsync(ExternalSandbox sandbox, string realm, int count)
    {
        for (int n = 1; n <= count; n++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/quickbooks/v3/company/{realm}/customer?minorversion=75")
            {
                Content = new StringContent(
                    $$$"""{"DisplayName":"Other customer {{{n}}}","CompanyName":"Other customer {{{n}}}","PrimaryEmailAddr":{"Address":"billing{{{n}}}@other-customer.test"}}""",
                    global::System.Text.Encoding.UTF8,
                    "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SandboxErp.QuickBooksToken);
            using HttpResponseMessage response = await sandbox.Http.SendAsync(request);
            response.EnsureSuccessStatusCode();
        }
    }

    private static async Task<string> CustomerNameAsync(ExternalSandbox sandbox, string realm, string customerId)
    {
        var all = (JsonArray)JsonNode.Parse(await sandbox.Http.GetStringAsync($"/_sandbox/quickbooks/customers?realmId={realm}"))!;
        JsonObject customer = Assert.Single(all.OfType<JsonObject>(), c => (string?)c["customer"]!["Id"] == customerId);
        return (string)customer["customer"]!["DisplayName"]!;
    }

    private static string Name(SeedCompany company) => company.Properties["name"];

    private static string? Normalised(string name) => NameNormaliser.Normalise(name);
}
