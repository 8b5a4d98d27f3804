using System.Globalization;
using System.Net;
using System.Text.Json;
using Xunit;

namespace Integration.Tests.Unit.Sandbox;

public sealed class HubSpotSandboxTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    private static readonly string[] Skus = ["SKU-CONSULT", "SKU-LICENSE", "SKU-SUPPORT"];

    private SandboxHost Sandbox => fixture.Host;

    public Task InitializeAsync() => Sandbox.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Deal_get_has_hubspot_shape_with_string_properties_and_line_items_key_with_space()
    {
        var put = await Sandbox.AdminAsync(HttpMethod.Put, "/hubspot/deals/777", """
            {"properties":{"dealname":"Acme renewal","amount":1500.00,"dealstage":"closedwon","pipeline":"default","closedate":"2026-11-20T10:00:00Z"},
             "company":{"id":"9001","properties":{"name":"Acme Ltd","domain":"acme.test","email":"ap@acme.test"}},
             "lineItems":[{"id":"111","properties":{"name":"Consulting","quantity":2,"price":"750.00","amount":"1500.00","hs_sku":"SKU-CONSULT"}}]}
            """);
        Assert.Equal(HttpStatusCode.OK, put.Status);

        var response = await Sandbox.HubSpotAsync(
            HttpMethod.Get, "/crm/v3/objects/deals/777?properties=dealname,amount&associations=line_items,companies");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var deal = response.Json;
        Assert.Equal("777", deal.GetProperty("id").GetString());
        Assert.False(deal.GetProperty("archived").GetBoolean());
        var properties = deal.GetProperty("properties");
        Assert.Equal("1500.00", properties.GetProperty("amount").GetString());
        Assert.Equal("777", properties.GetProperty("hs_object_id").GetString());
        Assert.Equal("closedwon", properties.GetProperty("dealstage").GetString());
        Assert.All(properties.EnumerateObject(), p => Assert.Equal(JsonValueKind.String, p.Value.ValueKind));

        var associations = deal.GetProperty("associations");
        Assert.False(associations.TryGetProperty("line_items", out _));
        var line = Assert.Single(associations.GetProperty("line items").GetProperty("results").EnumerateArray());
        Assert.Equal("111", line.GetProperty("id").GetString());
        Assert.Equal("deal_to_line_item", line.GetProperty("type").GetString());
        var company = Assert.Single(associations.GetProperty("companies").GetProperty("results").EnumerateArray());
        Assert.Equal("9001", company.GetProperty("id").GetString());
        Assert.Equal("deal_to_company", company.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Deal_get_only_includes_associations_that_were_asked_for()
    {
        var withoutAny = await Sandbox.HubSpotAsync(HttpMethod.Get, "/crm/v3/objects/deals/1001");
        var onlyCompanies = await Sandbox.HubSpotAsync(HttpMethod.Get, "/crm/v3/objects/deals/1001?associations=companies");

        Assert.False(withoutAny.Json.TryGetProperty("associations", out _));
        var associations = onlyCompanies.Json.GetProperty("associations");
        Assert.True(associations.TryGetProperty("companies", out _));
        Assert.False(associations.TryGetProperty("line items", out _));
    }

    [Fact]
    public async Task Generated_deal_is_deterministic_and_its_amount_is_the_sum_of_its_lines()
    {
        const long dealId = 4242;
        var first = await Sandbox.HubSpotAsync(HttpMethod.Get, $"/crm/v3/objects/deals/{dealId}?associations=line_items,companies");
        await Sandbox.ResetAsync();
        var second = await Sandbox.HubSpotAsync(HttpMethod.Get, $"/crm/v3/objects/deals/{dealId}?associations=line_items,companies");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(first.Text, second.Text);

        var deal = first.Json;
        Assert.Equal("closedwon", deal.GetProperty("properties").GetProperty("dealstage").GetString());
        var companyId = Assert.Single(deal.GetProperty("associations").GetProperty("companies").GetProperty("results").EnumerateArray())
            .GetProperty("id").GetString();
        Assert.Equal("5" + (dealId % 40).ToString("D3", CultureInfo.InvariantCulture), companyId);

        var lineIds = deal.GetProperty("associations").GetProperty("line items").GetProperty("results")
            .EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToList();
        Assert.InRange(lineIds.Count, 1, 3);
        Assert.Equal(Enumerable.Range(1, lineIds.Count).Select(i => $"{dealId}0{i}"), lineIds);

        var batch = await Sandbox.HubSpotAsync(
            HttpMethod.Post,
            "/crm/v3/objects/line_items/batch/read",
            JsonSerializer.Serialize(new { properties = new[] { "amount" }, inputs = lineIds.Select(id => new { id }) }));
        Assert.Equal(HttpStatusCode.OK, batch.Status);
        var sum = 0m;
        foreach (var line in batch.Json.GetProperty("results").EnumerateArray())
        {
            var p = line.GetProperty("properties");
            Assert.Contains(p.GetProperty("hs_sku").GetString(), Skus);
            var quantity = int.Parse(p.GetProperty("quantity").GetString()!, CultureInfo.InvariantCulture);
            var price = decimal.Parse(p.GetProperty("price").GetString()!, CultureInfo.InvariantCulture);
            Assert.Matches(@"^\d+\.\d{2}$", p.GetProperty("price").GetString());
            Assert.Equal((quantity * price).ToString("0.00", CultureInfo.InvariantCulture), p.GetProperty("amount").GetString());
            sum += quantity * price;
        }

        Assert.Equal(sum.ToString("0.00", CultureInfo.InvariantCulture), deal.GetProperty("properties").GetProperty("amount").GetString());

        var company = await Sandbox.HubSpotAsync(HttpMethod.Get, $"/crm/v3/objects/companies/{companyId}");
        Assert.Equal(HttpStatusCode.OK, company.Status);
        Assert.Equal("Company 002 Ltd", company.Json.GetProperty("properties").GetProperty("name").GetString());
        Assert.Equal("ap@company002.test", company.Json.GetProperty("properties").GetProperty("email").GetString());
    }

    [Theory]
    [InlineData("4041")]
    [InlineData("404")]
    [InlineData("not-a-number")]
    public async Task Unknown_deal_is_404_object_not_found(string dealId)
    {
        var response = await Sandbox.HubSpotAsync(HttpMethod.Get, $"/crm/v3/objects/deals/{dealId}");

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("error", response.Json.GetProperty("status").GetString());
        Assert.Equal("OBJECT_NOT_FOUND", response.Json.GetProperty("category").GetString());
        Assert.Equal("Object not found. objectId are usually numeric.", response.Json.GetProperty("message").GetString());
        Assert.True(Guid.TryParse(response.Json.GetProperty("correlationId").GetString(), out _));
    }

    [Fact]
    public async Task Line_item_batch_read_returns_requested_items_with_string_properties()
    {
        await Sandbox.AdminAsync(HttpMethod.Put, "/hubspot/deals/778", """
            {"properties":{"dealname":"Two lines"},"lineItems":[
              {"id":"111","properties":{"name":"Consulting","quantity":"2","price":"750.00","amount":"1500.00","hs_sku":"SKU-CONSULT"}},
              {"id":"112","properties":{"name":"License","quantity":"1","price":"99.90","amount":"99.90","hs_sku":"SKU-LICENSE"}}]}
            """);

        var response = await Sandbox.HubSpotAsync(
            HttpMethod.Post,
            "/crm/v3/objects/line_items/batch/read",
            """{"properties":["name","quantity","price","amount","hs_sku","hs_product_id"],"inputs":[{"id":"111"},{"id":"112"}]}""");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("COMPLETE", response.Json.GetProperty("status").GetString());
        var results = response.Json.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["111", "112"], results.Select(r => r.GetProperty("id").GetString()));
        Assert.Equal("2", results[0].GetProperty("properties").GetProperty("quantity").GetString());
        Assert.Equal("99.90", results[1].GetProperty("properties").GetProperty("amount").GetString());
    }

    [Fact]
    public async Task Line_item_batch_read_of_more_than_100_inputs_is_a_validation_error()
    {
        var inputs = Enumerable.Range(1, 101).Select(i => new { id = i.ToString(CultureInfo.InvariantCulture) });

        var response = await Sandbox.HubSpotAsync(
            HttpMethod.Post, "/crm/v3/objects/line_items/batch/read", JsonSerializer.Serialize(new { inputs }));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("VALIDATION_ERROR", response.Json.GetProperty("category").GetString());
    }

    [Fact]
    public async Task Company_get_returns_stored_company_and_404_for_unknown()
    {
        await Sandbox.AdminAsync(HttpMethod.Put, "/hubspot/deals/779", """
            {"properties":{},"company":{"id":"9002","properties":{"name":"Acme Ltd","domain":"acme.test","email":"ap@acme.test","type":"CUSTOMER"}}}
            """);

        var found = await Sandbox.HubSpotAsync(HttpMethod.Get, "/crm/v3/objects/companies/9002?properties=name,domain,email");
        var missing = await Sandbox.HubSpotAsync(HttpMethod.Get, "/crm/v3/objects/companies/9999");

        Assert.Equal(HttpStatusCode.OK, found.Status);
        Assert.Equal("9002", found.Json.GetProperty("id").GetString());
        Assert.Equal("Acme Ltd", found.Json.GetProperty("properties").GetProperty("name").GetString());
        Assert.Equal("acme.test", found.Json.GetProperty("properties").GetProperty("domain").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal("OBJECT_NOT_FOUND", missing.Json.GetProperty("category").GetString());
    }

    [Fact]
    public async Task Patch_merges_properties_and_bumps_updated_at()
    {
        var before = await Sandbox.HubSpotAsync(HttpMethod.Get, "/crm/v3/objects/deals/1001");

        var patch = await Sandbox.HubSpotAsync(
            HttpMethod.Patch, "/crm/v3/objects/deals/1001", """{"properties":{"erp_invoice_id":"130"}}""");
        var after = await Sandbox.HubSpotAsync(HttpMethod.Get, "/crm/v3/objects/deals/1001");

        Assert.Equal(HttpStatusCode.OK, patch.Status);
        Assert.Equal("130", patch.Json.GetProperty("properties").GetProperty("erp_invoice_id").GetString());
        var props = after.Json.GetProperty("properties");
        Assert.Equal("130", props.GetProperty("erp_invoice_id").GetString());
        Assert.Equal(
            before.Json.GetProperty("properties").GetProperty("amount").GetString(), props.GetProperty("amount").GetString());
        Assert.True(
            after.Json.GetProperty("updatedAt").GetDateTimeOffset() > before.Json.GetProperty("updatedAt").GetDateTimeOffset());
    }

    [Theory]
    [InlineData("""{"erp_invoice_id":"130"}""")]
    [InlineData("""{"properties":"x"}""")]
    [InlineData("not json")]
    public async Task Patch_without_properties_object_is_a_validation_error(string body)
    {
        var response = await Sandbox.HubSpotAsync(HttpMethod.Patch, "/crm/v3/objects/deals/1001", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("VALIDATION_ERROR", response.Json.GetProperty("category").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token")]
    public async Task Missing_or_wrong_token_is_401_invalid_authentication(string? token)
    {
        var response = await Sandbox.SendAsync(HttpMethod.Get, "/hubspot/crm/v3/objects/deals/1001", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("INVALID_AUTHENTICATION", response.Json.GetProperty("category").GetString());
        Assert.Equal("error", response.Json.GetProperty("status").GetString());
        var deals = await Sandbox.AdminAsync(HttpMethod.Get, "/hubspot/deals");
        Assert.Equal(0, deals.Json.GetArrayLength());
    }
}
