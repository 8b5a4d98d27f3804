using System.Globalization;
using System.Text;

namespace Integration.Orchestrations.Common;

/// <summary>
/// Makes a value that came from outside safe to put in a log line: control characters and unpaired surrogates
/// are written as \uXXXX (a raw CR or LF could forge a log line, ESC could drive a terminal), and a value
/// longer than <see cref="MaxLength"/> (or the given limit) is cut, saying how much was left out.
/// </summary>
public static class LogText
{
    public const int MaxLength = 200;

    public static string Safe(string? value, int maxLength = MaxLength)
    {
        if (value is null)
        {
            return string.Empty;
        }

        if (value.Length <= maxLength && TextScan.IndexOf(value, TextScan.IsControlOrLoneSurrogate) < 0)
        {
            return value;
        }

        int shown = Math.Min(value.Length, maxLength);
        StringBuilder b = TextScan.AppendEscaped(new StringBuilder(shown + 16), value, 0, shown, TextScan.IsControlOrLoneSurrogate, "\\u");
        if (value.Length > shown)
        {
            b.Append(CultureInfo.InvariantCulture, $"…(+{value.Length - shown} characters)");
        }

        return b.ToString();
    }
}
