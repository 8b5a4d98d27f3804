using Integration.Activities.DealToInvoice;
using Integration.Activities.Invoicing;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.DealToInvoice;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;
using Moq;
using Xunit;

namespace Integration.Tests.Unit.Activities.DealToInvoice;

/// <summary>The draft the workflow gets: mapped and priced lines, unmapped products for review, the version used.</summary>
public sealed class BuildInvoiceDraftActivityTests
{
    private static readonly DataDictionary Dictionary = new(
        "v7",
        "test",
        new Dictionary<string, ProductMapping>
        {
            ["SKU-CONSULT"] = new("11", "Consulting"),
            ["SKU-LICENSE"] = new("12", null),
            ["product:9003"] = new("13", "Support plan"),
        },
        new ValueMapping(new Dictionary<string, string> { ["TAX"] = "TAX", ["NON"] = "NON", ["VAT20"] = "20.0 S" }, "NON"),
        new ValueMapping(new Dictionary<string, string> { ["PARTNER"] = "7", ["CUSTOMER"] = "1" }, "1"));

    [Fact]
    public async Task Mapped_lines_are_priced_in_order_with_the_dictionary_version_recorded()
    {
        CrmDeal deal = Deal(
            190m,
            Line("L1", "SKU-CONSULT", 2m, 50m) with { TaxCode = "NON" },
            Line("L2", "SKU-LICENSE", 1m, 100m) with { DiscountPercentage = 10m, TaxCode = "tax" });

        InvoiceDraft draft = await Run(deal);

        Assert.Equal("v7", draft.MappingVersion);
        Assert.Equal("USD", draft.Currency);
        Assert.Empty(draft.Unmapped);
        Assert.Equal(
            [
                new InvoiceLine("L1", "11", "Line L1", 2m, 50m, 0m, 100m, "NON"),
                new InvoiceLine("L2", "12", "Line L2", 1m, 100m, 10m, 90m, "TAX"),
            ],
            draft.Lines);
        Assert.Equal(190m, draft.Total);
        Assert.Equal(new AmountCheck(190m, 190m, 0m, 0.01m), draft.AmountCheck);
        Assert.True(draft.AmountCheck.WithinTolerance);
    }

    [Fact]
    public async Task The_total_is_the_sum_of_rounded_line_nets()
    {
        // Each net is 0.005 → 0.01; rounding the sum instead would give 0.02.
        CrmDeal deal = Deal(0.03m, Line("L1", "SKU-CONSULT", 1m, 0.005m), Line("L2", "SKU-CONSULT", 1m, 0.005m), Line("L3", "SKU-LICENSE", 1m, 0.005m));

        InvoiceDraft draft = await Run(deal);

        Assert.Equal([0.01m, 0.01m, 0.01m], draft.Lines.Select(l => l.NetAmount));
        Assert.Equal(0.03m, draft.Total);
    }

    [Fact]
    public async Task Many_lines_add_up_exactly()
    {
        CrmLineItem[] lines = Enumerable.Range(1, 250).Select(i => Line($"L{i}", "SKU-LICENSE", 3m, 33.333m)).ToArray();

        InvoiceDraft draft = await Run(Deal(25_000m, lines));

        Assert.Equal(250, draft.Lines.Count);
        Assert.All(draft.Lines, l => Assert.Equal(100m, l.NetAmount));
        Assert.Equal(25_000m, draft.Total);
        Assert.True(draft.AmountCheck.WithinTolerance);
    }

    [Fact]
    public async Task A_yen_deal_is_priced_in_whole_yen()
    {
        CrmDeal deal = Deal(1001m, Line("L1", "SKU-CONSULT", 3m, 333.5m)) with { Currency = "jpy" };

        InvoiceDraft draft = await Run(deal);

        Assert.Equal("JPY", draft.Currency);
        Assert.Equal(1001m, Assert.Single(draft.Lines).NetAmount);
        Assert.Equal(1001m, draft.Total);
    }

    [Fact]
    public async Task A_total_outside_the_tolerance_is_reported_not_corrected()
    {
        CrmDeal deal = Deal(150m, Line("L1", "SKU-CONSULT", 1m, 150.02m));

        InvoiceDraft draft = await Run(deal);

        Assert.Equal(150.02m, draft.Total);
        Assert.False(draft.AmountCheck.WithinTolerance);
        Assert.Equal(0.02m, draft.AmountCheck.Difference);
    }

    [Fact]
    public async Task The_configured_tolerance_is_used()
    {
        CrmDeal deal = Deal(150m, Line("L1", "SKU-CONSULT", 1m, 150.5m));

        InvoiceDraft draft = await Run(deal, new PricingOptions { AmountTolerance = 1m });

        Assert.True(draft.AmountCheck.WithinTolerance);
        Assert.Equal(1m, draft.AmountCheck.Tolerance);
    }

