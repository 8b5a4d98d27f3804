using System.Globalization;
using System.Text;

namespace Integration.Activities.CustomerMatching;

/// <summary>
/// Company names as matching compares them: Unicode compatibility-folded, accents removed,
/// lower-cased, "&amp;" read as "and", periods and apostrophes removed ("A.C.M.E." is "acme",
/// "O'Brien" is "obrien"), every other non-alphanumeric character a word break, whitespace
/// collapsed, and trailing <see cref="LegalSuffixes"/> dropped (with an "and" they leave dangling,
/// as in "Smith &amp; Co"). A name is never reduced to nothing: "Limited" stays "limited".
/// </summary>
public static class NameNormaliser
{
    private const string And = "and";

    /// <summary>The normalised name, or null when <paramref name="name"/> has no letters or digits.</summary>
    public static string? Normalise(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var text = new StringBuilder(name.Length + 8);
        foreach (Rune rune in Fold(name).EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune))
            {
                text.Append(rune.ToString());
            }
            else if (rune.Value == '&')
            {
                text.Append(" and ");
            }
            else if (rune.Value is not ('.' or '\'' or '\u2018' or '\u2019'))
            {
                text.Append(' ');
            }
        }

        List<string> words = [.. text.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries)];
        while (words.Count > 1 && (LegalSuffixes.Contains(words[^1]) || words[^1] == And))
        {
            words.RemoveAt(words.Count - 1);
        }

        return words.Count == 0 ? null : string.Join(' ', words);
    }

    /// <summary>The first word of a normalised name: the prefix the ERP is asked for candidates by.</summary>
    public static string? FirstWord(string? normalisedName) =>
        string.IsNullOrEmpty(normalisedName) ? null : normalisedName.Split(' ', 2)[0];

    /// <summary>Compatibility form (full-width letters, ligatures), then without combining marks ("é" is "e"), lower-case.</summary>
    private static string Fold(string name)
    {
        string decomposed = name.Normalize(NormalizationForm.FormKD);
        var kept = new StringBuilder(decomposed.Length);
        foreach (char c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                kept.Append(c);
            }
        }

        return kept.ToString().Normalize(NormalizationForm.FormC).ToLowerInvariant();
    }
}
