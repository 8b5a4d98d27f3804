using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Integration.Activities.Http;

/// <summary>
/// Checks that a request body is text the product can hold: valid UTF-8 throughout, and JSON strings that
/// decode to valid UTF-16 (no unpaired surrogate such as "\ud800"). A body that fails is the caller's fault,
/// so each route answers it with its own 400 at the door, instead of failing later (500) when a field is read
/// or the event is serialized onto the queue.
/// </summary>
public static class BodyText
{
    private static ReadOnlySpan<byte> UnicodeEscape => "\\u"u8;

    /// <summary>Null when the body is sound text; otherwise a sentence saying what is wrong and where, for the problem's detail.</summary>
    /// <remarks>A body that is not JSON at all gets only the UTF-8 check: its parser reports the syntax error.</remarks>
    public static string? FindInvalidText(ReadOnlySpan<byte> body)
    {
        if (!Utf8.IsValid(body))
        {
            return $"The body is not valid UTF-8: the bytes at offset {FirstInvalidUtf8Offset(body).ToString(CultureInfo.InvariantCulture)} are not a UTF-8 sequence.";
        }

        // Only an escape can spell a surrogate in valid UTF-8, so a body without "\u" needs no second pass.
        return body.IndexOf(UnicodeEscape) < 0 ? null : FindUnpairedSurrogate(body);
    }

    private static int FirstInvalidUtf8Offset(ReadOnlySpan<byte> body)
    {
        int offset = 0;
        while (offset < body.Length)
        {
            if (Rune.DecodeFromUtf8(body[offset..], out _, out int consumed) != OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return offset;
    }

    private static string? FindUnpairedSurrogate(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 256, CommentHandling = JsonCommentHandling.Skip });
        try
        {
            while (reader.Read())
            {
                if ((reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName) && reader.ValueIsEscaped && !DecodesToValidUtf16(ref reader))
                {
                    return $"The JSON {(reader.TokenType == JsonTokenType.PropertyName ? "property name" : "string")} at byte offset " +
                        $"{reader.TokenStartIndex.ToString(CultureInfo.InvariantCulture)} holds an unpaired surrogate escape (\\uD800-\\uDFFF without its pair), which is not Unicode text.";
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (or not all of it): the route's own parser names the syntax error.
        }

        return null;
    }

    private static bool DecodesToValidUtf16(ref Utf8JsonReader reader)
    {
        try
        {
            _ = reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            // The reader refuses to unescape a lone high or low surrogate.
            return false;
        }
    }
}
