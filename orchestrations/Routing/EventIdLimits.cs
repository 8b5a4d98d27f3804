using Integration.Orchestrations.Common;

namespace Integration.Orchestrations.Routing;

/// <summary>
/// The documented limits on the ids senders give us, checked at the door (a refused event is a 400 naming the
/// field) and again by the routing table, so an id that cannot be a table key or a workflow instance id is
/// never accepted and then dead-lettered. Pure, so the normalisers and the routing table share it.
/// </summary>
/// <remarks>
/// A subject (business key: HubSpot objectId, BambooHR employeeId, an app event's subject) becomes part of a
/// workflow instance id ("deal-invoice-{subject}"). Durable Functions documents instance ids as 1 to 100
/// characters with no '/', '\', '#', '?' or control characters, not starting with '@'; 64 characters leave
/// room for the longest prefix. A delivery id (HubSpot eventId, Standard Webhooks webhook-id) is only a
/// dedupe key, so it may hold any printable character, up to 128.
/// </remarks>
public static class EventIdLimits
{
    public const int MaxSubjectLength = 64;

    public const int MaxDeliveryIdLength = 128;

    /// <summary>Durable Functions' documented limit on an orchestration instance id.</summary>
    public const int MaxInstanceIdLength = 100;

    /// <summary>Characters an instance id (and so a subject) must not hold, besides control characters.</summary>
    public const string ForbiddenInSubject = "/\\#?";

    /// <returns>Why <paramref name="subject"/> cannot be a business key ("is 2000 characters long; the limit is 64"), or null when it can.</returns>
    public static string? SubjectProblem(string subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (subject.Length is 0 or > MaxSubjectLength)
        {
            return $"is {subject.Length} characters long; the limit is 1 to {MaxSubjectLength}";
        }

        if (subject.AsSpan().IndexOfAny(ForbiddenInSubject) >= 0)
        {
            return "holds one of '/', '\\', '#' or '?', which a workflow instance id cannot";
        }

        return CharacterProblem(subject);
    }

    /// <returns>Why <paramref name="deliveryId"/> cannot be a delivery id, or null when it can.</returns>
    public static string? DeliveryIdProblem(string deliveryId)
    {
        ArgumentNullException.ThrowIfNull(deliveryId);
        return deliveryId.Length is 0 or > MaxDeliveryIdLength
            ? $"is {deliveryId.Length} characters long; the limit is 1 to {MaxDeliveryIdLength}"
            : CharacterProblem(deliveryId);
    }

    /// <returns>Why the engine would refuse <paramref name="instanceId"/> (Durable Functions' documented rules), or null.</returns>
    public static string? InstanceIdProblem(string instanceId)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        if (instanceId.Length is 0 or > MaxInstanceIdLength)
        {
            return $"is {instanceId.Length} characters long; an instance id holds 1 to {MaxInstanceIdLength}";
        }

        if (instanceId[0] == '@')
        {
            return "starts with '@'";
        }

        return instanceId.AsSpan().IndexOfAny(ForbiddenInSubject) >= 0
            ? "holds one of '/', '\\', '#' or '?'"
            : CharacterProblem(instanceId);
    }

    private static string? CharacterProblem(string value)
    {
        int i = TextScan.IndexOf(value, TextScan.IsControlOrLoneSurrogate);
        return i < 0 ? null
            : char.IsControl(value[i]) ? $"holds a control character (U+{(int)value[i]:X4}) at position {i}"
            : $"holds an unpaired surrogate (U+{(int)value[i]:X4}) at position {i}";
    }
}
