namespace Integration.Sandbox.HubSpot;

/// <summary>A stored CRM note and the contacts it is associated with (note-to-contact, association type 202).</summary>
internal sealed record HubSpotNote(string Id, IReadOnlyDictionary<string, string> Properties, IReadOnlyList<string> ContactIds, DateTimeOffset CreatedAt);
