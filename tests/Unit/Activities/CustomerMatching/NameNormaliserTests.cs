using Integration.Activities.CustomerMatching;
using Xunit;

namespace Integration.Tests.Unit.Activities.CustomerMatching;

/// <summary>Company names: case, spacing, punctuation, "&amp;" and trailing legal forms do not matter; the rest does.</summary>
public sealed class NameNormaliserTests
{
    [Theory]
    [InlineData("Acme", "acme")]
    [InlineData("Acme Ltd", "acme")]
    [InlineData("ACME Limited", "acme")]
    [InlineData("Acme, Inc.", "acme")]
    [InlineData("  Acme    Widgets  ", "acme widgets")]
    [InlineData("Acme-Widgets Corp", "acme widgets")]
    [InlineData("A.C.M.E. L.L.C.", "acme")]
    [InlineData("O'Brien Pty. Ltd.", "obrien")]
    [InlineData("O\u2019Brien", "obrien")]
    [InlineData("Smith & Sons Ltd", "smith and sons")]
    [InlineData("Smith and Sons", "smith and sons")]
    [InlineData("Smith & Co", "smith")]
    [InlineData("Acme GmbH & Co. KG", "acme")]
    [InlineData("Société Générale SA", "societe generale")]
    [InlineData("\uFF21\uFF23\uFF2D\uFF25 BV", "acme")]
    [InlineData("Johnson & Johnson", "johnson and johnson")]
    [InlineData("Acme Limited Holdings", "acme limited holdings")]
    [InlineData("Acme Ltd (UK)", "acme ltd uk")]
    [InlineData("Serenity Spa", "serenity spa")]
    [InlineData("Limited", "limited")]
    [InlineData("Co. Ltd", "co")]
    public void Normalises_a_name(string name, string expected)
    {
        Assert.Equal(expected, NameNormaliser.Normalise(name));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("...")]
    [InlineData("-- / --")]
    public void A_name_without_letters_or_digits_has_no_key(string? name)
    {
        Assert.Null(NameNormaliser.Normalise(name));
    }

    [Theory]
    [InlineData("Acme Ltd", "Acme Holdings Ltd")]
    [InlineData("Acme", "Acme Widgets")]
    [InlineData("Smith & Sons", "Smith Sons")]
    public void Different_companies_stay_different(string a, string b)
    {
        Assert.NotEqual(NameNormaliser.Normalise(a), NameNormaliser.Normalise(b));
    }

    [Theory]
    [InlineData("acme widgets", "acme")]
    [InlineData("acme", "acme")]
    [InlineData(null, null)]
    [InlineData("", null)]
    public void First_word_is_the_search_prefix(string? normalised, string? expected)
    {
        Assert.Equal(expected, NameNormaliser.FirstWord(normalised));
    }
}
