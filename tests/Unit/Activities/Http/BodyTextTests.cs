using System.Text;
using Integration.Activities.Http;
using Xunit;

namespace Integration.Tests.Unit.Activities.Http;

/// <summary>What counts as text a route can hold: valid UTF-8, and JSON strings that decode to whole UTF-16 (no lone surrogate).</summary>
public sealed class BodyTextTests
{
    [Theory]
    [InlineData("""{"name":"Zoë","city":"Zürich"}""")]
    [InlineData("""{"emoji":"\ud83d\ude00","escaped":"\u00e9"}""")]
    [InlineData("""{"path":"C:\\ud800"}""")]
    [InlineData("""[{"eventId":1},{"eventId":2}]""")]
    [InlineData("plain text, not JSON")]
    [InlineData("""{"truncated":""")]
    [InlineData("")]
    public void Valid_text_passes(string body)
    {
        Assert.Null(BodyText.FindInvalidText(Encoding.UTF8.GetBytes(body)));
    }

    [Theory]
    [InlineData("""{"a":"x\ud800y"}""")]
    [InlineData("""{"a":"x\udc00"}""")]
    [InlineData("""{"a":"\ude00\ud83d"}""")]
    [InlineData("""[{"data":{"deep":["ok","\ud800"]}}]""")]
    public void A_json_string_with_an_unpaired_surrogate_escape_is_invalid(string body)
    {
        string? problem = BodyText.FindInvalidText(Encoding.UTF8.GetBytes(body));

        Assert.NotNull(problem);
        Assert.Contains("unpaired surrogate", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unpaired_surrogate_in_a_property_name_is_invalid()
    {
        string? problem = BodyText.FindInvalidText(Encoding.UTF8.GetBytes("""{"na\ud800me":1}"""));

        Assert.NotNull(problem);
        Assert.Contains("property name", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_ff_fe_in_a_field_are_invalid_utf8_and_the_offset_is_named()
    {
        byte[] body = [.. "{\"a\":\"x"u8, 0xFF, 0xFE, .. "\"}"u8];

        string? problem = BodyText.FindInvalidText(body);

        Assert.NotNull(problem);
        Assert.Contains("not valid UTF-8", problem, StringComparison.Ordinal);
        Assert.Contains("offset 7", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0xC0, 0xAF })]
    [InlineData(new byte[] { 0xE2, 0x82 })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xF8, 0x88, 0x80, 0x80, 0x80 })]
    public void Overlong_truncated_encoded_surrogate_or_out_of_range_utf8_is_invalid(byte[] bad)
    {
        byte[] body = [.. "[\""u8, .. bad, .. "\"]"u8];

        Assert.Contains("not valid UTF-8", BodyText.FindInvalidText(body), StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_outside_json_is_invalid_too()
    {
        Assert.NotNull(BodyText.FindInvalidText([0x61, 0xFF]));
    }
}
