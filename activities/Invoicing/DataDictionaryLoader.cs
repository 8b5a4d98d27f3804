namespace Integration.Activities.Invoicing;

/// <summary>
/// Loads the data dictionary from its directory. Every version file there is checked, not only the one
/// selected, so pinning an older version (to roll back) can never meet a broken file. Any problem, or
/// none selectable, throws one <see cref="DataDictionaryException"/> listing them all.
/// </summary>
public static class DataDictionaryLoader
{
    /// <param name="baseDirectory">Where a relative <see cref="DataDictionaryOptions.Directory"/> starts (the app's base directory).</param>
    public static DataDictionary Load(DataDictionaryOptions options, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        string configured = options.Directory;
        string directory = Path.IsPathRooted(configured) ? configured : Path.GetFullPath(Path.Combine(baseDirectory, configured));
        if (!Directory.Exists(directory))
        {
            throw new DataDictionaryException([$"{configured}: the data-dictionary directory does not exist (looked in {directory})"]);
        }

        var problems = new List<string>();
        var versions = new SortedDictionary<int, DataDictionary?>();
        foreach (string path in Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(path);
            string shown = Shown(configured, name);
            if (!name.EndsWith(DataDictionaryVersion.FileExtension, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!DataDictionaryVersion.TryParseFileName(name, out int number))
            {
                problems.Add($"{shown}: is not named v{{N}}.json (N a whole number from 1, no leading zeros); rename it or move it out of {configured}");
                continue;
            }

            string json;
            try
            {
                json = File.ReadAllText(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                problems.Add($"{shown}: cannot be read: {ex.Message}");
                continue;
            }

            versions[number] = DataDictionaryFileParser.Parse(shown, DataDictionaryVersion.Name(number), json, problems);
        }

        int selected = Select(options, configured, versions.Keys, problems);
        if (problems.Count > 0)
        {
            throw new DataDictionaryException(problems);
        }

        return versions[selected]!;
    }

    /// <summary>The pinned version, or the highest present; 0 (with a problem) when there is none to use.</summary>
    private static int Select(DataDictionaryOptions options, string configured, ICollection<int> present, List<string> problems)
    {
        string listed = present.Count == 0 ? "none" : string.Join(", ", present.Select(DataDictionaryVersion.Name));
        if (string.IsNullOrWhiteSpace(options.Version))
        {
            if (present.Count == 0)
            {
                problems.Add($"{configured}: holds no data-dictionary file (v1.json, v2.json...)");
                return 0;
            }

            return present.Max();
        }

        string setting = $"{DataDictionaryOptions.Section}:Version";
        if (!DataDictionaryVersion.TryParse(options.Version.Trim(), out int pinned))
        {
            problems.Add($"{setting} '{options.Version}' is not a version name like v2");
            return 0;
        }

        if (!present.Contains(pinned))
        {
            problems.Add($"{setting} '{options.Version}': {Shown(configured, DataDictionaryVersion.FileName(pinned))} does not exist (present: {listed})");
            return 0;
        }

        return pinned;
    }

    /// <summary>A file as messages name it: under the directory as configured, with forward slashes.</summary>
    private static string Shown(string configured, string fileName) => $"{configured.TrimEnd('/', '\\')}/{fileName}";
}
