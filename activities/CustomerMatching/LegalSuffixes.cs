using System.Collections.Frozen;

namespace Integration.Activities.CustomerMatching;

/// <summary>
/// Legal-form words dropped from the end of a company name, so "Acme Ltd", "ACME Limited" and
/// "Acme, Inc." compare equal. Entries are as they look after punctuation is removed ("L.L.C." is
/// "llc", "S.A." is "sa"). "SpA", "AS" and "LP" are left out: as trailing words they are as often
/// part of a name ("Serenity Spa") as a legal form.
/// </summary>
public static class LegalSuffixes
{
    /// <summary>The list, lower-case.</summary>
    public static FrozenSet<string> All { get; } = new[]
    {
        "ltd", "limited",
        "inc", "incorporated",
        "llc", "llp",
        "corp", "corporation",
        "co", "company",
        "plc",
        "gmbh", "ag", "kg",
        "sa", "sas", "sarl", "srl",
        "bv", "nv",
        "pty", "ab", "oy",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="word"/> (one lower-case word of a normalised name) is a legal form.</summary>
    public static bool Contains(string word) => All.Contains(word);
}
