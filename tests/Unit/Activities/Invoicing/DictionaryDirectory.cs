namespace Integration.Tests.Unit.Activities.Invoicing;

/// <summary>A throw-away data-dictionary directory for loader tests; files are written as given.</summary>
internal sealed class DictionaryDirectory : IDisposable
{
    public DictionaryDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "data-dictionary-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>How the loader's messages name a file in this directory.</summary>
    public string Shown(string fileName) => $"{Path}/{fileName}";

    public DictionaryDirectory With(string fileName, string content)
    {
        File.WriteAllText(System.IO.Path.Combine(Path, fileName), content);
        return this;
    }

    /// <summary>A valid file for the version, with one product per SKU given.</summary>
    public DictionaryDirectory WithVersion(int number, params string[] skus)
    {
        string products = string.Join(",", skus.Select((sku, i) => $$"""  "{{sku}}": { "itemCode": "V{{number}}-{{i + 1}}" }"""));
        return With($"v{number}.json", $$"""{ "version": "v{{number}}", "products": { {{products}} } }""");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
