using System.Text.Json.Serialization;

namespace Integration.Activities.Connectors.HubSpot;

/// <summary>A HubSpot CRM v3 object: every property value is a string on the wire.</summary>
public sealed record HubSpotObject(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("properties")] Dictionary<string, string?> Properties,
    [property: JsonPropertyName("associations")] Dictionary<string, HubSpotAssociationList>? Associations);

/// <summary>One association kind on an object ("line items", "companies").</summary>
public sealed record HubSpotAssociationList([property: JsonPropertyName("results")] List<HubSpotAssociation> Results);

/// <summary>One associated object id.</summary>
public sealed record HubSpotAssociation([property: JsonPropertyName("id")] string Id, [property: JsonPropertyName("type")] string? Type);

/// <summary>Batch read response.</summary>
public sealed record HubSpotBatchResult([property: JsonPropertyName("results")] List<HubSpotObject> Results);

/// <summary>Search response (contacts/search): the total and the first page of matches.</summary>
public sealed record HubSpotSearchResult(
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("results")] List<HubSpotObject> Results);

/// <summary>A CRM contact as the order note needs it: its id (to attach the note to) and who it is.</summary>
public sealed record CrmContact(string Id, string? Email, string? FirstName, string? LastName);
