namespace Integration.Activities.Calendar;

/// <summary>Wall-clock times to instants under a zone's rules, including times a DST change skips or repeats.</summary>
public static class LocalTimes
{
    /// <summary>
    /// The instant the clock first reads <paramref name="timeOfDay"/> on <paramref name="date"/> (24:00 is the
    /// next midnight). A time skipped by a spring-forward gives the first valid time after the gap (the
    /// transition itself); a time that occurs twice gives its first occurrence. Offset: the zone's at that instant.
    /// </summary>
    public static DateTimeOffset ToInstant(DateOnly date, TimeSpan timeOfDay, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        DateTime local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified).Add(timeOfDay);
        if (zone.IsInvalidTime(local))
        {
            return TimeZoneInfo.ConvertTime(FirstInstantReading(local, zone), zone);
        }

        // Before a fall-back the offset is larger, so the first occurrence is the one with the largest offset.
        TimeSpan offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    /// <summary>
    /// The earliest instant at which the zone's clock reads <paramref name="local"/> or later: a binary search over
    /// the instants that could read it (UTC offsets lie between -14 and +14 hours), exact to the tick.
    /// </summary>
    private static DateTimeOffset FirstInstantReading(DateTime local, TimeZoneInfo zone)
    {
        long lo = local.Ticks - TimeSpan.FromHours(15).Ticks; // reads earlier than local under any offset
        long hi = local.Ticks + TimeSpan.FromHours(15).Ticks; // reads later than local under any offset
        while (hi - lo > 1)
        {
            long mid = lo + ((hi - lo) / 2);
            if (TimeZoneInfo.ConvertTime(new DateTimeOffset(mid, TimeSpan.Zero), zone).DateTime >= local)
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }

        return new DateTimeOffset(hi, TimeSpan.Zero);
    }
}