    [Fact]
    public async Task Unmapped_products_are_collected_with_their_keys_while_mapped_lines_are_still_priced()
    {
        CrmDeal deal = Deal(
            400m,
            Line("L1", "SKU-UNMAPPED-1", 1m, 100m),
            Line("L2", "SKU-CONSULT", 1m, 100m),
            Line("L3", null, 1m, 100m) with { ProductId = "777" },
            Line("L4", null, 1m, 100m));

        InvoiceDraft draft = await Run(deal);

        Assert.Equal(
            [
                new UnmappedProduct("L1", "SKU-UNMAPPED-1", "Line L1"),
                new UnmappedProduct("L3", "product:777", "Line L3"),
                new UnmappedProduct("L4", "line:L4", "Line L4"),
            ],
            draft.Unmapped);
        Assert.Equal("L2", Assert.Single(draft.Lines).CrmLineId);
        Assert.Equal(100m, draft.Total);
        Assert.Equal("v7", draft.MappingVersion);
    }

    [Fact]
    public async Task A_line_without_a_sku_is_found_by_its_product_id()
    {
        InvoiceDraft draft = await Run(Deal(10m, Line("L1", null, 1m, 10m) with { ProductId = "9003" }));

        Assert.Equal("13", Assert.Single(draft.Lines).ItemCode);
    }

    [Fact]
    public async Task A_sku_the_dictionary_lacks_falls_back_to_the_product_id()
    {
        InvoiceDraft draft = await Run(Deal(10m, Line("L1", "SKU-NEW", 1m, 10m) with { ProductId = "9003" }));

        Assert.Empty(draft.Unmapped);
        Assert.Equal("13", Assert.Single(draft.Lines).ItemCode);
    }

    [Fact]
    public async Task Sku_lookup_ignores_case()
    {
        InvoiceDraft draft = await Run(Deal(10m, Line("L1", "sku-consult", 1m, 10m)));

        Assert.Equal("11", Assert.Single(draft.Lines).ItemCode);
    }

    [Fact]
    public async Task An_operators_item_code_resolves_an_unmapped_product_for_every_line_with_that_key()
    {
        CrmDeal deal = Deal(30m, Line("L1", "SKU-UNMAPPED-1", 1m, 10m), Line("L2", "SKU-UNMAPPED-1", 2m, 10m));

        InvoiceDraft draft = await Run(deal, overrides: new Dictionary<string, string> { ["SKU-UNMAPPED-1"] = " 99 " });

        Assert.Empty(draft.Unmapped);
        Assert.Equal(["99", "99"], draft.Lines.Select(l => l.ItemCode));
        Assert.Equal(30m, draft.Total);
    }

    [Fact]
    public async Task An_operators_item_code_wins_over_the_dictionary_for_its_key_only()
    {
        CrmDeal deal = Deal(20m, Line("L1", "SKU-CONSULT", 1m, 10m), Line("L2", "SKU-LICENSE", 1m, 10m));

        InvoiceDraft draft = await Run(deal, overrides: new Dictionary<string, string> { ["sku-consult"] = "55" });

        Assert.Equal(["55", "12"], draft.Lines.Select(l => l.ItemCode));
    }

    [Fact]
    public async Task An_answer_for_a_line_without_product_uses_its_line_key()
    {
        CrmDeal deal = Deal(10m, Line("L4", null, 1m, 10m));

        InvoiceDraft draft = await Run(deal, overrides: new Dictionary<string, string> { ["line:L4"] = "60" });

        Assert.Empty(draft.Unmapped);
        Assert.Equal("60", Assert.Single(draft.Lines).ItemCode);
    }

    [Fact]
    public async Task A_blank_answer_leaves_the_product_unmapped()
    {
        CrmDeal deal = Deal(10m, Line("L1", "SKU-UNMAPPED-1", 1m, 10m));

        InvoiceDraft draft = await Run(deal, overrides: new Dictionary<string, string> { ["SKU-UNMAPPED-1"] = " " });

        Assert.Equal("SKU-UNMAPPED-1", Assert.Single(draft.Unmapped).Key);
    }

    [Fact]
    public async Task Skipped_lines_are_left_out_of_the_lines_the_total_and_the_unmapped_list()
    {
        CrmDeal deal = Deal(
            30m,
            Line("L1", "SKU-UNMAPPED-1", 1m, 10m),
            Line("L2", "SKU-CONSULT", 1m, 10m),
            Line("L3", "SKU-LICENSE", 1m, 10m));

        InvoiceDraft draft = await Run(deal, skipped: ["L1", "L3"]);

        Assert.Empty(draft.Unmapped);
        Assert.Equal("L2", Assert.Single(draft.Lines).CrmLineId);
        Assert.Equal(10m, draft.Total);
        Assert.Equal(-20m, draft.AmountCheck.Difference);
    }

