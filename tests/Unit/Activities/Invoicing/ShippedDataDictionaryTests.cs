using Integration.Activities.Invoicing;
using Integration.Sandbox.HubSpot;
using Xunit;

namespace Integration.Tests.Unit.Activities.Invoicing;

/// <summary>The dictionary the repo ships (config/data-dictionary, copied to the output) covers everything the sandbox generates.</summary>
public sealed class ShippedDataDictionaryTests
{
    /// <summary>The SKU the manual-review scenario relies on; mapping it would silently remove that scenario.</summary>
    private const string UnmappedScenarioSku = "SKU-UNMAPPED-1";

    private static readonly Lazy<DataDictionary> Shipped = new(() => DataDictionaryLoader.Load(new DataDictionaryOptions(), AppContext.BaseDirectory));

    [Fact]
    public void The_shipped_directory_loads_and_its_highest_version_is_in_use()
    {
        Assert.Equal("v2", Shipped.Value.Version);
        Assert.Equal("config/data-dictionary/v2.json", Shipped.Value.Source);
    }

    [Theory]
    [InlineData("TEE-BLK-M", "WH-TEE-BLK-M")]
    [InlineData("tee-wht-l", "WH-TEE-WHT-L")]
    [InlineData("MUG-CLASSIC", "WH-MUG-CLASSIC")]
    [InlineData("HAT-RED", "WH-HAT-RED")]
    [InlineData("LIMITED-DROP", "WH-LIMITED-DROP")]
    public void Every_sandbox_store_sku_ships_as_its_warehouse_sku_ignoring_case(string storeSku, string warehouseSku)
    {
        Assert.Equal(warehouseSku, Shipped.Value.WarehouseSkuFor(storeSku));
        Assert.Contains(Shipped.Value.StoreSkusFor(warehouseSku), s => string.Equals(s, storeSku, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void The_unmapped_sku_order_scenario_sku_stays_unmapped()
    {
        Assert.Null(Shipped.Value.WarehouseSkuFor("SKU-UNMAPPED-2"));
    }

    [Fact]
    public void Every_sku_product_and_tax_code_the_sandbox_generates_is_mapped()
    {
        var lines = Enumerable.Range(1, 600).SelectMany(n => DealGenerator.Generate(n).LineItems).ToList();
        string[] skus = lines.Select(l => l.Properties["hs_sku"]).Distinct().ToArray();
        string[] products = lines.Select(l => "product:" + l.Properties["hs_product_id"]).Distinct().ToArray();
        string[] taxCodes = lines.Select(l => l.Properties["tax_code"]).Distinct().ToArray();

        Assert.Equal(3, skus.Length);
        Assert.All(skus, sku => Assert.True(Shipped.Value.Products.ContainsKey(sku), $"{sku} is not mapped"));
        Assert.All(products, key => Assert.True(Shipped.Value.Products.ContainsKey(key), $"{key} is not mapped"));
        Assert.All(taxCodes, code => Assert.True(Shipped.Value.TaxCodes.TryMap(code, out _), $"tax code {code} is not mapped"));
    }

    [Fact]
    public void A_sku_and_its_product_id_book_to_the_same_item()
    {
        var lines = Enumerable.Range(1, 200).SelectMany(n => DealGenerator.Generate(n).LineItems);

        Assert.All(lines, l => Assert.Equal(
            Shipped.Value.Products[l.Properties["hs_sku"]].ItemCode,
            Shipped.Value.Products["product:" + l.Properties["hs_product_id"]].ItemCode));
    }

    [Fact]
    public void The_sandbox_account_type_maps_to_a_category_and_partner_to_seven()
    {
        string accountType = DealGenerator.GenerateCompany(0).Properties["type"];

        Assert.True(Shipped.Value.CustomerCategories.TryMap(accountType, out _), $"account type {accountType} is not mapped");
        Assert.True(Shipped.Value.CustomerCategories.TryMap("Partner", out string partner));
        Assert.Equal("7", partner);
    }

    [Fact]
    public void The_unmapped_product_scenario_sku_stays_unmapped()
    {
        Assert.False(Shipped.Value.Products.ContainsKey(UnmappedScenarioSku));
    }
}
