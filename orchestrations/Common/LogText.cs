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

        if (value.Length <= maxLength && !NeedsEscape(value))
        {
            return value;
        }

        int shown = Math.Min(value.Length, maxLength);
        var b = new StringBuilder(shown + 16);
        for (int i = 0; i < shown; i++)
        {
            char c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                b.Append(c).Append(value[++i]);
            }
            else if (char.IsControl(c) || char.IsSurrogate(c))
            {
                b.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                b.Append(c);
            }
        }

        if (value.Length > shown)
        {
            b.Append(CultureInfo.InvariantCulture, $"…(+{value.Length - shown} characters)");
        }

        return b.ToString();
    }

    private static bool NeedsEscape(string value)
    {
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsControl(c) || char.IsSurrogate(c))
            {
                return true;
            }
        }

        return false;
    }
}
