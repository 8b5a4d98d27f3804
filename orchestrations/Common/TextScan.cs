using System.Globalization;
using System.Text;

namespace Integration.Orchestrations.Common;

/// <summary>
/// The one walk over text that keeps surrogate pairs whole, shared by the id checks, the table-key encoding and
/// log escaping: each asks which single UTF-16 units are a problem (a surrogate reaching the test is unpaired).
/// </summary>
public static class TextScan
{
    /// <summary>The index of the first unit from <paramref name="start"/> that <paramref name="match"/> selects, skipping surrogate pairs; -1 when none.</summary>
    public static int IndexOf(string value, Func<char, bool> match, int start = 0)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(match);
        for (int i = start; i < value.Length; i++)
        {
            if (IsPairAt(value, i))
            {
                i++;
            }
            else if (match(value[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Appends <paramref name="value"/>[start..end), each unit <paramref name="match"/> selects written as <paramref name="prefix"/> and four hex digits.</summary>
    public static StringBuilder AppendEscaped(StringBuilder builder, string value, int start, int end, Func<char, bool> match, string prefix)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(match);
        for (int i = start; i < end; i++)
        {
            char c = value[i];
            if (IsPairAt(value, i))
            {
                builder.Append(c).Append(value[++i]);
            }
            else if (match(c))
            {
                builder.Append(prefix).Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder;
    }

    /// <summary>A control character, or (as <see cref="IndexOf"/> sees it) an unpaired surrogate: what neither an id nor a log line may hold raw.</summary>
    public static bool IsControlOrLoneSurrogate(char c) => char.IsControl(c) || char.IsSurrogate(c);

    private static bool IsPairAt(string value, int i) =>
        char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]);
}
