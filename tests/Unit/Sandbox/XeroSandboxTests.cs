using System.Net;
using System.Text.Json;
using Xunit;

namespace Integration.Tests.Unit.Sandbox;

public sealed class XeroSandboxTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    private SandboxHost Sandbox => fixture.Host;

    public Task InitializeAsync() => Sandbox.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(null)]
    [InlineData("sandbox-quickbooks-token")]
    public async Task Missing_or_wrong_token_is_401_and_stores_nothing(string? token)
    {
        var response = await Sandbox.XeroAsync(HttpMethod.Put, "/Contacts", """{"Contacts":[{"Name":"Acme Ltd"}]}""", token: token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("Unauthorized", response.Json.GetProperty("Title").GetString());
        Assert.Equal(401, response.Json.GetProperty("Status").GetInt32());
        Assert.Equal("AuthenticationUnsuccessful", response.Json.GetProperty("Detail").GetString());
        Assert.Equal(0, (await Sandbox.AdminAsync(HttpMethod.Get, "/xero/contacts")).Json.GetArrayLength());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-guid")]
    [InlineData("00000000-0000-0000-0000-000000000001")]
    public async Task Missing_or_unknown_tenant_is_403_authentication_unsuccessful(string? tenant)
    {
        var response = await Sandbox.XeroAsync(HttpMethod.Get, "/Contacts", tenant: tenant);

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Equal("Forbidden", response.Json.GetProperty("Title").GetString());
        Assert.Equal("AuthenticationUnsuccessful", response.Json.GetProperty("Detail").GetString());
    }

    [Fact]
    public async Task Authorised_calls_carry_the_limit_headers_and_the_envelope()
    {
        var response = await Sandbox.XeroAsync(HttpMethod.Get, "/Contacts");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("4999", Assert.Single(response.Message.Headers.GetValues("X-DayLimit-Remaining")));
        Assert.Equal("59", Assert.Single(response.Message.Headers.GetValues("X-MinLimit-Remaining")));
        Assert.Equal("OK", response.Json.GetProperty("Status").GetString());
        Assert.Equal(0, response.Json.GetProperty("Contacts").GetArrayLength());
    }

    [Fact]
    public async Task Created_contact_is_active_with_a_guid_id_and_readable_by_id()
    {
        var id = await Sandbox.CreateXeroContactAsync("Acme Ltd", "ap@acme.test");

        var read = await Sandbox.XeroAsync(HttpMethod.Get, $"/Contacts/{id}");

        Assert.True(Guid.TryParse(id, out _));
        var contact = Assert.Single(read.Json.GetProperty("Contacts").EnumerateArray());
        Assert.Equal("Acme Ltd", contact.GetProperty("Name").GetString());
        Assert.Equal("ap@acme.test", contact.GetProperty("EmailAddress").GetString());
        Assert.Equal("ACTIVE", contact.GetProperty("ContactStatus").GetString());
        Assert.StartsWith("/Date(", contact.GetProperty("UpdatedDateUTC").GetString());
    }

    [Fact]
    public async Task Duplicate_active_name_ignoring_case_is_a_validation_exception_and_stores_nothing()
    {
        await Sandbox.CreateXeroContactAsync("Acme Ltd");

        var response = await Sandbox.XeroAsync(HttpMethod.Put, "/Contacts", """{"Contacts":[{"Name":"ACME LTD","EmailAddress":"x@acme.test"}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(10, response.Json.GetProperty("ErrorNumber").GetInt32());
        Assert.Equal("ValidationException", response.Json.GetProperty("Type").GetString());
        var element = Assert.Single(response.Json.GetProperty("Elements").EnumerateArray());
        Assert.Equal("ACME LTD", element.GetProperty("Name").GetString());
        var error = Assert.Single(element.GetProperty("ValidationErrors").EnumerateArray());
        Assert.Contains("is already assigned to another contact", error.GetProperty("Message").GetString());
        Assert.Equal(1, (await Sandbox.AdminAsync(HttpMethod.Get, "/xero/contacts")).Json.GetArrayLength());
    }

    [Fact]
    public async Task An_archived_contact_frees_its_name_and_post_updates_by_contact_id()
    {
        var id = await Sandbox.CreateXeroContactAsync("Acme Ltd");

        var archived = await Sandbox.XeroAsync(HttpMethod.Post, "/Contacts", $$"""{"Contacts":[{"ContactID":"{{id}}","ContactStatus":"ARCHIVED"}]}""");
        var again = await Sandbox.XeroAsync(HttpMethod.Put, "/Contacts", """{"Contacts":[{"Name":"Acme Ltd"}]}""");

        Assert.Equal(HttpStatusCode.OK, archived.Status);
        Assert.Equal("ARCHIVED", archived.Json.GetProperty("Contacts")[0].GetProperty("ContactStatus").GetString());
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.NotEqual(id, again.Json.GetProperty("Contacts")[0].GetProperty("ContactID").GetString());
    }

    [Theory]
    [InlineData("EmailAddress==\"AP@acme.test\"", new[] { "Acme Ltd" })]
    [InlineData("EmailAddress!=null&&EmailAddress.EndsWith(\"@acme.test\")", new[] { "Acme Ltd", "Acme Services" })]
    [InlineData("Name==\"acme services\"", new[] { "Acme Services" })]
    [InlineData("Name.StartsWith(\"ACME\")", new[] { "Acme \"Quoted\"", "Acme Ltd", "Acme Services" })]
    [InlineData("Name.StartsWith(\"acme\") && EmailAddress.EndsWith(\"@acme.test\")", new[] { "Acme Ltd", "Acme Services" })]
    [InlineData("Name.StartsWith(\"Acme \\\"Q\")", new[] { "Acme \"Quoted\"" })]
    [InlineData("Name.Contains(\"corp\") AND ContactStatus==\"ACTIVE\"", new[] { "Globex Corp" })]
    public async Task Contacts_where_filters_ignore_case_and_join_with_and(string where, string[] expected)
    {
        await Sandbox.CreateXeroContactAsync("Acme Ltd", "ap@acme.test");
        await Sandbox.CreateXeroContactAsync("Acme Services", "billing@acme.test");
        await Sandbox.CreateXeroContactAsync("Acme \"Quoted\"");
        await Sandbox.CreateXeroContactAsync("Globex Corp", "ap@globex.test");

        var response = await Sandbox.XeroAsync(HttpMethod.Get, $"/Contacts?where={Uri.EscapeDataString(where)}");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(expected, Names(response));
    }

    [Fact]
    public async Task Search_term_matches_name_or_email_containing_it()
    {
        await Sandbox.CreateXeroContactAsync("Acme Ltd", "ap@acme.test");
        await Sandbox.CreateXeroContactAsync("Globex Corp", "ap@globex.test");
        await Sandbox.CreateXeroContactAsync("Initech", "acme-owner@initech.test");

        var response = await Sandbox.XeroAsync(HttpMethod.Get, "/Contacts?searchTerm=ACME");

        Assert.Equal(["Acme Ltd", "Initech"], Names(response));
    }

    [Theory]
    [InlineData("Phone==\"1\"")]
    [InlineData("Name.Matches(\"a\")")]
    [InlineData("Name==\"a\" || Name==\"b\"")]
    public async Task Unsupported_where_is_400_query_parse_exception(string where)
    {
        var response = await Sandbox.XeroAsync(HttpMethod.Get, $"/Contacts?where={Uri.EscapeDataString(where)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("QueryParseException", response.Json.GetProperty("Type").GetString());
    }

    [Fact]
    public async Task Contacts_page_holds_at_most_100()
    {
        for (var i = 0; i < 101; i++)
        {
            await Sandbox.AdminAsync(HttpMethod.Post, "/xero/contacts", $$"""{"Name":"Customer {{i:D3}}"}""");
        }

        var first = await Sandbox.XeroAsync(HttpMethod.Get, "/Contacts?page=1");
        var second = await Sandbox.XeroAsync(HttpMethod.Get, "/Contacts?page=2");
        var all = await Sandbox.XeroAsync(HttpMethod.Get, "/Contacts");

        Assert.Equal(100, first.Json.GetProperty("Contacts").GetArrayLength());
        Assert.Equal(["Customer 100"], Names(second));
        Assert.Equal(101, all.Json.GetProperty("Contacts").GetArrayLength());
    }

    [Fact]
    public async Task Same_idempotency_key_replays_the_original_answer_and_creates_once()
    {
        var first = await Sandbox.XeroAsync(HttpMethod.Put, "/Contacts", """{"Contacts":[{"Name":"Acme Ltd"}]}""", idempotencyKey: "crm-company-9001");
        var second = await Sandbox.XeroAsync(HttpMethod.Put, "/Contacts", """{"Contacts":[{"Name":"Other Ltd"}]}""", idempotencyKey: "crm-company-9001");

        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal(first.Text, second.Text);
        var stored = Assert.Single((await Sandbox.AdminAsync(HttpMethod.Get, "/xero/contacts")).Json.EnumerateArray());
        Assert.Equal("crm-company-9001", stored.GetProperty("idempotencyKey").GetString());
        Assert.Equal("Acme Ltd", stored.GetProperty("contact").GetProperty("Name").GetString());
    }

    [Fact]
    public async Task A_failed_write_is_replayed_under_its_key_and_keys_are_at_most_128_characters()
    {
        var failed = await Sandbox.XeroAsync(HttpMethod.Put, "/Invoices", SandboxHost.XeroInvoiceJson(Guid.NewGuid().ToString()), idempotencyKey: "inv-1");
        var contact = await Sandbox.CreateXeroContactAsync("Acme Ltd");
        var replayed = await Sandbox.XeroAsync(HttpMethod.Put, "/Invoices", SandboxHost.XeroInvoiceJson(contact), idempotencyKey: "inv-1");
        var tooLong = await Sandbox.XeroAsync(HttpMethod.Put, "/Invoices", SandboxHost.XeroInvoiceJson(contact), idempotencyKey: new string('k', 129));
        var longest = await Sandbox.XeroAsync(HttpMethod.Put, "/Invoices", SandboxHost.XeroInvoiceJson(contact), idempotencyKey: new string('k', 128));

        Assert.Equal(HttpStatusCode.BadRequest, failed.Status);
        Assert.Equal(failed.Text, replayed.Text);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.Status);
        Assert.Contains("128", tooLong.Text);
        Assert.Equal(HttpStatusCode.OK, longest.Status);
        Assert.Equal(1, (await Sandbox.AdminAsync(HttpMethod.Get, "/xero/invoices")).Json.GetArrayLength());
    }

    [Fact]
    public async Task Invoice_for_an_unknown_contact_is_a_validation_exception()
    {
        var response = await Sandbox.XeroAsync(HttpMethod.Put, "/Invoices", SandboxHost.XeroInvoiceJson(Guid.NewGuid().ToString()));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        var element = Assert.Single(response.Json.GetProperty("Elements").EnumerateArray());
        Assert.Contains("could not be found", element.GetProperty("ValidationErrors")[0].GetProperty("Message").GetString());
        Assert.Equal(0, (await Sandbox.AdminAsync(HttpMethod.Get, "/xero/invoices")).Json.GetArrayLength());
    }

    [Fact]
    public async Task Invoice_totals_are_computed_and_it_is_readable_by_id()
    {
        var contact = await Sandbox.CreateXeroContactAsync("Acme Ltd");

        var created = await Sandbox.XeroAsync(
            HttpMethod.Put, "/Invoices", SandboxHost.XeroInvoiceJson(contact, quantity: 3, unitAmount: 50.00m, discount: 15.00m), idempotencyKey: "deal-1001-invoice-r1");

        Assert.Equal(HttpStatusCode.OK, created.Status);
        var invoice = Assert.Single(created.Json.GetProperty("Invoices").EnumerateArray());
        Assert.Equal("INV-0001", invoice.GetProperty("InvoiceNumber").GetString());
        Assert.Equal("AUTHORISED", invoice.GetProperty("Status").GetString());
        Assert.Equal(135.00m, invoice.GetProperty("LineItems")[0].GetProperty("LineAmount").GetDecimal());
        Assert.Equal(135.00m, invoice.GetProperty("SubTotal").GetDecimal());
        Assert.Equal(135.00m, invoice.GetProperty("Total").GetDecimal());
        Assert.Equal(135.00m, invoice.GetProperty("AmountDue").GetDecimal());
        Assert.Equal("2026-11-20T00:00:00", invoice.GetProperty("DateString").GetString());
        Assert.StartsWith("/Date(", invoice.GetProperty("Date").GetString());
        Assert.Equal(contact, invoice.GetProperty("Contact").GetProperty("ContactID").GetString());
        Assert.Equal("Acme Ltd", invoice.GetProperty("Contact").GetProperty("Name").GetString());

        var id = invoice.GetProperty("InvoiceID").GetString();
        var read = await Sandbox.XeroAsync(HttpMethod.Get, $"/Invoices/{id}");
        Assert.Equal(135.00m, read.Json.GetProperty("Invoices")[0].GetProperty("Total").GetDecimal());
        var listed = Assert.Single((await Sandbox.AdminAsync(HttpMethod.Get, "/xero/invoices")).Json.EnumerateArray());
        Assert.Equal("deal-1001-invoice-r1", listed.GetProperty("idempotencyKey").GetString());
        Assert.Equal("SO-1001", listed.GetProperty("reference").GetString());
    }

    [Fact]
    public async Task Unit_amounts_keep_four_decimals_only_with_unitdp_4()
    {
        var contact = await Sandbox.CreateXeroContactAsync("Acme Ltd");

        var twoDecimals = await Sandbox.XeroAsync(HttpMethod.Put, "/Invoices", SandboxHost.XeroInvoiceJson(contact, quantity: 3, unitAmount: 33.3333m));
        var fourDecimals = await Sandbox.XeroAsync(HttpMethod.Put, "/Invoices?unitdp=4", SandboxHost.XeroInvoiceJson(contact, quantity: 3, unitAmount: 33.3333m));

        var two = twoDecimals.Json.GetProperty("Invoices")[0].GetProperty("LineItems")[0];
        var four = fourDecimals.Json.GetProperty("Invoices")[0].GetProperty("LineItems")[0];
        Assert.Equal(33.33m, two.GetProperty("UnitAmount").GetDecimal());
        Assert.Equal(99.99m, two.GetProperty("LineAmount").GetDecimal());
        Assert.Equal(33.3333m, four.GetProperty("UnitAmount").GetDecimal());
        Assert.Equal(100.00m, four.GetProperty("LineAmount").GetDecimal());
    }

    [Fact]
    public async Task A_line_amount_that_disagrees_with_quantity_times_unit_amount_is_refused()
    {
        var contact = await Sandbox.CreateXeroContactAsync("Acme Ltd");
        var body = $$"""{"Invoices":[{"Type":"ACCREC","Contact":{"ContactID":"{{contact}}"},"DueDate":"2026-12-20","Status":"AUTHORISED","LineItems":[{"Description":"x","Quantity":2,"UnitAmount":10,"LineAmount":25}]}]}""";

        var response = await Sandbox.XeroAsync(HttpMethod.Put, "/Invoices", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("LineAmount", response.Json.GetProperty("Elements")[0].GetProperty("ValidationErrors")[0].GetProperty("Message").GetString());
    }

    [Fact]
    public async Task Authorised_invoice_is_voided_and_keeps_its_total()
    {
        var id = await CreateInvoiceAsync("AUTHORISED");

        var voided = await Sandbox.XeroAsync(HttpMethod.Post, $"/Invoices/{id}", $$"""{"InvoiceID":"{{id}}","Status":"VOIDED"}""", idempotencyKey: "void-1");

        Assert.Equal(HttpStatusCode.OK, voided.Status);
        var invoice = voided.Json.GetProperty("Invoices")[0];
        Assert.Equal("VOIDED", invoice.GetProperty("Status").GetString());
        Assert.Equal(150.00m, invoice.GetProperty("Total").GetDecimal());
        Assert.Equal(0m, invoice.GetProperty("AmountDue").GetDecimal());
        var read = await Sandbox.XeroAsync(HttpMethod.Get, $"/Invoices/{id}");
        Assert.Equal("VOIDED", read.Json.GetProperty("Invoices")[0].GetProperty("Status").GetString());
    }

    [Theory]
    [InlineData("DRAFT", "DELETED", true)]
    [InlineData("SUBMITTED", "DELETED", true)]
    [InlineData("DRAFT", "VOIDED", false)]
    [InlineData("AUTHORISED", "DELETED", false)]
    [InlineData("AUTHORISED", "PAID", false)]
    public async Task Status_changes_follow_xero_rules(string from, string to, bool allowed)
    {
        var id = await CreateInvoiceAsync(from);

        var response = await Sandbox.XeroAsync(HttpMethod.Post, $"/Invoices/{id}", $$"""{"Invoices":[{"InvoiceID":"{{id}}","Status":"{{to}}"}]}""");

        var stored = await Sandbox.XeroAsync(HttpMethod.Get, $"/Invoices/{id}");
        var status = stored.Json.GetProperty("Invoices")[0].GetProperty("Status").GetString();
        if (allowed)
        {
            Assert.Equal(HttpStatusCode.OK, response.Status);
            Assert.Equal(to, status);
        }
        else
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.Status);
            Assert.Equal("ValidationException", response.Json.GetProperty("Type").GetString());
            Assert.Equal(from, status);
        }
    }

    [Fact]
    public async Task An_invoice_with_a_payment_cannot_be_voided_and_a_full_payment_makes_it_paid()
    {
        var partly = await CreateInvoiceAsync("AUTHORISED");
        var fully = await CreateInvoiceAsync("AUTHORISED");

        var payment = await Sandbox.AdminAsync(HttpMethod.Post, $"/xero/invoices/{partly}/payments", """{"amount":10}""");
        var full = await Sandbox.AdminAsync(HttpMethod.Post, $"/xero/invoices/{fully}/payments");
        var voidPartly = await Sandbox.XeroAsync(HttpMethod.Post, $"/Invoices/{partly}", $$"""{"InvoiceID":"{{partly}}","Status":"VOIDED"}""");
        var voidPaid = await Sandbox.XeroAsync(HttpMethod.Post, $"/Invoices/{fully}", $$"""{"InvoiceID":"{{fully}}","Status":"VOIDED"}""");

        Assert.Equal(HttpStatusCode.OK, payment.Status);
        Assert.Equal(140m, payment.Json.GetProperty("AmountDue").GetDecimal());
        Assert.Equal("PAID", full.Json.GetProperty("Status").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, voidPartly.Status);
        Assert.Contains("payments", voidPartly.Text);
        Assert.Equal(HttpStatusCode.BadRequest, voidPaid.Status);
    }

    [Fact]
    public async Task Unknown_invoice_or_credit_note_is_404()
    {
        var invoice = await Sandbox.XeroAsync(HttpMethod.Get, $"/Invoices/{Guid.NewGuid()}");
        var creditNote = await Sandbox.XeroAsync(HttpMethod.Get, $"/CreditNotes/{Guid.NewGuid()}");
        var voidUnknown = await Sandbox.XeroAsync(HttpMethod.Post, $"/Invoices/{Guid.NewGuid()}", """{"Status":"VOIDED"}""");

        Assert.Equal(HttpStatusCode.NotFound, invoice.Status);
        Assert.Equal("Not Found", invoice.Json.GetProperty("Title").GetString());
        Assert.Equal(HttpStatusCode.NotFound, creditNote.Status);
        Assert.Equal(HttpStatusCode.NotFound, voidUnknown.Status);
    }

    [Fact]
    public async Task Credit_note_is_created_readable_by_id_and_listed_with_key_and_reference()
    {
        var contact = await Sandbox.CreateXeroContactAsync("Acme Ltd");
        var body = $$"""{"CreditNotes":[{"Type":"ACCRECCREDIT","Contact":{"ContactID":"{{contact}}"},"Date":"2026-11-25","LineAmountTypes":"Exclusive","Status":"AUTHORISED","Reference":"Credit INV-0001","LineItems":[{"Description":"Consulting","Quantity":1,"UnitAmount":40.50,"AccountCode":"200"}]}]}""";

        var created = await Sandbox.XeroAsync(HttpMethod.Put, "/CreditNotes", body, idempotencyKey: "deal-1001-reverse-r1");

        Assert.Equal(HttpStatusCode.OK, created.Status);
        var note = created.Json.GetProperty("CreditNotes")[0];
        Assert.Equal("CN-0001", note.GetProperty("CreditNoteNumber").GetString());
        Assert.Equal(40.50m, note.GetProperty("Total").GetDecimal());
        Assert.Equal(40.50m, note.GetProperty("RemainingCredit").GetDecimal());
        var read = await Sandbox.XeroAsync(HttpMethod.Get, $"/CreditNotes/{note.GetProperty("CreditNoteID").GetString()}");
        Assert.Equal("ACCRECCREDIT", read.Json.GetProperty("CreditNotes")[0].GetProperty("Type").GetString());
        var listed = Assert.Single((await Sandbox.AdminAsync(HttpMethod.Get, "/xero/creditnotes")).Json.EnumerateArray());
        Assert.Equal("deal-1001-reverse-r1", listed.GetProperty("idempotencyKey").GetString());
        Assert.Equal("Credit INV-0001", listed.GetProperty("reference").GetString());
    }

    [Fact]
    public async Task Seeded_contact_is_found_through_the_api_and_reset_clears_xero()
    {
        var seeded = await Sandbox.AdminAsync(HttpMethod.Post, "/xero/contacts", """{"ContactID":"11111111-2222-3333-4444-555555555555","Name":"Acme Ltd","EmailAddress":"ap@acme.test","ContactStatus":"ARCHIVED"}""");
        var duplicateFree = await Sandbox.AdminAsync(HttpMethod.Post, "/xero/contacts", """{"Name":"Acme Ltd"}""");
        var duplicate = await Sandbox.AdminAsync(HttpMethod.Post, "/xero/contacts", """{"Name":"acme ltd"}""");

        Assert.Equal(HttpStatusCode.Created, seeded.Status);
        Assert.Equal(HttpStatusCode.Created, duplicateFree.Status);
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.Status);
        var read = await Sandbox.XeroAsync(HttpMethod.Get, "/Contacts/11111111-2222-3333-4444-555555555555");
        Assert.Equal("ARCHIVED", read.Json.GetProperty("Contacts")[0].GetProperty("ContactStatus").GetString());

        await Sandbox.ResetAsync();

        Assert.Equal(0, (await Sandbox.AdminAsync(HttpMethod.Get, "/xero/contacts")).Json.GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await Sandbox.XeroAsync(HttpMethod.Get, "/Contacts/11111111-2222-3333-4444-555555555555")).Status);
    }

    [Fact]
    public async Task Xero_faults_are_injected_in_xero_shape_and_counted()
    {
        await Sandbox.SetFaultsAsync("xero", """{"rate429":1,"retryAfterSeconds":7}""");

        var response = await Sandbox.XeroAsync(HttpMethod.Get, "/Contacts");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.Status);
        Assert.Equal("7", Assert.Single(response.Message.Headers.GetValues("Retry-After")));
        Assert.Equal("minute", Assert.Single(response.Message.Headers.GetValues("X-Rate-Limit-Problem")));
        Assert.Equal(429, response.Json.GetProperty("Status").GetInt32());
        var counters = (await Sandbox.AdminAsync(HttpMethod.Get, "/requests")).Json.GetProperty("xero");
        Assert.Equal(1, counters.GetProperty("total").GetInt64());
        Assert.Equal(1, counters.GetProperty("faulted").GetInt64());
    }

    [Fact]
    public async Task A_lost_response_after_processing_is_recovered_by_resending_the_key()
    {
        var contact = await Sandbox.CreateXeroContactAsync("Acme Ltd");
        await Sandbox.SetFaultsAsync("xero", """{"rate500AfterProcessing":1}""");

        var lost = await Sandbox.XeroAsync(HttpMethod.Put, "/Invoices", SandboxHost.XeroInvoiceJson(contact), idempotencyKey: "deal-7-invoice-r1");
        await Sandbox.SetFaultsAsync("xero", "{}");
        var retried = await Sandbox.XeroAsync(HttpMethod.Put, "/Invoices", SandboxHost.XeroInvoiceJson(contact), idempotencyKey: "deal-7-invoice-r1");

        Assert.Equal(HttpStatusCode.InternalServerError, lost.Status);
        Assert.Equal(HttpStatusCode.OK, retried.Status);
        var stored = Assert.Single((await Sandbox.AdminAsync(HttpMethod.Get, "/xero/invoices")).Json.EnumerateArray());
        Assert.Equal(
            stored.GetProperty("invoice").GetProperty("InvoiceID").GetString(),
            retried.Json.GetProperty("Invoices")[0].GetProperty("InvoiceID").GetString());
    }

    [Fact]
    public async Task A_configured_tenant_replaces_the_default_and_a_bad_one_stops_start_up()
    {
        const string tenant = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
        await using var custom = await SandboxHost.StartAsync(new Dictionary<string, string?>
        {
            ["Sandbox:Xero:TenantId"] = tenant,
            ["Sandbox:Xero:AccessToken"] = "custom-xero",
        });

        var ok = await custom.XeroAsync(HttpMethod.Get, "/Contacts", tenant: tenant, token: "custom-xero");
        var defaultTenant = await custom.XeroAsync(HttpMethod.Get, "/Contacts", token: "custom-xero");

        Assert.Equal(HttpStatusCode.OK, ok.Status);
        Assert.Equal(HttpStatusCode.Forbidden, defaultTenant.Status);
        var bad = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            SandboxHost.StartAsync(new Dictionary<string, string?> { ["Sandbox:Xero:TenantId"] = "acme" }));
        Assert.Contains("Sandbox:Xero:TenantId", bad.Message);
    }

    private async Task<string> CreateInvoiceAsync(string status)
    {
        var contact = await Sandbox.CreateXeroContactAsync($"Customer {Guid.NewGuid():N}");
        var response = await Sandbox.XeroAsync(HttpMethod.Put, "/Invoices", SandboxHost.XeroInvoiceJson(contact, status));
        Assert.True(response.Status == HttpStatusCode.OK, response.Text);
        return response.Json.GetProperty("Invoices")[0].GetProperty("InvoiceID").GetString()!;
    }

    private static List<string> Names(SandboxResponse response) =>
        [.. response.Json.GetProperty("Contacts").EnumerateArray().Select(c => c.GetProperty("Name").GetString()!)];
}
