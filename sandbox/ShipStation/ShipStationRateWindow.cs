using System.Globalization;

namespace Integration.Sandbox.ShipStation;

/// <summary>
/// ShipStation v1's 40 requests a minute per key, counted loosely in one fixed window: the answers carry the
/// X-Rate-Limit-* headers, but the sandbox only refuses when a fault says so (Rate429), so tests stay fast.
/// </summary>
internal sealed class ShipStationRateWindow(TimeProvider time)
{
    public const int Limit = 40;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Lock gate = new();
    private DateTimeOffset start = DateTimeOffset.MinValue;
    private int count;

    /// <summary>Counts one request and returns what the headers report after it.</summary>
    public (int Remaining, int ResetSeconds) Count()
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (now - start >= Window)
            {
                start = now;
                count = 0;
            }

            count++;
            return (Math.Max(0, Limit - count), (int)Math.Ceiling((start + Window - now).TotalSeconds));
        }
    }

    public void Reset()
    {
        lock (gate)
        {
            start = DateTimeOffset.MinValue;
            count = 0;
        }
    }

    public static void AddHeaders(IHeaderDictionary headers, int remaining, string resetSeconds)
    {
        headers["X-Rate-Limit-Limit"] = Limit.ToString(CultureInfo.InvariantCulture);
        headers["X-Rate-Limit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        headers["X-Rate-Limit-Reset"] = resetSeconds;
    }
}
