using System.Globalization;

namespace Integration.Activities.Invoicing;

/// <summary>
/// Version names: "v{N}" with N a positive whole number, in the file name (v3.json) and inside it
/// ("version": "v3"). Versions order by N, so v10 comes after v9.
/// </summary>
public static class DataDictionaryVersion
{
    public const string FileExtension = ".json";

    /// <summary>"v3" or "3" (as a setting may say) → 3.</summary>
    public static bool TryParse(string? text, out int number)
    {
        number = 0;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        ReadOnlySpan<char> digits = text.AsSpan();
        if (digits[0] is 'v' or 'V')
        {
            digits = digits[1..];
        }

        return digits.Length is > 0 and <= 9
            && digits[0] != '0'
            && digits.IndexOfAnyExceptInRange('0', '9') < 0
            && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }

    /// <summary>"v3.json" → 3; any other name (V3.json, v03.json, v3-draft.json) is not a version file.</summary>
    public static bool TryParseFileName(string fileName, out int number)
    {
        number = 0;
        return fileName.Length > FileExtension.Length + 1
            && fileName[0] == 'v'
            && fileName.EndsWith(FileExtension, StringComparison.Ordinal)
            && TryParse(fileName[..^FileExtension.Length], out number);
    }

    public static string Name(int number) => string.Create(CultureInfo.InvariantCulture, $"v{number}");

    public static string FileName(int number) => Name(number) + FileExtension;
}
