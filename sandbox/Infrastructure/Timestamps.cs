using System.Globalization;

namespace Integration.Sandbox.Infrastructure;

/// The timestamp formats the emulated vendors put on the wire.
internal static class Timestamps
{
    /// <summary>HubSpot style: UTC with milliseconds, e.g. 2026-01-05T10:00:00.000Z.</summary>
    public static string HubSpot(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>QuickBooks style: offset time with milliseconds, e.g. 2026-01-05T10:00:00.000+00:00.</summary>
    public static string QuickBooks(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    /// <summary>Xero's JSON date style: milliseconds since the Unix epoch, e.g. /Date(1767607200000+0000)/.</summary>
    public static string Xero(DateTimeOffset value) =>
        string.Create(CultureInfo.InvariantCulture, $"/Date({value.ToUnixTimeMilliseconds()}+0000)/");

    /// <summary>QuickBooks MetaData style, without milliseconds.</summary>
    public static string QuickBooksMeta(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
