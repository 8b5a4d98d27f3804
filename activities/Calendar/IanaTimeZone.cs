namespace Integration.Activities.Calendar;

/// <summary>
/// Resolves an IANA time zone id on any OS. Linux (and Windows with ICU) find IANA ids directly; Windows
/// without ICU needs the id mapped to its Windows id first. Windows ids are refused so the id the
/// product reports is always the IANA one.
/// </summary>
public static class IanaTimeZone
{
    /// <summary>The zone, or null with <paramref name="problem"/> saying why the id is not usable.</summary>
    public static TimeZoneInfo? Find(string? id, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(id))
        {
            problem = "is empty; name an IANA time zone id such as 'America/New_York' or 'Europe/London'";
            return null;
        }

        id = id.Trim();
        TimeZoneInfo? zone = TryFind(id);
        if (zone is not null)
        {
            if (zone.HasIanaId)
            {
                return zone;
            }

            problem = TimeZoneInfo.TryConvertWindowsIdToIanaId(id, out string? iana)
                ? $"'{id}' is a Windows time zone id; use the IANA id '{iana}'"
                : $"'{id}' is not an IANA time zone id";
            return null;
        }

        if (TimeZoneInfo.TryConvertIanaIdToWindowsId(id, out string? windowsId) && TryFind(windowsId) is { } mapped)
        {
            return mapped;
        }

        problem = $"'{id}' is not a known IANA time zone id (e.g. 'America/New_York', 'Europe/London')";
        return null;
    }

    private static TimeZoneInfo? TryFind(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            return null;
        }
        catch (InvalidTimeZoneException)
        {
            return null;
        }
    }
}
