using Integration.Activities.Storage;
using Xunit;

namespace Integration.Tests.Unit.Activities.Storage;

/// <summary>Table keys are an injective encoding of the ids they hold: two ids never share a row, and every key is one Table Storage accepts.</summary>
public sealed class TableKeysTests
{
    [Fact]
    public void Ids_that_differ_only_in_a_character_table_keys_refuse_get_different_keys()
    {
        Assert.NotEqual(TableKeys.Escape("msg/X"), TableKeys.Escape("msg_X"));
        Assert.NotEqual(TableKeys.Escape("a#b"), TableKeys.Escape("a?b"));
        Assert.NotEqual(TableKeys.Escape("a\nb"), TableKeys.Escape("a\rb"));
    }

    [Fact]
    public void The_escape_character_itself_is_escaped_so_an_escaped_form_cannot_be_forged()
    {
        string slash = TableKeys.Escape("msg/X");

        Assert.Equal("msg^002FX", slash);
        Assert.NotEqual(slash, TableKeys.Escape(slash));
        Assert.Equal("msg^005E002FX", TableKeys.Escape("msg^002FX"));
    }

    [Theory]
    [InlineData("crm-123456")]
    [InlineData("deal-invoice-1001")]
    [InlineData("crm-company:erp-customer")]
    [InlineData("E1001-20260302T080000Z")]
    [InlineData("Zoë's café ✓ 😀")]
    public void Ids_without_those_characters_keep_their_own_text(string id) => Assert.Equal(id, TableKeys.Escape(id));

    [Fact]
    public void Ids_longer_than_a_key_differing_only_at_the_end_get_different_keys_of_at_most_512_characters()
    {
        string first = "crm-" + new string('7', 1996);
        string second = "crm-" + new string('7', 1995) + "8";

        string a = TableKeys.Escape(first), b = TableKeys.Escape(second);

        Assert.NotEqual(a, b);
        Assert.Equal(TableKeys.MaxLength, a.Length);
        Assert.StartsWith("^~", a, StringComparison.Ordinal);
        Assert.Equal(a, TableKeys.Escape(first));
    }

    [Fact]
    public void An_id_whose_escaped_form_outgrows_a_key_is_hashed_and_kept_apart_from_its_unescaped_twin()
    {
        string slashes = new('/', 200); // 200 characters, 1,000 once escaped
        string underscores = new('_', 200);

        Assert.NotEqual(TableKeys.Escape(slashes), TableKeys.Escape(underscores));
        Assert.True(TableKeys.Escape(slashes).Length <= TableKeys.MaxLength);
    }

    [Fact]
    public void Random_ids_full_of_forbidden_characters_never_collide_and_every_key_is_valid()
    {
        char[] alphabet = ['a', '_', '/', '\\', '#', '?', '^', '0', '\n', '\u0000', '\u007F', '\u0085', '\uD800', '\uDC00', 'é', '~'];
        var random = new Random(20261207);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (ids.Count < 20_000)
        {
            ids.Add(new string(Enumerable.Range(0, random.Next(1, 12)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray()));
        }

        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string id in ids)
        {
            string key = TableKeys.Escape(id);
            Assert.True(keys.TryAdd(key, id), $"'{key}' is the key of two ids");
            AssertValidKey(key);
        }
    }

    [Fact]
    public void A_surrogate_pair_is_kept_and_an_unpaired_surrogate_is_escaped()
    {
        Assert.Equal("a😀", TableKeys.Escape("a😀"));
        Assert.Equal("a^D800b", TableKeys.Escape("a\uD800b"));
        Assert.Equal("a^DC00", TableKeys.Escape("a\uDC00"));
    }

    private static void AssertValidKey(string key)
    {
        Assert.InRange(key.Length, 1, TableKeys.MaxLength);
        for (int i = 0; i < key.Length; i++)
        {
            char c = key[i];
            Assert.False(c is '/' or '\\' or '#' or '?' || c <= '\u001F' || c is >= '\u007F' and <= '\u009F', $"'{key}' holds U+{(int)c:X4}");
            if (char.IsHighSurrogate(c) && i + 1 < key.Length && char.IsLowSurrogate(key[i + 1]))
            {
                i++;
            }
            else
            {
                Assert.False(char.IsSurrogate(c), $"'{key}' holds an unpaired surrogate");
            }
        }
    }
}
