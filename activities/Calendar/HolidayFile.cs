using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Integration.Activities.Calendar;

/// <summary>
/// Reads and checks a region's holiday file ({directory}/{region}.json, format in config/holidays/README.md).
/// Every problem is reported with the file and the entry, so start-up names exactly what to fix.
/// </summary>
public static partial class HolidayFile
{
    /// <summary>The full path of a region's file; a relative directory is resolved against AppContext.BaseDirectory.</summary>
    public static string PathFor(string directory, string region)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(region);
        string root = Path.IsPathRooted(directory) ? directory : Path.Combine(AppContext.BaseDirectory, directory);
        return Path.GetFullPath(Path.Combine(root, region.ToLowerInvariant() + ".json"));
    }

    /// <summary>Region names are file names: letters, digits and single hyphens, so a setting cannot point outside the folder.</summary>
    public static bool IsRegionName(string? region) => region is not null && RegionPattern().IsMatch(region);

    /// <summary>The list, or null with the problems found (each naming the file).</summary>
    public static HolidayList? Load(string directory, string region, out IReadOnlyList<string> problems)
    {
        string path = PathFor(directory, region);
        var found = new List<string>();
        problems = found;
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            found.Add($"holiday file '{path}' does not exist.");
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            found.Add($"holiday file '{path}' cannot be read: {ex.Message}");
            return null;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            return Read(document.RootElement, path, region, found);
        }
        catch (JsonException ex)
        {
            found.Add($"holiday file '{path}' is not valid JSON: {ex.Message}");
            return null;
        }
    }

    private static HolidayList? Read(JsonElement root, string path, string region, List<string> problems)
    {
        string file = $"holiday file '{path}'";
        if (root.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{file} must hold a JSON object with \"region\", \"years\" and \"holidays\".");
            return null;
        }

        if (!root.TryGetProperty("region", out JsonElement regionElement) || regionElement.ValueKind != JsonValueKind.String)
        {
            problems.Add($"{file}: \"region\" is missing or not a string; it must be '{region}'.");
        }
        else if (!string.Equals(regionElement.GetString(), region, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"{file}: \"region\" is '{regionElement.GetString()}' but the file is read for region '{region}'.");
        }

        SortedSet<int> years = ReadYears(root, file, problems);
        Dictionary<DateOnly, string> holidays = ReadHolidays(root, file, years, problems);

        foreach (int year in years.Where(y => !holidays.Keys.Any(d => d.Year == y)))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{file}: year {year} is listed in \"years\" but has no holidays."));
        }

        return problems.Count == 0 ? new HolidayList(region.ToLowerInvariant(), path, holidays, years) : null;
    }

    private static SortedSet<int> ReadYears(JsonElement root, string file, List<string> problems)
    {
        var years = new SortedSet<int>();
        if (!root.TryGetProperty("years", out JsonElement element) || element.ValueKind != JsonValueKind.Array || element.GetArrayLength() == 0)
        {
            problems.Add($"{file}: \"years\" is missing or empty; list the years the file covers, e.g. [2026, 2027].");
            return years;
        }

        foreach (JsonElement year in element.EnumerateArray())
        {
            if (year.ValueKind != JsonValueKind.Number || !year.TryGetInt32(out int y) || y is < 1900 or > 9998)
            {
                problems.Add($"{file}: \"years\" entry {year.GetRawText()} is not a year between 1900 and 9998.");
            }
            else if (!years.Add(y))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{file}: year {y} is listed twice in \"years\"."));
            }
        }

        return years;
    }

    private static Dictionary<DateOnly, string> ReadHolidays(JsonElement root, string file, SortedSet<int> years, List<string> problems)
    {
        var holidays = new Dictionary<DateOnly, string>();
        var entryOf = new Dictionary<DateOnly, int>();
        if (!root.TryGetProperty("holidays", out JsonElement element) || element.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"{file}: \"holidays\" is missing or not an array of {{ \"date\": \"yyyy-MM-dd\", \"name\": \"...\" }}.");
            return holidays;
        }

        int number = 0;
        foreach (JsonElement entry in element.EnumerateArray())
        {
            number++;
            string at = string.Create(CultureInfo.InvariantCulture, $"{file}: holidays entry {number}");
            if (entry.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"{at} is not an object with \"date\" and \"name\".");
                continue;
            }

            string? name = entry.TryGetProperty("name", out JsonElement n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            string? text = entry.TryGetProperty("date", out JsonElement d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            if (string.IsNullOrWhiteSpace(name))
            {
                problems.Add($"{at} ({text ?? "no date"}) has no \"name\".");
                continue;
            }

            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date))
            {
                problems.Add(text is null
                    ? $"{at} ('{name}') has no \"date\"."
                    : $"{at} ('{name}'): date '{text}' is not a date in yyyy-MM-dd form.");
                continue;
            }

            if (years.Count > 0 && !years.Contains(date.Year))
            {
                problems.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{at} ({text} '{name}'): year {date.Year} is not one of the file's \"years\" ({string.Join(", ", years)})."));
            }

            if (entryOf.TryGetValue(date, out int first))
            {
                problems.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{at} ({text} '{name}'): date {text} is already listed as entry {first} ('{holidays[date]}')."));
                continue;
            }

            entryOf[date] = number;
            holidays[date] = name.Trim();
        }

        return holidays;
    }

    [GeneratedRegex("^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionPattern();
}
