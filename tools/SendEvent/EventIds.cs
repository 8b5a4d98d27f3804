namespace Integration.SendEvent;

/// <summary>Fresh delivery ids, so each send is a new delivery unless the caller pins an id to test deduplication.</summary>
public static class EventIds
{
    // Seeded from the clock so separate runs of the tool do not repeat ids; incremented within a run.
    private static long next = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000) + Random.Shared.Next(1000);

    /// <summary>A new HubSpot-style numeric event id.</summary>
    public static long NewEventId() => Interlocked.Increment(ref next);

    /// <summary>A new Standard Webhooks message id ("msg_" + 32 hex digits; never contains '.').</summary>
    public static string NewMessageId() => "msg_" + Guid.NewGuid().ToString("N");
}
