namespace Integration.Sandbox.HubSpot;

/// An immutable snapshot of a stored HubSpot company or line item; all property values are strings.
internal sealed record HubSpotRecord(
    string Id,
    IReadOnlyDictionary<string, string> Properties,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
