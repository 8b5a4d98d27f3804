using Integration.Orchestrations.Common;
using Xunit;

namespace Integration.Tests.Unit.Orchestrations.Common;

/// <summary>Values from outside never put raw control characters in a log line, and a huge one is cut.</summary>
public sealed class LogTextTests
{
    [Theory]
    [InlineData("crm-1001")]
    [InlineData("Zoë 😀")]
    public void An_ordinary_value_is_logged_as_it_is(string value) => Assert.Same(value, LogText.Safe(value));

    [Fact]
    public void Control_characters_and_unpaired_surrogates_are_written_as_escapes()
    {
        Assert.Equal("crm-1\\u000A2026-01-01 ERROR forged\\u000D\\u001B[31m\\u0085\\uD800", LogText.Safe("crm-1\n2026-01-01 ERROR forged\r\u001b[31m\u0085\uD800"));
    }

    [Fact]
    public void A_value_longer_than_the_limit_is_cut_saying_how_much_was_left_out()
    {
        string safe = LogText.Safe(new string('7', 2000));

        Assert.Equal(new string('7', LogText.MaxLength) + "…(+1800 characters)", safe);
    }

    [Fact]
    public void Null_is_an_empty_string() => Assert.Equal(string.Empty, LogText.Safe(null));
}
