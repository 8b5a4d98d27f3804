namespace Integration.Sandbox.HubSpot;

/// A deal produced from its id together with the company and line items it refers to.
internal sealed record GeneratedDeal(StoredDeal Deal, HubSpotRecord Company, IReadOnlyList<HubSpotRecord> LineItems);
