using System.Net;
using System.Text.Json;
using Integration.Activities.Configuration;
using Integration.Activities.Connectors.HubSpot;
using Xunit;

namespace Integration.Tests.Unit.Activities.Connectors.Orders;

/// <summary>HubSpotCrmClient's contact search by email and timeline note, against a scripted HubSpot.</summary>
public sealed class HubSpotContactNoteTests
{
    private const string Correlation = "corr-note-1";

    [Fact]
    public async Task A_contact_is_found_by_an_exact_email_search_asking_for_one_result()
    {
        var (client, http) = Client(new ScriptedHttp().Ok("""{"total":1,"results":[{"id":"151","properties":{"email":"ada@example.com","firstname":"Ada","lastname":"Lovelace"}}]}"""));

        CrmContact? contact = await client.FindContactByEmailAsync(" ada@example.com ", Correlation, default);

        Assert.Equal(new CrmContact("151", "ada@example.com", "Ada", "Lovelace"), contact);
        SentRequest sent = Assert.Single(http.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("https://hubspot.example.test/crm/v3/objects/contacts/search", sent.Uri.AbsoluteUri);
        Assert.Equal(Correlation, sent.CorrelationId);
        JsonElement filter = Assert.Single(Assert.Single(sent.Json.GetProperty("filterGroups").EnumerateArray()).GetProperty("filters").EnumerateArray());
        Assert.Equal(("email", "EQ", "ada@example.com"), (filter.GetProperty("propertyName").GetString(), filter.GetProperty("operator").GetString(), filter.GetProperty("value").GetString()));
        Assert.Equal(["email", "firstname", "lastname"], sent.Json.GetProperty("properties").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(1, sent.Json.GetProperty("limit").GetInt32());
    }

    [Fact]
    public async Task No_match_is_null_and_a_blank_email_is_null_without_a_call()
    {
        var (client, http) = Client(new ScriptedHttp().Ok("""{"total":0,"results":[]}"""));

        Assert.Null(await client.FindContactByEmailAsync("nobody@example.com", Correlation, default));
        Assert.Null(await client.FindContactByEmailAsync(" ", Correlation, default));
        Assert.Single(http.Requests);
    }

    [Fact]
    public async Task A_note_is_created_on_the_contacts_timeline_with_its_timestamp_and_body()
    {
        var (client, http) = Client(new ScriptedHttp().Answer(HttpStatusCode.Created, """{"id":"9001","properties":{"hs_note_body":"x"}}"""));

        string id = await client.CreateNoteAsync("151", "Order #1001 placed at store-a: 2 x TEE-BLK-M", new DateTimeOffset(2026, 12, 7, 11, 30, 15, 250, TimeSpan.FromHours(1)), Correlation, default);

        Assert.Equal("9001", id);
        SentRequest sent = Assert.Single(http.Requests);
        Assert.Equal("https://hubspot.example.test/crm/v3/objects/notes", sent.Uri.AbsoluteUri);
        JsonElement properties = sent.Json.GetProperty("properties");
        Assert.Equal("2026-12-07T10:30:15.250Z", properties.GetProperty("hs_timestamp").GetString());
        Assert.Equal("Order #1001 placed at store-a: 2 x TEE-BLK-M", properties.GetProperty("hs_note_body").GetString());
        JsonElement association = Assert.Single(sent.Json.GetProperty("associations").EnumerateArray());
        Assert.Equal("151", association.GetProperty("to").GetProperty("id").GetString());
        JsonElement type = Assert.Single(association.GetProperty("types").EnumerateArray());
        Assert.Equal("HUBSPOT_DEFINED", type.GetProperty("associationCategory").GetString());
        Assert.Equal(202, type.GetProperty("associationTypeId").GetInt32());
    }

    private static (HubSpotCrmClient Client, ScriptedHttp Http) Client(ScriptedHttp http) =>
        (new HubSpotCrmClient(new HttpClient(http), ScriptedHttp.Monitor(new HubSpotOptions { BaseUrl = "https://hubspot.example.test", AccessToken = "hs" })), http);
}
