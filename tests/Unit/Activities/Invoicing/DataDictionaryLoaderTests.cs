using Integration.Activities.Invoicing;
using Xunit;

namespace Integration.Tests.Unit.Activities.Invoicing;

/// <summary>Loading and validating the data-dictionary files: every problem names the file and the entry.</summary>
public sealed class DataDictionaryLoaderTests : IDisposable
{
    private const string GoodV1 = """
        {
          "version": "v1",
          "description": "test dictionary",
          "products": {
            "SKU-1": { "itemCode": "101", "description": "Widget" },
            "product:42": { "itemCode": "142" }
          },
          "taxCodes": { "default": "NON", "values": { "TAX": "TAX", "Exempt": "NON" } },
          "fields": { "customerCategory": { "default": "1", "values": { "PARTNER": "7" } } }
        }
        """;

    private readonly DictionaryDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void A_good_file_loads_its_version_products_tax_codes_and_categories()
    {
        dir.With("v1.json", GoodV1);

        DataDictionary dictionary = Load();

        Assert.Equal("v1", dictionary.Version);
        Assert.Equal(dir.Shown("v1.json"), dictionary.Source);
        Assert.Equal(new ProductMapping("101", "Widget"), dictionary.Products["SKU-1"]);
        Assert.Equal(new ProductMapping("142", null), dictionary.Products["product:42"]);
        Assert.Equal("NON", dictionary.TaxCodes.Default);
        Assert.True(dictionary.TaxCodes.TryMap("TAX", out string tax));
        Assert.Equal("TAX", tax);
        Assert.Equal("1", dictionary.CustomerCategories.Default);
    }

    [Fact]
    public void Product_and_value_keys_ignore_case()
    {
        dir.With("v1.json", GoodV1);

        DataDictionary dictionary = Load();

        Assert.Equal("101", dictionary.Products["sku-1"].ItemCode);
        Assert.True(dictionary.CustomerCategories.TryMap("Partner", out string category));
        Assert.Equal("7", category);
        Assert.True(dictionary.TaxCodes.TryMap("EXEMPT", out string exempt));
        Assert.Equal("NON", exempt);
    }

    [Fact]
    public void Taxes_and_fields_are_optional_and_then_map_nothing()
    {
        dir.With("v1.json", """{ "version": "v1", "products": { "SKU-1": { "itemCode": "1" } } }""");

        DataDictionary dictionary = Load();

        Assert.Null(dictionary.TaxCodes.Default);
        Assert.Empty(dictionary.TaxCodes.Values);
        Assert.Null(dictionary.CustomerCategories.Default);
        Assert.False(dictionary.CustomerCategories.TryMap("PARTNER", out _));
    }

    [Fact]
    public void Without_a_pinned_version_the_highest_number_is_used_not_the_last_name()
    {
        dir.WithVersion(1, "A").WithVersion(2, "A").WithVersion(10, "A").WithVersion(9, "A");

        DataDictionary dictionary = Load();

        Assert.Equal("v10", dictionary.Version);
        Assert.Equal("V10-1", dictionary.Products["A"].ItemCode);
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("1")]
    [InlineData(" V1 ")]
    public void A_pinned_version_is_used_even_when_a_higher_one_exists(string pinned)
    {
        dir.WithVersion(1, "A").WithVersion(2, "A");

        DataDictionary dictionary = Load(pinned);

        Assert.Equal("v1", dictionary.Version);
        Assert.Equal("V1-1", dictionary.Products["A"].ItemCode);
    }

