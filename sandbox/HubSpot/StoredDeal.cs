namespace Integration.Sandbox.HubSpot;

/// An immutable snapshot of a stored HubSpot deal with its associated line item and company ids.
internal sealed record StoredDeal(
    string Id,
    IReadOnlyDictionary<string, string> Properties,
    IReadOnlyList<string> LineItemIds,
    string? CompanyId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
