using System.Text.Json;

namespace Integration.Activities.Invoicing;

/// <summary>
/// Reads one version file and checks every entry, collecting each problem as "{file}: {entry} {what is
/// wrong}" instead of stopping at the first, so one start-up attempt lists everything to fix. Strict on
/// purpose: unknown fields, duplicate keys (ignoring case) and stray spaces are errors, because in a
/// mapping file they are almost always typos that would otherwise map nothing.
/// </summary>
internal sealed class DataDictionaryFileParser
{
    public const string CustomerCategoryField = "customerCategory";

    private static readonly string[] RootFields = ["version", "description", "products", "taxCodes", "fields", "warehouseSkus"];
    private static readonly string[] ProductFields = ["itemCode", "description"];
    private static readonly string[] WarehouseSkuFields = ["warehouseSku", "description"];
    private static readonly string[] MappingFields = ["default", "values"];
    private static readonly string[] KnownFields = [CustomerCategoryField];

    private readonly string file;
    private readonly List<string> problems;

    private DataDictionaryFileParser(string file, List<string> problems)
    {
        this.file = file;
        this.problems = problems;
    }

    /// <summary>The dictionary in <paramref name="json"/>, or null when it has problems (added to <paramref name="problems"/>).</summary>
    /// <param name="file">The file as the messages should name it.</param>
    /// <param name="expectedVersion">The version its file name promises.</param>
    public static DataDictionary? Parse(string file, string expectedVersion, string json, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        int before = problems.Count;
        var parser = new DataDictionaryFileParser(file, problems);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            // The reader's own position text is zero-based; people count lines from 1.
            string reason = ex.Message;
            int at = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
            reason = at > 0 ? reason[..at] : reason;
            problems.Add($"{file}: is not valid JSON at line {(ex.LineNumber ?? 0) + 1}, position {(ex.BytePositionInLine ?? 0) + 1}: {reason}");
            return null;
        }