    [Fact]
    public void A_pinned_version_that_is_not_there_names_the_setting_the_file_and_what_is_present()
    {
        dir.WithVersion(1, "A").WithVersion(2, "A");

        string message = LoadFails("v3");

        Assert.Contains($"DataDictionary:Version 'v3': {dir.Shown("v3.json")} does not exist (present: v1, v2)", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_directory_names_the_directory()
    {
        string missing = System.IO.Path.Combine(dir.Path, "nowhere");

        DataDictionaryException ex = Assert.Throws<DataDictionaryException>(
            () => DataDictionaryLoader.Load(new DataDictionaryOptions { Directory = missing }, AppContext.BaseDirectory));

        Assert.Contains($"{missing}: the data-dictionary directory does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_relative_directory_starts_at_the_base_directory()
    {
        dir.WithVersion(4, "A");
        string parent = System.IO.Path.GetDirectoryName(dir.Path)!;

        DataDictionary dictionary = DataDictionaryLoader.Load(
            new DataDictionaryOptions { Directory = System.IO.Path.GetFileName(dir.Path) }, parent);

        Assert.Equal("v4", dictionary.Version);
    }

    [Fact]
    public void A_directory_without_version_files_says_so_and_other_files_are_ignored()
    {
        dir.With("README.md", "# not a dictionary");

        string message = LoadFails();

        Assert.Contains($"{dir.Path}: holds no data-dictionary file", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_that_are_not_json_are_ignored_beside_a_version()
    {
        dir.WithVersion(1, "A").With("README.md", "# maintainers").With("v2.json.bak", "{");

        Assert.Equal("v1", Load().Version);
    }

    [Theory]
    [InlineData("V2.json")]
    [InlineData("v02.json")]
    [InlineData("v2-draft.json")]
    [InlineData("mapping.json")]
    public void A_json_file_not_named_like_a_version_is_named_in_the_error(string fileName)
    {
        dir.WithVersion(1, "A").WithVersion(2, "A").With(fileName, "{}");

        string message = LoadFails();

        Assert.Contains($"{dir.Shown(fileName)}: is not named v{{N}}.json", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_json_names_the_file_and_the_line_counted_from_one()
    {
        dir.With("v1.json", "{\n  \"version\": \"v1\",\n  \"products\": { \"SKU-1\": { \"itemCode\": \"1\" }, }\n}");

        string message = LoadFails();

        Assert.Contains($"{dir.Shown("v1.json")}: is not valid JSON at line 3", message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "version": "v1", "products": { "SKU-1": { "itemCode": "" } } }""", "products['SKU-1'].itemCode is empty")]
    [InlineData("""{ "version": "v1", "products": { "SKU-1": { "itemCode": "   " } } }""", "products['SKU-1'].itemCode is empty")]
    [InlineData("""{ "version": "v1", "products": { "SKU-1": { "itemCode": " 7" } } }""", "products['SKU-1'].itemCode ' 7' has leading or trailing spaces")]
    [InlineData("""{ "version": "v1", "products": { "SKU-1": { "description": "x" } } }""", "products['SKU-1'].itemCode is missing")]
    [InlineData("""{ "version": "v1", "products": { "SKU-1": { "itemCode": 7 } } }""", "products['SKU-1'].itemCode must be a string (in quotes), not the number 7")]
    [InlineData("""{ "version": "v1", "products": { "SKU-1": "7" } }""", "products['SKU-1'] must be a JSON object, not a string")]
    [InlineData("""{ "version": "v1", "products": { "SKU-1": { "itemcode": "7" } } }""", "products['SKU-1'].itemcode is not a known field (expected: itemCode, description")]
    [InlineData("""{ "version": "v1", "products": { "SKU-1": { "itemCode": "1" }, "sku-1": { "itemCode": "2" } } }""", "products['sku-1'] duplicates products['SKU-1'] (keys ignore case)")]
    [InlineData("""{ "version": "v1", "products": { " SKU-1": { "itemCode": "1" } } }""", "products[' SKU-1'] has leading or trailing spaces in its key")]
    [InlineData("""{ "version": "v1", "products": { "": { "itemCode": "1" } } }""", "products[''] has an empty key")]
    [InlineData("""{ "version": "v1", "products": { "product:": { "itemCode": "1" } } }""", "products['product:'] names no CRM product id after 'product:'")]
    [InlineData("""{ "version": "v1", "products": { "line:5": { "itemCode": "1" } } }""", "products['line:5'] uses the 'line:' prefix")]
    [InlineData("""{ "version": "v1", "products": [] }""", "products must be a JSON object, not an array")]
    [InlineData("""{ "version": "v1" }""", "products is missing")]
    [InlineData("""{ "products": {} }""", "version is missing (it must say \"v1\"")]
    [InlineData("""{ "version": "v2", "products": {} }""", "version 'v2' does not match the file name (expected 'v1')")]
    [InlineData("""{ "version": 1, "products": {} }""", "version must be a string (in quotes), not the number 1")]
    [InlineData("""{ "version": "v1", "version": "v1", "products": {} }""", "version appears more than once")]
    [InlineData("""{ "version": "v1", "products": {}, "mappings": {} }""", "mappings is not a known field (expected: version, description, products, taxCodes, fields")]
    [InlineData("""{ "version": "v1", "products": {}, "taxCodes": { "values": { "TAX": "" } } }""", "taxCodes.values['TAX'] is empty")]
    [InlineData("""{ "version": "v1", "products": {}, "taxCodes": { "default": "" } }""", "taxCodes.default is empty")]
    [InlineData("""{ "version": "v1", "products": {}, "taxCodes": { "TAX": "TAX" } }""", "taxCodes.TAX is not a known field (expected: default, values")]
    [InlineData("""{ "version": "v1", "products": {}, "fields": { "customerCategory": { "values": { "PARTNER": 7 } } } }""", "fields.customerCategory.values['PARTNER'] must be a string (in quotes), not the number 7")]
    [InlineData("""{ "version": "v1", "products": {}, "fields": { "customerCategory": { "values": { "Partner": "7", "PARTNER": "8" } } } }""", "fields.customerCategory.values['PARTNER'] duplicates fields.customerCategory.values['Partner'] (keys ignore case)")]
    [InlineData("""{ "version": "v1", "products": {}, "fields": { "industry": {} } }""", "fields.industry is not a known field (expected: customerCategory")]
    [InlineData("""[ { "version": "v1" } ]""", "the top level must be a JSON object, not an array")]
    public void A_bad_entry_stops_loading_with_the_file_and_entry_named(string json, string problem)
    {
        dir.With("v1.json", json);

        string message = LoadFails();

        Assert.Contains($"{dir.Shown("v1.json")}: {problem}", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_default_means_no_default()
    {
        dir.With("v1.json", """{ "version": "v1", "products": {}, "taxCodes": { "default": null, "values": { "TAX": "T" } } }""");

        Assert.Null(Load().TaxCodes.Default);
    }

    [Fact]
    public void Every_problem_in_every_file_is_reported_at_once_even_in_a_version_not_in_use()
    {
        dir.With("v1.json", """{ "version": "v1", "products": { "SKU-1": { "itemCode": "" } } }""")
            .With("v2.json", """{ "version": "v2", "products": { "SKU-1": { "itemCode": "1" }, "SKU-2": { "itemCode": "" } }, "extra": 1 }""");

        DataDictionaryException ex = Assert.Throws<DataDictionaryException>(() => Load());

        Assert.Equal(
            [
                $"{dir.Shown("v1.json")}: products['SKU-1'].itemCode is empty",
                $"{dir.Shown("v2.json")}: extra is not a known field (expected: version, description, products, taxCodes, fields, warehouseSkus; names are case-sensitive)",
                $"{dir.Shown("v2.json")}: products['SKU-2'].itemCode is empty",
            ],
            ex.Problems);
        Assert.Contains("(3 problems)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_message_names_the_file_as_configured_relative_to_the_base_directory()
    {
        dir.With("v1.json", """{ "version": "v1", "products": { "SKU-1": { "itemCode": "" } } }""");
        string parent = System.IO.Path.GetDirectoryName(dir.Path)!;
        string relative = System.IO.Path.GetFileName(dir.Path);

        DataDictionaryException ex = Assert.Throws<DataDictionaryException>(
            () => DataDictionaryLoader.Load(new DataDictionaryOptions { Directory = relative }, parent));

        Assert.Equal($"The data dictionary could not be loaded: {relative}/v1.json: products['SKU-1'].itemCode is empty", ex.Message);
    }

    [Fact]
    public void Warehouse_skus_map_store_skus_ignoring_case_and_back_to_every_store_sku()
    {
        dir.With("v2.json", """
            { "version": "v2", "products": {}, "warehouseSkus": {
              "TEE-BLK-M": { "warehouseSku": "WH-TEE-BLK-M", "description": "Tee" },
              "TEE-BLACK-M": { "warehouseSku": "WH-TEE-BLK-M" },
              "MUG": { "warehouseSku": "WH-MUG" } } }
            """);

        DataDictionary dictionary = Load();

        Assert.Equal("WH-TEE-BLK-M", dictionary.WarehouseSkuFor("tee-blk-m"));
        Assert.Null(dictionary.WarehouseSkuFor("SKU-UNMAPPED-2"));
        Assert.Null(dictionary.WarehouseSkuFor(null));
        Assert.Equal(["TEE-BLACK-M", "TEE-BLK-M"], dictionary.StoreSkusFor("WH-TEE-BLK-M"));
        Assert.Equal(["MUG"], dictionary.StoreSkusFor("WH-MUG"));
        Assert.Empty(dictionary.StoreSkusFor("wh-mug"));
    }

    [Fact]
    public void A_dictionary_without_warehouse_skus_maps_no_store_sku()
    {
        dir.With("v1.json", GoodV1);

        Assert.Null(Load().WarehouseSkuFor("SKU-1"));
    }

    [Fact]
    public void Bad_warehouse_sku_entries_are_each_named()
    {
        dir.With("v2.json", """
            { "version": "v2", "products": {}, "warehouseSkus": {
              "A": { "warehouseSku": "" },
              "B": { "description": "no sku" },
              "C": { "warehouseSku": "WH-C", "sku": "x" },
              "c": { "warehouseSku": "WH-C2" },
              " D": { "warehouseSku": "WH-D" } } }
            """);

        DataDictionaryException ex = Assert.Throws<DataDictionaryException>(() => Load());

        Assert.Equal(
            [
                $"{dir.Shown("v2.json")}: warehouseSkus['A'].warehouseSku is empty",
                $"{dir.Shown("v2.json")}: warehouseSkus['B'].warehouseSku is missing",
                $"{dir.Shown("v2.json")}: warehouseSkus['C'].sku is not a known field (expected: warehouseSku, description; names are case-sensitive)",
                $"{dir.Shown("v2.json")}: warehouseSkus['c'] duplicates warehouseSkus['C'] (keys ignore case)",
                $"{dir.Shown("v2.json")}: warehouseSkus[' D'] has leading or trailing spaces in its key",
            ],
            ex.Problems);
    }

    private DataDictionary Load(string? version = null) =>
        DataDictionaryLoader.Load(new DataDictionaryOptions { Directory = dir.Path, Version = version }, AppContext.BaseDirectory);

    private string LoadFails(string? version = null) => Assert.Throws<DataDictionaryException>(() => Load(version)).Message;
}
