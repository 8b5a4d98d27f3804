using System.Globalization;
using Integration.Orchestrations.DealToInvoice;

namespace Integration.Activities.Calendar;

/// <summary>
/// Decides when an invoice may be created: the first instant at or after max(closed, now) inside a business
/// day's invoicing window [InvoicingStartsAt, CutOffAt) in the company's time zone, where a business day is
/// neither a weekend day nor a holiday of the configured region. Pure: the same input gives the same answer.
/// </summary>
public sealed class BusinessCalendar
{
    /// <summary>Bounds the search; no real calendar goes this long without a business day, so reaching it means bad data.</summary>
    private const int MaxDaysAhead = 400;

    public BusinessCalendar(BusinessCalendarSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
    }

    public BusinessCalendarSettings Settings { get; }

    /// <summary>Builds the calendar from options, reading the region's holiday file.</summary>
    /// <exception cref="InvalidOperationException">The options are invalid; the message lists every problem.</exception>
    public static BusinessCalendar FromOptions(BusinessCalendarOptions options)
    {
        BusinessCalendarSettings? settings = BusinessCalendarSettings.Resolve(options, out IReadOnlyList<string> failures);
        return settings is not null
            ? new BusinessCalendar(settings)
            : throw new InvalidOperationException($"The business calendar is misconfigured: {string.Join(" ", failures)}");
    }

    /// <summary>When the deal's invoice may be created, its invoice and due dates, and a sentence for the custom status.</summary>
    /// <exception cref="InvoicePlanningException">Unreadable payment terms, or a date the holiday file does not cover.</exception>
    public InvoiceSchedule Plan(DateTimeOffset closedAt, DateTimeOffset now, string? paymentTerms)
    {
        int termDays = PaymentTerms.Parse(paymentTerms, Settings.DefaultPaymentTermDays);
        DateTimeOffset earliest = closedAt > now ? closedAt : now;
        InvoicingSlot slot = FirstSlot(earliest);

        var reasons = new List<string>();
        if (closedAt > now)
        {
            reasons.Add("close date not yet reached");
        }

        reasons.AddRange(slot.Reasons);
        string description = ScheduleDescription.Format(slot.At, closedAt, now, Settings.Zone, Settings.TimeZoneId, reasons);
        return new InvoiceSchedule(slot.At, slot.LocalDate, slot.LocalDate.AddDays(termDays), termDays, Settings.TimeZoneId, description);
    }

    /// <summary>The first instant at or after <paramref name="earliest"/> inside a business day's invoicing window.</summary>
    public InvoicingSlot FirstSlot(DateTimeOffset earliest)
    {
        DateOnly firstDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(earliest, Settings.Zone).DateTime);
        var reasons = new List<string>();

        // From the day before: around a DST change an instant can belong to the previous local day's window.
        for (DateOnly day = firstDay.AddDays(-1); day <= firstDay.AddDays(MaxDaysAhead); day = day.AddDays(1))
        {
            DateTimeOffset opens = LocalTimes.ToInstant(day, Settings.InvoicingStartsAt, Settings.Zone);
            DateTimeOffset closes = LocalTimes.ToInstant(day, Settings.CutOffAt, Settings.Zone);
            if (closes <= earliest)
            {
                if (day == firstDay)
                {
                    // Only for the wording: a day already over needs no holiday data, so an uncovered year is not an error here.
                    string? notOpen = Settings.WeekendDays.Contains(day.DayOfWeek) || Settings.Holidays.Covers(day.Year) ? WhyClosed(day) : null;
                    AddOnce(reasons, notOpen ?? $"after the {TimeOfDaySetting.Format(Settings.CutOffAt)} cut-off");
                }

                continue;
            }

            if (WhyClosed(day) is { } closed)
            {
                AddOnce(reasons, closed);
                continue;
            }

            if (earliest >= opens)
            {
                return Slot(TimeZoneInfo.ConvertTime(earliest, Settings.Zone), reasons);
            }

            if (day == firstDay)
            {
                reasons.Add($"before opening at {TimeOfDaySetting.Format(Settings.InvoicingStartsAt)}");
            }

            return Slot(opens, reasons);
        }

        throw new InvoicePlanningException(string.Create(
            CultureInfo.InvariantCulture,
            $"No business day within {MaxDaysAhead} days after {firstDay:yyyy-MM-dd} in {Settings.TimeZoneId}; check the holidays of region '{Settings.Holidays.Region}' ({Settings.Holidays.Source})."));
    }

    /// <summary>Why <paramref name="day"/> is not a business day ("weekend", or the holiday and its date), or null when it is one.</summary>
    /// <exception cref="InvoicePlanningException">The day is a weekday in a year the holiday file does not cover.</exception>
    public string? WhyClosed(DateOnly day)
    {
        if (Settings.WeekendDays.Contains(day.DayOfWeek))
        {
            return "weekend";
        }

        return Settings.Holidays.NameOn(day) is { } holiday
            ? string.Create(CultureInfo.InvariantCulture, $"{holiday} on {day:dddd yyyy-MM-dd}")
            : null;
    }

    /// <summary>The invoice date is the local date of the instant (its offset is the zone's), whichever day's window it fell in.</summary>
    private static InvoicingSlot Slot(DateTimeOffset localInstant, List<string> reasons) =>
        new(localInstant, DateOnly.FromDateTime(localInstant.DateTime), reasons);

    private static void AddOnce(List<string> reasons, string reason)
    {
        if (!reasons.Contains(reason, StringComparer.Ordinal))
        {
            reasons.Add(reason);
        }
    }
}
