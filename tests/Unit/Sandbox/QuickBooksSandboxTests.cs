using System.Net;
using Xunit;

namespace Integration.Tests.Unit.Sandbox;

public sealed class QuickBooksSandboxTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    private SandboxHost Sandbox => fixture.Host;

    public Task InitializeAsync() => Sandbox.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Created_customer_is_found_by_display_name_and_by_email()
    {
        var id = await Sandbox.CreateCustomerAsync("O'Brien Ltd", "ap@obrien.test");
        await Sandbox.CreateCustomerAsync("Other Ltd", "ap@other.test");

        var byName = await Sandbox.QueryAsync(@"select * from Customer where DisplayName = 'O\'Brien Ltd'");
        var byEmail = await Sandbox.QueryAsync("SELECT * FROM Customer WHERE PrimaryEmailAddr = 'ap@obrien.test' MAXRESULTS 10");
        var byLike = await Sandbox.QueryAsync("SELECT * FROM Customer WHERE DisplayName LIKE '%brien%' AND Active = true");

        foreach (var response in new[] { byName, byEmail, byLike })
        {
            Assert.Equal(HttpStatusCode.OK, response.Status);
            var queryResponse = response.Json.GetProperty("QueryResponse");
            var customer = Assert.Single(queryResponse.GetProperty("Customer").EnumerateArray());
            Assert.Equal(id, customer.GetProperty("Id").GetString());
            Assert.Equal("O'Brien Ltd", customer.GetProperty("DisplayName").GetString());
            Assert.Equal(1, queryResponse.GetProperty("startPosition").GetInt32());
            Assert.Equal(1, queryResponse.GetProperty("maxResults").GetInt32());
            Assert.True(response.Json.TryGetProperty("time", out _));
        }
    }

    [Fact]
    public async Task Query_without_matches_returns_an_empty_query_response()
    {
        await Sandbox.CreateCustomerAsync("Acme Ltd");

        var response = await Sandbox.QueryAsync("SELECT * FROM Customer WHERE DisplayName = 'Nobody'");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Empty(response.Json.GetProperty("QueryResponse").EnumerateObject());
    }

    [Fact]
    public async Task Query_pages_with_startposition_and_maxresults()
    {
        for (var i = 1; i <= 5; i++)
        {
            await Sandbox.CreateCustomerAsync($"Customer {i}");
        }

        var response = await Sandbox.QueryAsync("select * from customer startposition 2 maxresults 2");

        var queryResponse = response.Json.GetProperty("QueryResponse");
        Assert.Equal(
            ["Customer 2", "Customer 3"],
            queryResponse.GetProperty("Customer").EnumerateArray().Select(c => c.GetProperty("DisplayName").GetString()));
        Assert.Equal(2, queryResponse.GetProperty("startPosition").GetInt32());
        Assert.Equal(2, queryResponse.GetProperty("maxResults").GetInt32());
    }

    [Fact]
    public async Task Invoices_are_queryable_by_doc_number_and_customer_ref()
    {
        var customerId = await Sandbox.CreateCustomerAsync("Acme Ltd");
        var otherId = await Sandbox.CreateCustomerAsync("Other Ltd");
        await Sandbox.QuickBooksAsync(HttpMethod.Post, "/invoice", SandboxHost.InvoiceJson(customerId, docNumber: "D-1"));
        await Sandbox.QuickBooksAsync(HttpMethod.Post, "/invoice", SandboxHost.InvoiceJson(customerId, docNumber: "D-2"));
        await Sandbox.QuickBooksAsync(HttpMethod.Post, "/invoice", SandboxHost.InvoiceJson(otherId, docNumber: "D-3"));

        var byDocNumber = await Sandbox.QueryAsync("SELECT * FROM Invoice WHERE DocNumber = 'D-2'");
        var byCustomer = await Sandbox.QueryAsync($"SELECT * FROM Invoice WHERE CustomerRef = '{customerId}'");

        var found = Assert.Single(byDocNumber.Json.GetProperty("QueryResponse").GetProperty("Invoice").EnumerateArray());
        Assert.Equal("D-2", found.GetProperty("DocNumber").GetString());
        Assert.Equal(
            ["D-1", "D-2"],
            byCustomer.Json.GetProperty("QueryResponse").GetProperty("Invoice").EnumerateArray().Select(i => i.GetProperty("DocNumber").GetString()));
    }

    [Fact]
    public async Task Unparseable_query_is_400_error_parsing_query()
    {
        var response = await Sandbox.QueryAsync("SELECT * FRM Customer");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        var fault = response.Json.GetProperty("Fault");
        Assert.Equal("ValidationFault", fault.GetProperty("type").GetString());
        var error = Assert.Single(fault.GetProperty("Error").EnumerateArray());
        Assert.Equal("4000", error.GetProperty("code").GetString());
        Assert.Equal("Error parsing query", error.GetProperty("Message").GetString());
    }

    [Fact]
    public async Task Duplicate_display_name_ignoring_case_is_6240_with_the_existing_id()
    {
        var id = await Sandbox.CreateCustomerAsync("Acme Ltd");

        var response = await Sandbox.QuickBooksAsync(HttpMethod.Post, "/customer", """{"DisplayName":"ACME LTD"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        var error = Assert.Single(response.Json.GetProperty("Fault").GetProperty("Error").EnumerateArray());
        Assert.Equal("6240", error.GetProperty("code").GetString());
        Assert.Equal("Duplicate Name Exists Error", error.GetProperty("Message").GetString());
        Assert.EndsWith($"Id={id}", error.GetProperty("Detail").GetString());
    }

    [Fact]
    public async Task Customer_without_display_name_is_2020()
    {
        var response = await Sandbox.QuickBooksAsync(HttpMethod.Post, "/customer", """{"CompanyName":"Acme Ltd"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        var error = Assert.Single(response.Json.GetProperty("Fault").GetProperty("Error").EnumerateArray());
        Assert.Equal("2020", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Invoice_create_computes_total_and_is_readable_by_id()
    {
        var customerId = await Sandbox.CreateCustomerAsync("Acme Ltd");

        var created = await Sandbox.QuickBooksAsync(
            HttpMethod.Post, "/invoice?requestid=inv-1&minorversion=75", SandboxHost.InvoiceJson(customerId, 150.00m));

        Assert.Equal(HttpStatusCode.OK, created.Status);
        var invoice = created.Json.GetProperty("Invoice");
        Assert.Equal(150.00m, invoice.GetProperty("TotalAmt").GetDecimal());
        Assert.Equal(150.00m, invoice.GetProperty("Balance").GetDecimal());
        Assert.Equal("0", invoice.GetProperty("SyncToken").GetString());
        Assert.Equal("D-1", invoice.GetProperty("DocNumber").GetString());
        Assert.Equal(customerId, invoice.GetProperty("CustomerRef").GetProperty("value").GetString());

        var id = invoice.GetProperty("Id").GetString();
        var read = await Sandbox.QuickBooksAsync(HttpMethod.Get, $"/invoice/{id}");
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal(id, read.Json.GetProperty("Invoice").GetProperty("Id").GetString());
    }

    [Fact]
    public async Task Resending_a_requestid_returns_the_original_invoice_and_creates_only_one()
    {
        var customerId = await Sandbox.CreateCustomerAsync("Acme Ltd");

        var first = await Sandbox.QuickBooksAsync(HttpMethod.Post, "/invoice?requestid=deal-1001-v1", SandboxHost.InvoiceJson(customerId, 150m));
        var second = await Sandbox.QuickBooksAsync(HttpMethod.Post, "/invoice?requestid=deal-1001-v1", SandboxHost.InvoiceJson(customerId, 999m));

        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal(first.Text, second.Text);
        var invoices = (await Sandbox.AdminAsync(HttpMethod.Get, "/quickbooks/invoices")).Json;
        var stored = Assert.Single(invoices.EnumerateArray());
        Assert.Equal("deal-1001-v1", stored.GetProperty("requestId").GetString());
        Assert.Equal(SandboxHost.Realm, stored.GetProperty("realmId").GetString());
        Assert.Equal(150m, stored.GetProperty("invoice").GetProperty("TotalAmt").GetDecimal());
    }

    [Fact]
    public async Task Resending_a_requestid_that_failed_replays_the_failure()
    {
        var first = await Sandbox.QuickBooksAsync(HttpMethod.Post, "/invoice?requestid=r-fail", SandboxHost.InvoiceJson("404"));
        await Sandbox.CreateCustomerAsync("Acme Ltd");
        var second = await Sandbox.QuickBooksAsync(HttpMethod.Post, "/invoice?requestid=r-fail", SandboxHost.InvoiceJson("1"));

        Assert.Equal(HttpStatusCode.BadRequest, first.Status);
        Assert.Equal(HttpStatusCode.BadRequest, second.Status);
        Assert.Equal(first.Text, second.Text);
    }

    [Fact]
    public async Task Requestid_longer_than_50_characters_is_rejected()
    {
        var customerId = await Sandbox.CreateCustomerAsync("Acme Ltd");

        var tooLong = await Sandbox.QuickBooksAsync(HttpMethod.Post, $"/invoice?requestid={new string('a', 51)}", SandboxHost.InvoiceJson(customerId));
        var longest = await Sandbox.QuickBooksAsync(HttpMethod.Post, $"/invoice?requestid={new string('a', 50)}", SandboxHost.InvoiceJson(customerId));

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.Status);
        Assert.Equal("ValidationFault", tooLong.Json.GetProperty("Fault").GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.OK, longest.Status);
        Assert.Equal(1, (await Sandbox.AdminAsync(HttpMethod.Get, "/quickbooks/invoices")).Json.GetArrayLength());
    }

    [Fact]
    public async Task Invoice_for_unknown_customer_is_610_and_without_lines_is_400()
    {
        var customerId = await Sandbox.CreateCustomerAsync("Acme Ltd");

        var unknownCustomer = await Sandbox.QuickBooksAsync(HttpMethod.Post, "/invoice", SandboxHost.InvoiceJson("999"));
        var noLines = await Sandbox.QuickBooksAsync(
            HttpMethod.Post, "/invoice", $$"""{"CustomerRef":{"value":"{{customerId}}"},"Line":[]}""");

        Assert.Equal(HttpStatusCode.BadRequest, unknownCustomer.Status);
        var error = Assert.Single(unknownCustomer.Json.GetProperty("Fault").GetProperty("Error").EnumerateArray());
        Assert.Equal("610", error.GetProperty("code").GetString());
        Assert.Equal("Object Not Found", error.GetProperty("Message").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, noLines.Status);
        Assert.Equal(0, (await Sandbox.AdminAsync(HttpMethod.Get, "/quickbooks/invoices")).Json.GetArrayLength());
    }

    [Fact]
    public async Task Void_zeroes_the_invoice_and_a_stale_sync_token_is_5010()
    {
        var customerId = await Sandbox.CreateCustomerAsync("Acme Ltd");
        var created = await Sandbox.QuickBooksAsync(HttpMethod.Post, "/invoice", SandboxHost.InvoiceJson(customerId));
        var id = created.Json.GetProperty("Invoice").GetProperty("Id").GetString();

        var voided = await Sandbox.QuickBooksAsync(
            HttpMethod.Post, "/invoice?operation=void", $$"""{"Id":"{{id}}","SyncToken":"0"}""");
        var stale = await Sandbox.QuickBooksAsync(
            HttpMethod.Post, "/invoice?operation=void", $$"""{"Id":"{{id}}","SyncToken":"0"}""");

        Assert.Equal(HttpStatusCode.OK, voided.Status);
        var invoice = voided.Json.GetProperty("Invoice");
        Assert.Equal(0m, invoice.GetProperty("TotalAmt").GetDecimal());
        Assert.Equal(0m, invoice.GetProperty("Balance").GetDecimal());
        Assert.Equal("1", invoice.GetProperty("SyncToken").GetString());
        Assert.StartsWith("Voided", invoice.GetProperty("PrivateNote").GetString());

        Assert.Equal(HttpStatusCode.BadRequest, stale.Status);
        var error = Assert.Single(stale.Json.GetProperty("Fault").GetProperty("Error").EnumerateArray());
        Assert.Equal("5010", error.GetProperty("code").GetString());
        Assert.Equal("Stale Object Error", error.GetProperty("Message").GetString());
    }

    [Theory]
    [InlineData(3, 33.3333333, 100.00, true)]
    [InlineData(2, 74.25, 148.50, true)]
    [InlineData(2, 75.00, 148.50, false)]
    [InlineData(3, 33.33, 100.00, false)]
    public async Task Sales_line_amount_must_be_qty_times_unit_price_to_the_cent(decimal qty, decimal unitPrice, decimal amount, bool accepted)
    {
        var customerId = await Sandbox.CreateCustomerAsync("Acme Ltd");
        var body = System.Text.Json.JsonSerializer.Serialize(new
        {
            CustomerRef = new { value = customerId },
            Line = new[]
            {
                new
                {
                    DetailType = "SalesItemLineDetail",
                    Amount = amount,
                    SalesItemLineDetail = new { ItemRef = new { value = "1" }, Qty = qty, UnitPrice = unitPrice },
                },
            },
        });

        var response = await Sandbox.QuickBooksAsync(HttpMethod.Post, "/invoice", body);

        if (accepted)
        {
            Assert.Equal(HttpStatusCode.OK, response.Status);
            Assert.Equal(amount, response.Json.GetProperty("Invoice").GetProperty("TotalAmt").GetDecimal());
        }
        else
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.Status);
            var error = Assert.Single(response.Json.GetProperty("Fault").GetProperty("Error").EnumerateArray());
            Assert.Equal("6070", error.GetProperty("code").GetString());
            Assert.Equal(0, (await Sandbox.AdminAsync(HttpMethod.Get, "/quickbooks/invoices")).Json.GetArrayLength());
        }
    }

    [Fact]
    public async Task Void_zeroes_line_quantities_too()
    {
        var customerId = await Sandbox.CreateCustomerAsync("Acme Ltd");
        var created = await Sandbox.QuickBooksAsync(HttpMethod.Post, "/invoice", SandboxHost.InvoiceJson(customerId));
        var id = created.Json.GetProperty("Invoice").GetProperty("Id").GetString();

        var voided = await Sandbox.QuickBooksAsync(HttpMethod.Post, "/invoice?operation=void", $$"""{"Id":"{{id}}","SyncToken":"0"}""");

        var line = voided.Json.GetProperty("Invoice").GetProperty("Line")[0];
        Assert.Equal(0m, line.GetProperty("Amount").GetDecimal());
        Assert.Equal(0m, line.GetProperty("SalesItemLineDetail").GetProperty("Qty").GetDecimal());
    }

    [Fact]
    public async Task Unknown_entity_id_is_400_object_not_found()
    {
        var response = await Sandbox.QuickBooksAsync(HttpMethod.Get, "/customer/12345");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        var error = Assert.Single(response.Json.GetProperty("Fault").GetProperty("Error").EnumerateArray());
        Assert.Equal("610", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Credit_memo_is_created_with_total_and_listed_by_admin()
    {
        var customerId = await Sandbox.CreateCustomerAsync("Acme Ltd");

        var response = await Sandbox.QuickBooksAsync(
            HttpMethod.Post, "/creditmemo?requestid=cm-1", SandboxHost.InvoiceJson(customerId, 40.50m));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(40.50m, response.Json.GetProperty("CreditMemo").GetProperty("TotalAmt").GetDecimal());
        var memo = Assert.Single((await Sandbox.AdminAsync(HttpMethod.Get, "/quickbooks/creditmemos")).Json.EnumerateArray());
        Assert.Equal("cm-1", memo.GetProperty("requestId").GetString());
    }

    [Fact]
    public async Task Data_is_kept_per_realm()
    {
        await Sandbox.CreateCustomerAsync("Acme Ltd", realm: "111");

        var otherRealm = await Sandbox.QueryAsync("SELECT * FROM Customer WHERE DisplayName = 'Acme Ltd'", realm: "222");
        var sameName = await Sandbox.QuickBooksAsync(HttpMethod.Post, "/customer", """{"DisplayName":"Acme Ltd"}""", realm: "222");

        Assert.Empty(otherRealm.Json.GetProperty("QueryResponse").EnumerateObject());
        Assert.Equal(HttpStatusCode.OK, sameName.Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sandbox-hubspot-token")]
    public async Task Missing_or_wrong_token_is_401_authentication_fault(string? token)
    {
        var response = await Sandbox.SendAsync(
            HttpMethod.Post, $"/quickbooks/v3/company/{SandboxHost.Realm}/customer", token, """{"DisplayName":"Acme Ltd"}""");

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        var fault = response.Json.GetProperty("Fault");
        Assert.Equal("AUTHENTICATION", fault.GetProperty("type").GetString());
        var error = Assert.Single(fault.GetProperty("Error").EnumerateArray());
        Assert.Equal("3200", error.GetProperty("code").GetString());
        Assert.Equal("AuthenticationFailed", error.GetProperty("Message").GetString());
        Assert.Equal(0, (await Sandbox.AdminAsync(HttpMethod.Get, "/quickbooks/customers")).Json.GetArrayLength());
    }
}