    [Fact]
    public async Task A_skipped_line_is_not_priced_so_its_bad_numbers_do_not_matter()
    {
        CrmDeal deal = Deal(10m, Line("L1", "SKU-CONSULT", -1m, 10m), Line("L2", "SKU-CONSULT", 1m, 10m));

        InvoiceDraft draft = await Run(deal, skipped: ["L1"]);

        Assert.Equal("L2", Assert.Single(draft.Lines).CrmLineId);
    }

    [Fact]
    public async Task A_negative_quantity_is_a_permanent_failure_naming_the_line_even_when_its_product_is_unmapped()
    {
        CrmDeal deal = Deal(10m, Line("L1", "SKU-CONSULT", 1m, 10m), Line("L2", "SKU-UNMAPPED-1", -2m, 10m));

        var ex = await Assert.ThrowsAsync<PermanentActivityFailureException>(() => Run(deal));

        Assert.Equal("line L2 ('Line L2'): quantity -2 is negative", ex.Message);
    }

    [Fact]
    public async Task A_negative_unit_price_is_a_permanent_failure_naming_the_line()
    {
        var ex = await Assert.ThrowsAsync<PermanentActivityFailureException>(() => Run(Deal(10m, Line("L9", "SKU-CONSULT", 1m, -10m))));

        Assert.Contains("line L9", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tax_codes_are_mapped_ignoring_case_and_a_line_without_one_takes_the_default()
    {
        CrmDeal deal = Deal(20m, Line("L1", "SKU-CONSULT", 1m, 10m) with { TaxCode = "vat20" }, Line("L2", "SKU-CONSULT", 1m, 10m));

        InvoiceDraft draft = await Run(deal);

        Assert.Equal(["20.0 S", "NON"], draft.Lines.Select(l => l.TaxCode));
    }

    [Fact]
    public async Task Without_a_default_a_line_without_a_tax_code_has_none()
    {
        DataDictionary noDefault = new("v1", "test", new Dictionary<string, ProductMapping> { ["SKU-CONSULT"] = new("11", null) }, ValueMapping.Empty, ValueMapping.Empty);

        InvoiceDraft draft = await Run(Deal(10m, Line("L1", "SKU-CONSULT", 1m, 10m)), dictionary: noDefault);

        Assert.Null(Assert.Single(draft.Lines).TaxCode);
        Assert.Null(draft.CustomerCategory);
    }

    [Fact]
    public async Task An_unknown_tax_code_is_a_permanent_failure_naming_the_line_code_and_version()
    {
        CrmDeal deal = Deal(10m, Line("L1", "SKU-CONSULT", 1m, 10m) with { TaxCode = "GST" });

        var ex = await Assert.ThrowsAsync<PermanentActivityFailureException>(() => Run(deal));

        Assert.Contains("deal D1 line L1 ('Line L1'): CRM tax code 'GST' is not in data dictionary v7", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Partner", "7")]
    [InlineData("PARTNER", "7")]
    [InlineData("customer", "1")]
    [InlineData("Vendor", "1")]
    [InlineData(null, "1")]
    [InlineData("  ", "1")]
    public async Task The_company_account_type_maps_to_a_customer_category_or_the_default(string? accountType, string expected)
    {
        CrmDeal deal = Deal(10m, Line("L1", "SKU-CONSULT", 1m, 10m)) with
        {
            Company = new CrmCompany("C1", "Acme", null, null, accountType),
        };

        InvoiceDraft draft = await Run(deal);

        Assert.Equal(expected, draft.CustomerCategory);
    }

    [Fact]
    public async Task The_description_is_the_crm_line_name_or_else_the_dictionarys()
    {
        CrmDeal deal = Deal(20m, Line("L1", "SKU-CONSULT", 1m, 10m) with { Name = "Workshop, 2 days" }, Line("L2", "SKU-CONSULT", 1m, 10m) with { Name = " " });

        InvoiceDraft draft = await Run(deal);

        Assert.Equal(["Workshop, 2 days", "Consulting"], draft.Lines.Select(l => l.Description));
    }

    private static Task<InvoiceDraft> Run(
        CrmDeal deal,
        PricingOptions? pricing = null,
        Dictionary<string, string>? overrides = null,
        string[]? skipped = null,
        DataDictionary? dictionary = null)
    {
        var activity = new BuildInvoiceDraftActivity(dictionary ?? Dictionary, Options.Create(pricing ?? new PricingOptions()));
        return activity.RunAsync(
            Mock.Of<TaskActivityContext>(),
            new BuildInvoiceDraftInput(deal, overrides ?? new Dictionary<string, string>(), skipped ?? [], "corr-1"));
    }

    private static CrmDeal Deal(decimal amount, params CrmLineItem[] lines) =>
        new("D1", "Deal D1", amount, CrmDeal.ClosedWonStage, null, new CrmCompany("C1", "Acme", null, null, "Customer"), lines);

    private static CrmLineItem Line(string id, string? sku, decimal quantity, decimal unitPrice) =>
        new(id, $"Line {id}", sku, quantity, unitPrice, quantity * unitPrice);
}
