using System.Text.Json;
using Integration.Activities.Connectors.Erp;
using Integration.Activities.Connectors.Xero;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.DealToInvoice;
using Integration.Tests.Unit.Sandbox;
using Xunit;

namespace Integration.Tests.Unit.Activities.Connectors;

/// <summary>XeroClient against the in-process Xero sandbox over real HTTP.</summary>
public sealed class XeroErpConnectorTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    private const string Correlation = "corr-xero";

    private SandboxHost Sandbox => fixture.Host;

    private IErpConnector Erp => SandboxConnectors.Xero(Sandbox);

    public Task InitializeAsync() => Sandbox.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void System_name_is_xero()
    {
        Assert.Equal("xero", Erp.SystemName);
    }

    [Fact]
    public async Task Get_customer_maps_an_archived_contact_as_inactive_and_unknown_or_non_guid_ids_as_null()
    {
        var seeded = await Sandbox.AdminAsync(HttpMethod.Post, "/xero/contacts", """{"Name":"Old Ltd","EmailAddress":"ap@old.test","ContactStatus":"ARCHIVED"}""");
        string id = seeded.Json.GetProperty("ContactID").GetString()!;

        ErpCustomer? archived = await Erp.GetCustomerAsync(id, Correlation, default);
        ErpCustomer? unknown = await Erp.GetCustomerAsync(Guid.NewGuid().ToString(), Correlation, default);
        ErpCustomer? qboStyle = await Erp.GetCustomerAsync("58", Correlation, default);

        Assert.Equal(new ErpCustomer(id, "Old Ltd", "ap@old.test", false), archived);
        Assert.Null(unknown);
        Assert.Null(qboStyle);
    }

    [Fact]
    public async Task Find_merges_email_domain_and_name_prefix_matches_once_each_email_first()
    {
        string both = await Sandbox.CreateXeroContactAsync("Acme Ltd", "ap@acme.test");
        string byName = await Sandbox.CreateXeroContactAsync("ACME Holdings", "billing@holdings.test");
        string byEmail = await Sandbox.CreateXeroContactAsync("Road Runner Inc", "rr@ACME.test");
        await Sandbox.CreateXeroContactAsync("Globex", "ap@globex.test");
        await Sandbox.CreateXeroContactAsync("Acme-less", "ap@notacme.test");

        IReadOnlyList<ErpCustomer> found = await Erp.FindCustomersAsync(new ErpCustomerQuery("acme.test", "acme "), Correlation, default);

        Assert.Equal([both, byEmail, byName], found.Select(c => c.Id));
        Assert.All(found, c => Assert.True(c.Active));
    }

    [Fact]
    public async Task Find_escapes_double_quotes_in_the_where_clause()
    {
        string id = await Sandbox.CreateXeroContactAsync("\"Quoted\" Ltd");
        await Sandbox.CreateXeroContactAsync("Quoted Other");

        IReadOnlyList<ErpCustomer> found = await Erp.FindCustomersAsync(new ErpCustomerQuery(null, "\"quoted\""), Correlation, default);

        Assert.Equal(id, Assert.Single(found).Id);
    }

    [Fact]
    public async Task Create_customer_sends_the_key_and_answers_null_for_a_taken_name()
    {
        ErpCustomer? created = await Erp.CreateCustomerAsync(new ErpCustomerDraft("Acme Ltd", "ap@acme.test", "PARTNER", "CRM company 9001"), "crm-company-9001", Correlation, default);
        ErpCustomer? replayed = await Erp.CreateCustomerAsync(new ErpCustomerDraft("Acme Ltd", "ap@acme.test", null, null), "crm-company-9001", Correlation, default);
        ErpCustomer? taken = await Erp.CreateCustomerAsync(new ErpCustomerDraft("acme ltd", null, null, null), "crm-company-9002", Correlation, default);

        Assert.NotNull(created);
        Assert.True(Guid.TryParse(created.Id, out _));
        Assert.Equal(created, replayed);
        Assert.Null(taken);
        JsonElement stored = Assert.Single((await Sandbox.AdminAsync(HttpMethod.Get, "/xero/contacts")).Json.EnumerateArray());
        Assert.Equal("crm-company-9001", stored.GetProperty("idempotencyKey").GetString());
        Assert.Equal("ap@acme.test", stored.GetProperty("contact").GetProperty("EmailAddress").GetString());
    }

    [Fact]
    public async Task Create_invoice_sends_an_authorised_accrec_invoice_with_discounts_and_is_idempotent()
    {
        string contact = await Sandbox.CreateXeroContactAsync("Acme Ltd");
        ErpInvoiceDraft draft = Draft(contact, SandboxConnectors.Line("l1", 3, 50.00m, 15.00m), SandboxConnectors.Line("l2", 3, 33.3333m, taxCode: null, itemCode: ""));

        ErpInvoice first = await Erp.CreateInvoiceAsync(draft, "deal-1001-invoice-r1", Correlation, default);
        ErpInvoice again = await Erp.CreateInvoiceAsync(draft, "deal-1001-invoice-r1", Correlation, default);

        Assert.Equal(first.Id, again.Id);
        Assert.Equal(first.Lines, again.Lines);
        Assert.Equal(235.00m, first.Total);
        Assert.Equal("INV-0001", first.Number);
        Assert.Equal(ErpInvoice.Open, first.Status);
        Assert.Equal(new DateOnly(2026, 11, 20), first.Date);
        Assert.Equal("USD", first.Currency);
        Assert.Equal(contact, first.CustomerId);
        Assert.Equal([135.00m, 100.00m], first.Lines.Select(l => l.NetAmount));
        JsonElement stored = Assert.Single((await Sandbox.AdminAsync(HttpMethod.Get, "/xero/invoices")).Json.EnumerateArray());
        Assert.Equal("deal-1001-invoice-r1", stored.GetProperty("idempotencyKey").GetString());
        Assert.Equal("CRM deal 1001 r1", stored.GetProperty("reference").GetString());
        JsonElement invoice = stored.GetProperty("invoice");
        Assert.Equal("ACCREC", invoice.GetProperty("Type").GetString());
        Assert.Equal("AUTHORISED", invoice.GetProperty("Status").GetString());
        Assert.Equal("Exclusive", invoice.GetProperty("LineAmountTypes").GetString());
        Assert.Equal("2026-12-20T00:00:00", invoice.GetProperty("DueDateString").GetString());
        JsonElement discounted = invoice.GetProperty("LineItems")[0];
        Assert.Equal(50.00m, discounted.GetProperty("UnitAmount").GetDecimal());
        Assert.Equal(15.00m, discounted.GetProperty("DiscountAmount").GetDecimal());
        Assert.Equal("SVC", discounted.GetProperty("ItemCode").GetString());
        Assert.Equal("TAX", discounted.GetProperty("TaxType").GetString());
        Assert.Equal("200", discounted.GetProperty("AccountCode").GetString());
        JsonElement plain = invoice.GetProperty("LineItems")[1];
        Assert.Equal(33.3333m, plain.GetProperty("UnitAmount").GetDecimal());
        Assert.False(plain.TryGetProperty("ItemCode", out _));
        Assert.False(plain.TryGetProperty("DiscountAmount", out _));
    }

    [Fact]
    public async Task A_list_price_with_more_than_four_decimals_goes_as_a_net_unit_amount_and_says_so()
    {
        string contact = await Sandbox.CreateXeroContactAsync("Acme Ltd");
        InvoiceLine line = SandboxConnectors.Line("l1", 3, 33.333333m, 0.50m);

        ErpInvoice created = await Erp.CreateInvoiceAsync(Draft(contact, line), "deal-2-invoice-r1", Correlation, default);

        InvoiceLine back = Assert.Single(created.Lines);
        Assert.Equal(99.50m, back.NetAmount);
        Assert.Equal(33.1667m, back.UnitPrice);
        Assert.Equal(0m, back.DiscountAmount);
        Assert.Equal("Consulting (3 × 33.333333 list, less 0.50 discount)", back.Description);
    }

    [Fact]
    public async Task A_blank_sales_account_sends_no_account_code()
    {
        string contact = await Sandbox.CreateXeroContactAsync("Acme Ltd");
        IErpConnector erp = SandboxConnectors.Xero(Sandbox, salesAccountCode: " ");

        await erp.CreateInvoiceAsync(Draft(contact, SandboxConnectors.Line("l1", 1, 10m)), "deal-9-invoice-r1", Correlation, default);

        JsonElement line = Assert.Single((await Sandbox.AdminAsync(HttpMethod.Get, "/xero/invoices")).Json.EnumerateArray())
            .GetProperty("invoice").GetProperty("LineItems")[0];
        Assert.False(line.TryGetProperty("AccountCode", out _));
        Assert.Equal("SVC", line.GetProperty("ItemCode").GetString());
    }

    [Fact]
    public async Task Get_invoice_maps_lines_back_and_returns_null_for_an_unknown_id()
    {
        string contact = await Sandbox.CreateXeroContactAsync("Acme Ltd");
        ErpInvoice created = await Erp.CreateInvoiceAsync(Draft(contact, SandboxConnectors.Line("l1", 3, 50.00m, 15.00m)), "deal-3-invoice-r1", Correlation, default);

        ErpInvoice? read = await Erp.GetInvoiceAsync(created.Id, Correlation, default);
        ErpInvoice? unknown = await Erp.GetInvoiceAsync(Guid.NewGuid().ToString(), Correlation, default);

        Assert.NotNull(read);
        InvoiceLine line = Assert.Single(read.Lines);
        Assert.Equal(("SVC", "Consulting", 3m, 50.00m, 15.00m, 135.00m, "TAX"), (line.ItemCode, line.Description, line.Quantity, line.UnitPrice, line.DiscountAmount, line.NetAmount, line.TaxCode));
        Assert.True(Guid.TryParse(line.CrmLineId, out _));
        Assert.Null(unknown);
    }

    [Fact]
    public async Task Void_voids_an_authorised_invoice_once_and_returns_it_when_already_void()
    {
        string contact = await Sandbox.CreateXeroContactAsync("Acme Ltd");
        ErpInvoice created = await Erp.CreateInvoiceAsync(Draft(contact, SandboxConnectors.Line("l1", 2, 75.00m)), "deal-4-invoice-r1", Correlation, default);

        ErpInvoice voided = await Erp.VoidInvoiceAsync(created.Id, "deal-4-reverse-r1", Correlation, default);
        ErpInvoice again = await Erp.VoidInvoiceAsync(created.Id, "deal-4-reverse-r1-other", Correlation, default);

        Assert.Equal(ErpInvoice.Void, voided.Status);
        Assert.Equal(150.00m, voided.Total);
        Assert.Equal(ErpInvoice.Void, again.Status);
        string? read = (await Sandbox.XeroAsync(HttpMethod.Get, $"/Invoices/{created.Id}")).Json.GetProperty("Invoices")[0].GetProperty("Status").GetString();
        Assert.Equal("VOIDED", read);
    }

    [Fact]
    public async Task Void_deletes_a_draft_invoice()
    {
        string contact = await Sandbox.CreateXeroContactAsync("Acme Ltd");
        string id = (await Sandbox.XeroAsync(HttpMethod.Put, "/Invoices", SandboxHost.XeroInvoiceJson(contact, status: "DRAFT")))
            .Json.GetProperty("Invoices")[0].GetProperty("InvoiceID").GetString()!;

        ErpInvoice deleted = await Erp.VoidInvoiceAsync(id, "deal-5-reverse-r1", Correlation, default);

        Assert.Equal(ErpInvoice.Deleted, deleted.Status);
    }

    [Fact]
    public async Task Voiding_a_paid_or_unknown_invoice_is_permanent()
    {
        string contact = await Sandbox.CreateXeroContactAsync("Acme Ltd");
        ErpInvoice created = await Erp.CreateInvoiceAsync(Draft(contact, SandboxConnectors.Line("l1", 2, 75.00m)), "deal-6-invoice-r1", Correlation, default);
        await Sandbox.AdminAsync(HttpMethod.Post, $"/xero/invoices/{created.Id}/payments", """{"amount":20}""");

        PermanentActivityFailureException partPaid = await Assert.ThrowsAsync<PermanentActivityFailureException>(() =>
            Erp.VoidInvoiceAsync(created.Id, "deal-6-reverse-r1", Correlation, default));
        await Assert.ThrowsAsync<PermanentActivityFailureException>(() =>
            Erp.VoidInvoiceAsync(Guid.NewGuid().ToString(), "deal-7-reverse-r1", Correlation, default));

        Assert.Contains("credit it instead", partPaid.Message, StringComparison.Ordinal);
        Assert.Equal("open", (await Erp.GetInvoiceAsync(created.Id, Correlation, default))!.Status);
    }

    [Fact]
    public async Task Credit_note_mirrors_the_draft_under_the_key()
    {
        string contact = await Sandbox.CreateXeroContactAsync("Acme Ltd");
        ErpInvoiceDraft draft = Draft(contact, SandboxConnectors.Line("l1", 3, 50.00m, 15.00m)) with { Reference = "Credit for invoice INV-0001: CRM deal 1001 r1" };

        ErpCreditNote note = await Erp.CreateCreditNoteAsync(draft, "deal-8-reverse-r1", Correlation, default);
        ErpCreditNote again = await Erp.CreateCreditNoteAsync(draft, "deal-8-reverse-r1", Correlation, default);

        Assert.Equal(135.00m, note.Total);
        Assert.Equal("CN-0001", note.Number);
        Assert.Equal(note, again);
        JsonElement stored = Assert.Single((await Sandbox.AdminAsync(HttpMethod.Get, "/xero/creditnotes")).Json.EnumerateArray());
        Assert.Equal("deal-8-reverse-r1", stored.GetProperty("idempotencyKey").GetString());
        Assert.Equal("Credit for invoice INV-0001: CRM deal 1001 r1", stored.GetProperty("reference").GetString());
        JsonElement credit = stored.GetProperty("creditNote");
        Assert.Equal("ACCRECCREDIT", credit.GetProperty("Type").GetString());
        Assert.Equal("AUTHORISED", credit.GetProperty("Status").GetString());
        Assert.Equal(contact, credit.GetProperty("Contact").GetProperty("ContactID").GetString());
    }

    [Fact]
    public async Task A_key_longer_than_128_characters_becomes_a_stable_idempotency_key()
    {
        string contact = await Sandbox.CreateXeroContactAsync("Acme Ltd");
        string key = "deal-" + new string('9', 150) + "-invoice-r1";

        ErpInvoice first = await Erp.CreateInvoiceAsync(Draft(contact, SandboxConnectors.Line("l1", 1, 10m)), key, Correlation, default);
        ErpInvoice again = await Erp.CreateInvoiceAsync(Draft(contact, SandboxConnectors.Line("l1", 1, 10m)), key, Correlation, default);

        Assert.Equal(first.Id, again.Id);
        string sent = Assert.Single((await Sandbox.AdminAsync(HttpMethod.Get, "/xero/invoices")).Json.EnumerateArray()).GetProperty("idempotencyKey").GetString()!;
        Assert.Equal(XeroClient.MaxIdempotencyKeyLength, sent.Length);
    }

    [Fact]
    public async Task A_tenant_the_token_may_not_use_is_permanent()
    {
        IErpConnector wrongTenant = SandboxConnectors.Xero(Sandbox, tenant: Guid.NewGuid().ToString());

        PermanentActivityFailureException error = await Assert.ThrowsAsync<PermanentActivityFailureException>(() =>
            wrongTenant.FindCustomersAsync(new ErpCustomerQuery("acme.test", null), Correlation, default));

        Assert.Contains("403", error.Message, StringComparison.Ordinal);
    }

    private static ErpInvoiceDraft Draft(string contactId, params InvoiceLine[] lines) =>
        new(contactId, new DateOnly(2026, 11, 20), new DateOnly(2026, 12, 20), "USD", "CRM deal 1001 r1", lines);
}
