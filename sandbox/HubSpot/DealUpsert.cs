namespace Integration.Sandbox.HubSpot;

/// A deal written through the admin API, with the company and line items to store alongside it.
internal sealed record DealUpsert(
    string Id,
    IReadOnlyDictionary<string, string> Properties,
    DealUpsertRecord? Company,
    IReadOnlyList<DealUpsertRecord> LineItems);

/// A company or line item inside a <see cref="DealUpsert"/>.
internal sealed record DealUpsertRecord(string Id, IReadOnlyDictionary<string, string> Properties);