        using (document)
        {
            DataDictionary? dictionary = parser.Root(document.RootElement, expectedVersion);
            return problems.Count == before ? dictionary : null;
        }
    }

    private DataDictionary? Root(JsonElement root, string expectedVersion)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{file}: the top level must be a JSON object, not {Kind(root)}");
            return null;
        }

        string? version = null;
        var products = new Dictionary<string, ProductMapping>(StringComparer.OrdinalIgnoreCase);
        ValueMapping taxCodes = ValueMapping.Empty;
        ValueMapping categories = ValueMapping.Empty;
        var warehouseSkus = new Dictionary<string, WarehouseSkuMapping>(StringComparer.OrdinalIgnoreCase);
        bool sawProducts = false;
        foreach (JsonProperty field in Fields(root, null, RootFields))
        {
            switch (field.Name)
            {
                case "version":
                    version = Text(field.Value, "version");
                    break;
                case "description":
                    _ = Text(field.Value, "description");
                    break;
                case "products":
                    sawProducts = true;
                    Products(field.Value, products);
                    break;
                case "taxCodes":
                    taxCodes = Mapping(field.Value, "taxCodes");
                    break;
                case "warehouseSkus":
                    WarehouseSkus(field.Value, warehouseSkus);
                    break;
                case "fields":
                    foreach (JsonProperty known in Fields(field.Value, "fields", KnownFields))
                    {
                        if (known.Name == CustomerCategoryField)
                        {
                            categories = Mapping(known.Value, $"fields.{known.Name}");
                        }
                    }

                    break;
            }
        }

        if (!root.TryGetProperty("version", out _))
        {
            Problem("version", $"is missing (it must say \"{expectedVersion}\", like the file name)");
        }
        else if (version is not null && !string.Equals(version, expectedVersion, StringComparison.Ordinal))
        {
            Problem("version", $"'{version}' does not match the file name (expected '{expectedVersion}')");
        }

        if (!sawProducts)
        {
            Problem("products", "is missing");
        }

        return new DataDictionary(expectedVersion, file, products, taxCodes, categories, warehouseSkus);
    }

    /// <summary>Store SKU → warehouse SKU (the order workflows); the same key rules as products.</summary>
    private void WarehouseSkus(JsonElement element, Dictionary<string, WarehouseSkuMapping> warehouseSkus)
    {
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (JsonProperty entry in Entries(element, "warehouseSkus"))
        {
            string path = $"warehouseSkus['{entry.Name}']";
            if (!Key(entry.Name, path, seen, "warehouseSkus"))
            {
                continue;
            }

            string? warehouseSku = null;
            string? description = null;
            foreach (JsonProperty field in Fields(entry.Value, path, WarehouseSkuFields))
            {
                if (field.Name == "warehouseSku")
                {
                    warehouseSku = Code(field.Value, $"{path}.warehouseSku");
                }
                else
                {
                    description = Text(field.Value, $"{path}.description");
                }
            }

            if (entry.Value.ValueKind == JsonValueKind.Object && !entry.Value.TryGetProperty("warehouseSku", out _))
            {
                Problem($"{path}.warehouseSku", "is missing");
            }

            if (warehouseSku is not null)
            {
                warehouseSkus[entry.Name] = new WarehouseSkuMapping(warehouseSku, string.IsNullOrWhiteSpace(description) ? null : description);
            }
        }
    }

    private void Products(JsonElement element, Dictionary<string, ProductMapping> products)
    {
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (JsonProperty entry in Entries(element, "products"))
        {
            string path = $"products['{entry.Name}']";
            if (!Key(entry.Name, path, seen, "products"))
            {
                continue;
            }

            if (entry.Name.StartsWith(ProductKeys.LinePrefix, StringComparison.OrdinalIgnoreCase))
            {
                Problem(path, $"uses the '{ProductKeys.LinePrefix}' prefix, which only operators' answers use: a line id belongs to one deal");
                continue;
            }

            if (entry.Name.StartsWith(ProductKeys.ProductPrefix, StringComparison.OrdinalIgnoreCase) && string.IsNullOrWhiteSpace(entry.Name[ProductKeys.ProductPrefix.Length..]))
            {
                Problem(path, $"names no CRM product id after '{ProductKeys.ProductPrefix}'");
                continue;
            }

            string? itemCode = null;
            string? description = null;
            foreach (JsonProperty field in Fields(entry.Value, path, ProductFields))
            {
                if (field.Name == "itemCode")
                {
                    itemCode = Code(field.Value, $"{path}.itemCode");
                }
                else
                {
                    description = Text(field.Value, $"{path}.description");
                }
            }

            if (entry.Value.ValueKind == JsonValueKind.Object && !entry.Value.TryGetProperty("itemCode", out _))
            {
                Problem($"{path}.itemCode", "is missing");
            }

            if (itemCode is not null)
            {
                products[entry.Name] = new ProductMapping(itemCode, string.IsNullOrWhiteSpace(description) ? null : description);
            }
        }
    }

    private ValueMapping Mapping(JsonElement element, string path)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? @default = null;
        foreach (JsonProperty field in Fields(element, path, MappingFields))
        {
            if (field.Name == "default")
            {
                @default = field.Value.ValueKind == JsonValueKind.Null ? null : Code(field.Value, $"{path}.default");
                continue;
            }

            var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (JsonProperty entry in Entries(field.Value, $"{path}.values"))
            {
                string entryPath = $"{path}.values['{entry.Name}']";
                if (Key(entry.Name, entryPath, seen, $"{path}.values") && Code(entry.Value, entryPath) is { } value)
                {
                    values[entry.Name] = value;
                }
            }
        }

        return new ValueMapping(values, @default);
    }

    /// <summary>An object's properties, reporting unknown and repeated ones; nothing when it is not an object.</summary>
    private List<JsonProperty> Fields(JsonElement element, string? path, string[] known)
    {
        var fields = new List<JsonProperty>();
        if (path is not null && !IsObject(element, path))
        {
            return fields;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty field in element.EnumerateObject())
        {
            string fieldPath = path is null ? field.Name : $"{path}.{field.Name}";
            if (!known.Contains(field.Name, StringComparer.Ordinal))
            {
                Problem(fieldPath, $"is not a known field (expected: {string.Join(", ", known)}; names are case-sensitive)");
            }
            else if (!seen.Add(field.Name))
            {
                Problem(fieldPath, "appears more than once");
            }
            else
            {
                fields.Add(field);
            }
        }

        return fields;
    }

    /// <summary>A map's entries (keys are data, not field names); nothing when it is not an object.</summary>
    private IEnumerable<JsonProperty> Entries(JsonElement element, string path) =>
        IsObject(element, path) ? element.EnumerateObject() : [];

    /// <summary>Checks a map key: not blank, no surrounding spaces, not a repeat of another key ignoring case.</summary>
    private bool Key(string key, string path, Dictionary<string, string> seen, string mapPath)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            Problem(path, "has an empty key");
            return false;
        }

        if (key.Trim().Length != key.Length)
        {
            Problem(path, "has leading or trailing spaces in its key");
            return false;
        }

        if (seen.TryGetValue(key, out string? first))
        {
            Problem(path, $"duplicates {mapPath}['{first}'] (keys ignore case)");
            return false;
        }

        seen.Add(key, key);
        return true;
    }

    /// <summary>An ERP code: a non-empty string without surrounding spaces.</summary>
    private string? Code(JsonElement element, string path)
    {
        string? value = Text(element, path);
        if (value is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            Problem(path, "is empty");
            return null;
        }

        if (value.Trim().Length != value.Length)
        {
            Problem(path, $"'{value}' has leading or trailing spaces");
            return null;
        }

        return value;
    }

    private string? Text(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return element.GetString();
        }

        Problem(path, $"must be a string (in quotes), not {Kind(element)}");
        return null;
    }

    private bool IsObject(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            return true;
        }

        Problem(path, $"must be a JSON object, not {Kind(element)}");
        return false;
    }

    private void Problem(string entry, string what) => problems.Add($"{file}: {entry} {what}");

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"{element.GetRawText()}",
        JsonValueKind.Null => "null",
        JsonValueKind.String => "a string",
        _ => "an object",
    };
}
