namespace Integration.Activities.Invoicing;

/// <summary>Where the data-dictionary files live and which version is in use (section "DataDictionary").</summary>
public sealed class DataDictionaryOptions
{
    public const string Section = "DataDictionary";

    public const string DefaultDirectory = "config/data-dictionary";

    /// <summary>The folder holding v1.json, v2.json...; relative paths start at the app's base directory, where the build copies config/.</summary>
    public string Directory { get; set; } = DefaultDirectory;

    /// <summary>"v2" (or "2") pins a version, e.g. to roll back; empty means the highest version present.</summary>
    public string? Version { get; set; }
}
