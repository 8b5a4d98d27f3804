using System.Net;
using System.Text.Json;
using Xunit;

namespace Integration.Tests.Unit.Sandbox;

/// <summary>HubSpot contact search by e-mail and notes on a contact's timeline (the order workflows' CRM note).</summary>
public sealed class HubSpotContactSandboxTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    private SandboxHost Sandbox => fixture.Host;

    public Task InitializeAsync() => Sandbox.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Contact_search_by_email_finds_a_seeded_contact_ignoring_case_with_the_requested_properties()
    {
        var found = await SearchAsync("ALEX@example.com");
        var none = await SearchAsync("nobody@example.com");

        Assert.Equal(HttpStatusCode.OK, found.Status);
        Assert.Equal(1, found.Json.GetProperty("total").GetInt32());
        var contact = Assert.Single(found.Json.GetProperty("results").EnumerateArray());
        Assert.Equal("751", contact.GetProperty("id").GetString());
        var properties = contact.GetProperty("properties");
        Assert.Equal("alex@example.com", properties.GetProperty("email").GetString());
        Assert.Equal("Alex", properties.GetProperty("firstname").GetString());
        Assert.Equal("751", properties.GetProperty("hs_object_id").GetString());
        Assert.False(contact.GetProperty("archived").GetBoolean());
        Assert.Equal(0, none.Json.GetProperty("total").GetInt32());
        Assert.Equal(0, none.Json.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public async Task A_note_is_stored_with_its_contact_and_shown_by_the_admin_route()
    {
        var note = await Sandbox.HubSpotAsync(HttpMethod.Post, "/crm/v3/objects/notes", """
            {"properties":{"hs_timestamp":"2026-12-07T10:00:00Z","hs_note_body":"Order #1001 placed at store-a"},
             "associations":[{"to":{"id":"751"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":202}]}]}
            """);

        Assert.Equal(HttpStatusCode.Created, note.Status);
        var id = note.Json.GetProperty("id").GetString();
        Assert.Equal("Order #1001 placed at store-a", note.Json.GetProperty("properties").GetProperty("hs_note_body").GetString());
        var stored = Assert.Single((await Sandbox.AdminAsync(HttpMethod.Get, "/hubspot/notes")).Json.EnumerateArray());
        Assert.Equal(id, stored.GetProperty("id").GetString());
        Assert.Equal("751", stored.GetProperty("contactId").GetString());
        Assert.Equal("2026-12-07T10:00:00Z", stored.GetProperty("properties").GetProperty("hs_timestamp").GetString());
    }

    [Fact]
    public async Task Notes_without_a_timestamp_or_for_an_unknown_contact_or_association_are_refused_and_not_stored()
    {
        var noTimestamp = await Sandbox.HubSpotAsync(HttpMethod.Post, "/crm/v3/objects/notes", """{"properties":{"hs_note_body":"x"}}""");
        var unknownContact = await Sandbox.HubSpotAsync(HttpMethod.Post, "/crm/v3/objects/notes", """
            {"properties":{"hs_timestamp":"1765101600000"},"associations":[{"to":{"id":"999"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":202}]}]}
            """);
        var otherType = await Sandbox.HubSpotAsync(HttpMethod.Post, "/crm/v3/objects/notes", """
            {"properties":{"hs_timestamp":"1765101600000"},"associations":[{"to":{"id":"751"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":214}]}]}
            """);
        var noToken = await Sandbox.SendAsync(HttpMethod.Post, "/hubspot/crm/v3/objects/notes", json: """{"properties":{"hs_timestamp":"1765101600000"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, noTimestamp.Status);
        Assert.Equal("VALIDATION_ERROR", noTimestamp.Json.GetProperty("category").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknownContact.Status);
        Assert.Equal(HttpStatusCode.BadRequest, otherType.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.Status);
        Assert.Equal(0, (await Sandbox.AdminAsync(HttpMethod.Get, "/hubspot/notes")).Json.GetArrayLength());
    }

    [Fact]
    public async Task A_seeded_contact_is_found_by_search_and_reset_brings_back_only_the_default_contacts()
    {
        var seeded = await Sandbox.AdminAsync(HttpMethod.Post, "/hubspot/contacts", """{"properties":{"email":"pat@example.com","firstname":"Pat","lastname":"Ng"}}""");
        var again = await Sandbox.AdminAsync(HttpMethod.Post, "/hubspot/contacts", """{"properties":{"email":"PAT@example.com","lastname":"Nguyen"}}""");
        var invalid = await Sandbox.AdminAsync(HttpMethod.Post, "/hubspot/contacts", """{"properties":{"firstname":"No email"}}""");
        var found = await SearchAsync("pat@example.com");

        Assert.Equal(HttpStatusCode.Created, seeded.Status);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(seeded.Json.GetProperty("id").GetString(), again.Json.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.Equal("application/problem+json", invalid.MediaType);
        var contact = Assert.Single(found.Json.GetProperty("results").EnumerateArray());
        Assert.Equal("Nguyen", contact.GetProperty("properties").GetProperty("lastname").GetString());
        Assert.Equal(4, (await Sandbox.AdminAsync(HttpMethod.Get, "/hubspot/contacts")).Json.GetArrayLength());

        await Sandbox.ResetAsync();

        var contacts = (await Sandbox.AdminAsync(HttpMethod.Get, "/hubspot/contacts")).Json;
        Assert.Equal(["alex@example.com", "sam@example.com", "jordan@example.com"],
            contacts.EnumerateArray().Select(c => c.GetProperty("properties").GetProperty("email").GetString()));
    }

    [Fact]
    public async Task Contact_search_refuses_operators_other_than_EQ()
    {
        var response = await Sandbox.HubSpotAsync(HttpMethod.Post, "/crm/v3/objects/contacts/search",
            """{"filterGroups":[{"filters":[{"propertyName":"email","operator":"CONTAINS_TOKEN","value":"alex"}]}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("VALIDATION_ERROR", response.Json.GetProperty("category").GetString());
    }

    private Task<SandboxResponse> SearchAsync(string email) =>
        Sandbox.HubSpotAsync(HttpMethod.Post, "/crm/v3/objects/contacts/search", JsonSerializer.Serialize(new
        {
            filterGroups = new[] { new { filters = new[] { new { propertyName = "email", @operator = "EQ", value = email } } } },
            properties = new[] { "email", "firstname", "lastname" },
            limit = 1,
        }));
}
