using System.Globalization;
using System.Text.RegularExpressions;

namespace Integration.Activities.Calendar;

/// <summary>
/// Reads a deal's payment terms as a number of days: "Net 45", "NET45", "net_30", "45", "45 days",
/// "Due on receipt" (0); null or blank means the configured default. Anything else is an error, not
/// the default, so finance is never surprised by a due date the deal did not ask for.
/// </summary>
public static partial class PaymentTerms
{
    /// <summary>Longest term accepted; a larger number is far more likely a typo than a real term.</summary>
    public const int MaxDays = 365;

    /// <summary>The days <paramref name="terms"/> allow, or <paramref name="defaultDays"/> when the deal names none.</summary>
    /// <exception cref="InvoicePlanningException">The terms are not in a recognised form or exceed <see cref="MaxDays"/>.</exception>
    public static int Parse(string? terms, int defaultDays)
    {
        if (string.IsNullOrWhiteSpace(terms))
        {
            return defaultDays;
        }

        string trimmed = terms.Trim();
        if (DueOnReceipt().IsMatch(trimmed))
        {
            return 0;
        }

        Match net = NetDays().Match(trimmed);
        if (!net.Success)
        {
            throw new InvoicePlanningException(
                $"Payment terms '{terms}' are not understood: expected 'Net N', 'N', 'N days' or 'Due on receipt'.");
        }

        int days = int.Parse(net.Groups["days"].Value, NumberStyles.None, CultureInfo.InvariantCulture);
        if (days > MaxDays)
        {
            throw new InvoicePlanningException($"Payment terms '{terms}' allow {days} days; at most {MaxDays} are accepted.");
        }

        return days;
    }

    // Separators vary by source ("net_30", "due-on-receipt", "Net 45"): spaces, or one "_" or "-" (so "Net -5" is not 5 days).
    [GeneratedRegex(@"^due(\s+|_|-)(up)?on(\s+|_|-)receipt$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DueOnReceipt();

    [GeneratedRegex(@"^(net(\s+|_|-)?)?(?<days>[0-9]{1,6})(\s*days?)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NetDays();
}
