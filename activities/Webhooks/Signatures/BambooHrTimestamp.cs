using System.Globalization;
using System.Text.RegularExpressions;

namespace Integration.Activities.Webhooks.Signatures;

/// <summary>
/// Reads BambooHR's timestamps, whose format its docs leave open: epoch seconds, or ISO-8601 with the
/// offset written "Z", "+00:00" or "+0000" (the payload example's form, which .NET does not parse by itself).
/// </summary>
internal static partial class BambooHrTimestamp
{
    /// <summary>The instant <paramref name="text"/> names; false for anything that is neither form. ISO text without an offset is read as UTC.</summary>
    public static bool TryParse(string? text, out DateTimeOffset instant)
    {
        instant = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        string value = text.Trim();
        if (value.All(char.IsAsciiDigit))
        {
            // At most 11 digits keeps the value inside DateTimeOffset's range (year 9999 is 253402300799).
            if (value.Length > 11 || !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long seconds)
                || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            {
                return false;
            }

            instant = DateTimeOffset.FromUnixTimeSeconds(seconds);
            return true;
        }

        Match m = IsoPattern().Match(value);
        if (!m.Success)
        {
            return false;
        }

        // The pattern has fixed the shape, so TryParse only checks the ranges (month 13, offset +25:00...).
        string offset = m.Groups["zone"].Value switch
        {
            "" or "Z" or "z" => "+00:00",
            { Length: 5 } compact => compact[..3] + ":" + compact[3..],
            var colon => colon,
        };
        return DateTimeOffset.TryParse(m.Groups["local"].Value + offset, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
    }

    [GeneratedRegex(
        @"^(?<local>[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,7})?)?)(?<zone>[Zz]|[+-][0-9]{2}:?[0-9]{2})?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex IsoPattern();
}
