using System.Net;
using System.Text.Json;
using Integration.Activities.Connectors.Erp;
using Integration.Activities.Connectors.QuickBooks;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.DealToInvoice;
using Integration.Tests.Unit.Sandbox;
using Xunit;

namespace Integration.Tests.Unit.Activities.Connectors;

/// <summary>QuickBooksClient as an <see cref="IErpConnector"/>, against the in-process QBO sandbox over real HTTP.</summary>
public sealed class QuickBooksErpConnectorTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    private const string Correlation = "corr-qbo";

    private SandboxHost Sandbox => fixture.Host;

    private IErpConnector Erp => SandboxConnectors.QuickBooks(Sandbox, defaultItemId: "42");

    public Task InitializeAsync() => Sandbox.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void System_name_is_quickbooks()
    {
        Assert.Equal("quickbooks", Erp.SystemName);
    }

    [Fact]
    public async Task Find_merges_email_domain_and_name_prefix_matches_once_each_email_first()
    {
        string both = await Sandbox.CreateCustomerAsync("Acme Ltd", "ap@acme.test");
        string byName = await Sandbox.CreateCustomerAsync("ACME Holdings", "billing@holdings.test");
        string byEmail = await Sandbox.CreateCustomerAsync("Road Runner Inc", "rr@ACME.test");
        await Sandbox.CreateCustomerAsync("Globex", "ap@globex.test");
        await Sandbox.CreateCustomerAsync("Acme-less", "ap@notacme.test");

        IReadOnlyList<ErpCustomer> found = await Erp.FindCustomersAsync(new ErpCustomerQuery("@acme.test", "acme "), Correlation, default);

        Assert.Equal([both, byEmail, byName], found.Select(c => c.Id));
        ErpCustomer acme = found[0];
        Assert.Equal("Acme Ltd", acme.Name);
        Assert.Equal("ap@acme.test", acme.Email);
        Assert.True(acme.Active);
    }

    [Fact]
    public async Task Find_escapes_quotes_and_skips_the_query_it_has_no_value_for()
    {
        string id = await Sandbox.CreateCustomerAsync("O'Brien Ltd");
        await Sandbox.CreateCustomerAsync("Obrien Other");

        IReadOnlyList<ErpCustomer> found = await Erp.FindCustomersAsync(new ErpCustomerQuery(null, "o'brien"), Correlation, default);

        Assert.Equal(id, Assert.Single(found).Id);
        long queries = (await Sandbox.AdminAsync(HttpMethod.Get, "/requests")).Json.GetProperty("quickbooks").GetProperty("total").GetInt64();
        Assert.Equal(3, queries);
    }

    [Fact]
    public async Task Get_customer_maps_inactive_and_returns_null_for_an_unknown_id()
    {
        var created = await Sandbox.QuickBooksAsync(HttpMethod.Post, "/customer", """{"DisplayName":"Gone Ltd","Active":false}""");
        string id = created.Json.GetProperty("Customer").GetProperty("Id").GetString()!;

        ErpCustomer? inactive = await Erp.GetCustomerAsync(id, Correlation, default);
        ErpCustomer? unknown = await Erp.GetCustomerAsync("999", Correlation, default);

        Assert.NotNull(inactive);
        Assert.False(inactive.Active);
        Assert.Equal("Gone Ltd", inactive.Name);
        Assert.Null(unknown);
    }

    [Fact]
    public async Task Create_customer_sends_category_and_note_and_answers_null_for_a_taken_name()
    {
        ErpCustomer? created = await Erp.CreateCustomerAsync(
            new ErpCustomerDraft("Acme Ltd", "ap@acme.test", "3", "CRM company 9001"), "crm-company-9001", Correlation, default);
        ErpCustomer? taken = await Erp.CreateCustomerAsync(
            new ErpCustomerDraft("ACME LTD", null, null, null), "crm-company-9002", Correlation, default);

        Assert.NotNull(created);
        Assert.Equal("ap@acme.test", created.Email);
        Assert.Null(taken);
        JsonElement stored = Assert.Single((await Sandbox.AdminAsync(HttpMethod.Get, "/quickbooks/customers")).Json.EnumerateArray());
        Assert.Equal("crm-company-9001", stored.GetProperty("requestId").GetString());
        JsonElement customer = stored.GetProperty("customer");
        Assert.Equal("3", customer.GetProperty("CustomerTypeRef").GetProperty("value").GetString());
        Assert.Equal("CRM company 9001", customer.GetProperty("Notes").GetString());
        Assert.Equal(created.Id, customer.GetProperty("Id").GetString());
    }

    [Fact]
    public async Task Create_invoice_maps_lines_currency_and_reference_and_is_idempotent()
    {
        string customer = await Sandbox.CreateCustomerAsync("Acme Ltd");
        ErpInvoiceDraft draft = Draft(customer, SandboxConnectors.Line("l1", 2, 75.00m), SandboxConnectors.Line("l2", 1, 30.00m, itemCode: "", taxCode: null));

        ErpInvoice first = await Erp.CreateInvoiceAsync(draft, "deal-1001-invoice-r1", Correlation, default);
        ErpInvoice again = await Erp.CreateInvoiceAsync(draft, "deal-1001-invoice-r1", Correlation, default);

        Assert.Equal(first.Id, again.Id);
        Assert.Equal(180.00m, first.Total);
        Assert.Equal(ErpInvoice.Open, first.Status);
        Assert.Equal("USD", first.Currency);
        Assert.Equal(new DateOnly(2026, 11, 20), first.Date);
        Assert.Equal(customer, first.CustomerId);
        Assert.False(string.IsNullOrEmpty(first.Number));
        JsonElement stored = Assert.Single((await Sandbox.AdminAsync(HttpMethod.Get, "/quickbooks/invoices")).Json.EnumerateArray());
        Assert.Equal("deal-1001-invoice-r1", stored.GetProperty("requestId").GetString());
        JsonElement invoice = stored.GetProperty("invoice");
        Assert.Equal("CRM deal 1001 r1", invoice.GetProperty("PrivateNote").GetString());
        Assert.Equal("USD", invoice.GetProperty("CurrencyRef").GetProperty("value").GetString());
        Assert.Equal("2026-12-20", invoice.GetProperty("DueDate").GetString());
        JsonElement line1 = invoice.GetProperty("Line")[0].GetProperty("SalesItemLineDetail");
        Assert.Equal("SVC", line1.GetProperty("ItemRef").GetProperty("value").GetString());
        Assert.Equal("TAX", line1.GetProperty("TaxCodeRef").GetProperty("value").GetString());
        Assert.Equal(2m, line1.GetProperty("Qty").GetDecimal());
        Assert.Equal(75.00m, line1.GetProperty("UnitPrice").GetDecimal());
        JsonElement line2 = invoice.GetProperty("Line")[1].GetProperty("SalesItemLineDetail");
        Assert.Equal("42", line2.GetProperty("ItemRef").GetProperty("value").GetString());
        Assert.False(line2.TryGetProperty("TaxCodeRef", out _));
    }

    [Theory]
    [InlineData(3, 33.34, 0.03, 99.99, 33.33)]
    [InlineData(3, 50.00, 15.00, 135.00, 45.00)]
    [InlineData(7, 19.99, 10.00, 129.93, 18.5614286)]
    public async Task A_discounted_line_gets_the_net_unit_price_qbo_accepts_and_says_the_discount(
        decimal quantity, decimal listPrice, decimal discount, decimal net, decimal expectedUnitPrice)
    {
        string customer = await Sandbox.CreateCustomerAsync("Acme Ltd");
        InvoiceLine line = SandboxConnectors.Line("l1", quantity, listPrice, discount);
        Assert.Equal(net, line.NetAmount);

        ErpInvoice created = await Erp.CreateInvoiceAsync(Draft(customer, line), "deal-1-invoice-r1", Correlation, default);

        Assert.Equal(net, created.Total);
        InvoiceLine back = Assert.Single(created.Lines);
        Assert.Equal(quantity, back.Quantity);
        Assert.Equal(expectedUnitPrice, back.UnitPrice);
        Assert.Equal(net, back.NetAmount);
        Assert.Contains($"list, less {discount:0.00} discount", back.Description, StringComparison.Ordinal);
        Assert.StartsWith("Consulting (", back.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_line_whose_net_unit_price_cannot_multiply_back_goes_as_one_unit()
    {
        string customer = await Sandbox.CreateCustomerAsync("Acme Ltd");
        var line = new InvoiceLine("l1", "SVC", "Bolts", 300000m, 0.01m, 0.01m, 2999.99m, null);

        ErpInvoice created = await Erp.CreateInvoiceAsync(Draft(customer, line), "deal-2-invoice-r1", Correlation, default);

        InvoiceLine back = Assert.Single(created.Lines);
        Assert.Equal(1m, back.Quantity);
        Assert.Equal(2999.99m, back.UnitPrice);
        Assert.Equal("Bolts (300000 × 0.01 list, less 0.01 discount)", back.Description);
    }

    [Fact]
    public async Task Get_invoice_maps_lines_back_and_returns_null_for_an_unknown_id()
    {
        string customer = await Sandbox.CreateCustomerAsync("Acme Ltd");
        ErpInvoice created = await Erp.CreateInvoiceAsync(Draft(customer, SandboxConnectors.Line("l1", 2, 75.00m)), "deal-3-invoice-r1", Correlation, default);

        ErpInvoice? read = await Erp.GetInvoiceAsync(created.Id, Correlation, default);
        ErpInvoice? unknown = await Erp.GetInvoiceAsync("424242", Correlation, default);

        Assert.NotNull(read);
        InvoiceLine line = Assert.Single(read.Lines);
        Assert.Equal(new InvoiceLine("1", "SVC", "Consulting", 2m, 75.00m, 0m, 150.00m, "TAX"), line);
        Assert.Equal(150.00m, read.Total);
        Assert.Null(unknown);
    }

    [Fact]
    public async Task Void_marks_it_void_and_a_second_void_returns_it_without_writing()
    {
        string customer = await Sandbox.CreateCustomerAsync("Acme Ltd");
        ErpInvoice created = await Erp.CreateInvoiceAsync(Draft(customer, SandboxConnectors.Line("l1", 2, 75.00m)), "deal-4-invoice-r1", Correlation, default);

        ErpInvoice voided = await Erp.VoidInvoiceAsync(created.Id, "deal-4-reverse-r1", Correlation, default);
        ErpInvoice again = await Erp.VoidInvoiceAsync(created.Id, "deal-4-reverse-r1", Correlation, default);

        Assert.Equal(ErpInvoice.Void, voided.Status);
        Assert.Equal(0m, voided.Total);
        Assert.Equal(ErpInvoice.Void, again.Status);
        JsonElement invoice = Assert.Single((await Sandbox.AdminAsync(HttpMethod.Get, "/quickbooks/invoices")).Json.EnumerateArray()).GetProperty("invoice");
        Assert.Equal("1", invoice.GetProperty("SyncToken").GetString());
        Assert.Equal("Voided - CRM deal 1001 r1", invoice.GetProperty("PrivateNote").GetString());
    }

    [Fact]
    public async Task Voiding_an_unknown_invoice_is_permanent()
    {
        await Assert.ThrowsAsync<PermanentActivityFailureException>(() =>
            Erp.VoidInvoiceAsync("424242", "deal-5-reverse-r1", Correlation, default));
    }

    [Fact]
    public async Task Credit_memo_mirrors_the_draft_under_the_key()
    {
        string customer = await Sandbox.CreateCustomerAsync("Acme Ltd");
        ErpInvoiceDraft draft = Draft(customer, SandboxConnectors.Line("l1", 3, 50.00m, 15.00m));

        ErpCreditNote note = await Erp.CreateCreditNoteAsync(draft, "deal-6-reverse-r1", Correlation, default);
        ErpCreditNote again = await Erp.CreateCreditNoteAsync(draft, "deal-6-reverse-r1", Correlation, default);

        Assert.Equal(135.00m, note.Total);
        Assert.Equal(note.Id, again.Id);
        JsonElement stored = Assert.Single((await Sandbox.AdminAsync(HttpMethod.Get, "/quickbooks/creditmemos")).Json.EnumerateArray());
        Assert.Equal("deal-6-reverse-r1", stored.GetProperty("requestId").GetString());
        JsonElement memo = stored.GetProperty("creditMemo");
        Assert.Equal(customer, memo.GetProperty("CustomerRef").GetProperty("value").GetString());
        Assert.False(memo.TryGetProperty("DueDate", out _));
    }

    [Fact]
    public async Task A_key_longer_than_50_characters_becomes_a_stable_requestid()
    {
        string customer = await Sandbox.CreateCustomerAsync("Acme Ltd");
        string key = "deal-" + new string('9', 60) + "-invoice-r1";

        ErpInvoice first = await Erp.CreateInvoiceAsync(Draft(customer, SandboxConnectors.Line("l1", 1, 10m)), key, Correlation, default);
        ErpInvoice again = await Erp.CreateInvoiceAsync(Draft(customer, SandboxConnectors.Line("l1", 1, 10m)), key, Correlation, default);

        Assert.Equal(first.Id, again.Id);
        string requestId = Assert.Single((await Sandbox.AdminAsync(HttpMethod.Get, "/quickbooks/invoices")).Json.EnumerateArray())
            .GetProperty("requestId").GetString()!;
        Assert.Equal(QuickBooksClient.MaxRequestIdLength, requestId.Length);
        Assert.StartsWith("deal-999", requestId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invoice_for_an_unknown_customer_is_permanent()
    {
        PermanentActivityFailureException error = await Assert.ThrowsAsync<PermanentActivityFailureException>(() =>
            Erp.CreateInvoiceAsync(Draft("999", SandboxConnectors.Line("l1", 1, 10m)), "deal-8-invoice-r1", Correlation, default));

        Assert.Contains("610", error.Message, StringComparison.Ordinal);
        Assert.Contains(((int)HttpStatusCode.BadRequest).ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    private static ErpInvoiceDraft Draft(string customerId, params InvoiceLine[] lines) =>
        new(customerId, new DateOnly(2026, 11, 20), new DateOnly(2026, 12, 20), "USD", "CRM deal 1001 r1", lines);
}
