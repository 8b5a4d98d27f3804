using System.Text.Json.Nodes;
using Integration.Activities.ApiCalls;
using Xunit;

namespace Integration.Tests.Unit.Activities.ApiCalls;

/// <summary>Secrets and personal data never reach the API call log.</summary>
public sealed class RedactionTests
{
    [Theory]
    [InlineData("Authorization")]
    [InlineData("authorization")]
    [InlineData("access_token")]
    [InlineData("refreshToken")]
    [InlineData("client_secret")]
    [InlineData("password")]
    [InlineData("apiKey")]
    [InlineData("x-api-key")]
    [InlineData("signature")]
    [InlineData("email")]
    [InlineData("PrimaryEmailAddr")]
    [InlineData("phone")]
    [InlineData("mobilePhone")]
    [InlineData("firstname")]
    [InlineData("lastName")]
    [InlineData("key")]
    [InlineData("sig")]
    [InlineData("first_name")]
    [InlineData("last_name")]
    [InlineData("givenName")]
    [InlineData("familyName")]
    [InlineData("userName")]
    [InlineData("userPrincipalName")]
    [InlineData("mailNickname")]
    [InlineData("login")]
    [InlineData("passwordProfile")]
    public void Credential_and_personal_names_are_sensitive(string name)
    {
        Assert.True(Redaction.IsSensitiveName(name));
    }

    [Theory]
    [InlineData("id")]
    [InlineData("name")]
    [InlineData("amount")]
    [InlineData("dealstage")]
    [InlineData("DisplayName")]
    [InlineData("keywords")]
    [InlineData("limit")]
    public void Ordinary_names_are_not_sensitive(string name)
    {
        Assert.False(Redaction.IsSensitiveName(name));
    }

    [Fact]
    public void Sensitive_properties_are_masked_at_the_top_level()
    {
        string? redacted = Redaction.RedactBody("""{"Authorization":"Bearer abc.def","access_token":"tok-1","client_secret":"s3cr3t","id":"42"}""");

        JsonObject json = Parse(redacted);
        Assert.Equal("***", (string?)json["Authorization"]);
        Assert.Equal("***", (string?)json["access_token"]);
        Assert.Equal("***", (string?)json["client_secret"]);
        Assert.Equal("42", (string?)json["id"]);
        Assert.DoesNotContain("abc.def", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("tok-1", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Sensitive_properties_are_masked_at_any_depth_including_inside_arrays()
    {
        const string body = """
            {
              "Customer": {
                "DisplayName": "Acme Ltd",
                "PrimaryEmailAddr": { "Address": "billing@acme.example" },
                "contacts": [
                  { "name": "Ann", "email": "ann@acme.example", "phone": "+44 20 7946 0000" },
                  { "name": "Bob", "details": { "mobilePhone": "+44 7700 900000", "token": "t-9" } }
                ]
              },
              "items": [[{ "secret": "deep" }]]
            }
            """;

        string? redacted = Redaction.RedactBody(body);

        JsonObject json = Parse(redacted);
        Assert.Equal("Acme Ltd", (string?)json["Customer"]!["DisplayName"]);
        Assert.Equal("***", (string?)json["Customer"]!["PrimaryEmailAddr"]);
        Assert.Equal("Ann", (string?)json["Customer"]!["contacts"]![0]!["name"]);
        Assert.Equal("***", (string?)json["Customer"]!["contacts"]![0]!["email"]);
        Assert.Equal("***", (string?)json["Customer"]!["contacts"]![0]!["phone"]);
        Assert.Equal("***", (string?)json["Customer"]!["contacts"]![1]!["details"]!["mobilePhone"]);
        Assert.Equal("***", (string?)json["Customer"]!["contacts"]![1]!["details"]!["token"]);
        Assert.Equal("***", (string?)json["items"]![0]![0]!["secret"]);
        foreach (string leaked in new[] { "billing@acme.example", "ann@acme.example", "+44 20 7946 0000", "+44 7700 900000", "t-9", "deep" })
        {
            Assert.DoesNotContain(leaked, redacted, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_sensitive_property_holding_an_object_is_masked_whole()
    {
        string? redacted = Redaction.RedactBody("""{"credentials":{"user":"u","pass":"p"},"ok":true}""");

        JsonObject json = Parse(redacted);
        Assert.Equal("***", (string?)json["credentials"]);
        Assert.True((bool?)json["ok"]);
    }

    [Fact]
    public void Non_sensitive_values_are_kept_exactly()
    {
        string? redacted = Redaction.RedactBody("""{"id":7,"amount":12.50,"name":"Widget","tags":["a","b"],"nested":{"open":null}}""");

        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"id":7,"amount":12.50,"name":"Widget","tags":["a","b"],"nested":{"open":null}}"""),
            JsonNode.Parse(redacted!)));
    }

    [Theory]
    [InlineData("<html><body>Bad gateway</body></html>")]
    [InlineData("token=abc123&user=ann")]
    [InlineData("{\"access_token\":\"abc123\"")]
    public void A_body_that_is_not_json_is_replaced_by_a_length_note(string body)
    {
        string? redacted = Redaction.RedactBody(body);

        Assert.Equal($"[{body.Length} characters, not JSON, not logged]", redacted);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void An_empty_body_stays_empty(string? body)
    {
        Assert.Equal(body, Redaction.RedactBody(body));
    }

    [Fact]
    public void A_long_body_is_truncated_after_redaction()
    {
        string body = new JsonArray(Enumerable.Range(0, 2_000).Select(i => (JsonNode?)new JsonObject { ["id"] = i, ["token"] = "tok-" + i }).ToArray()).ToJsonString();

        string? redacted = Redaction.RedactBody(body);

        Assert.NotNull(redacted);
        Assert.EndsWith("…[truncated]", redacted, StringComparison.Ordinal);
        Assert.Equal(Redaction.MaxBodyChars + "…[truncated]".Length, redacted.Length);
        Assert.DoesNotContain("tok-", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void A_body_within_the_limit_is_not_truncated()
    {
        string body = new JsonObject { ["text"] = new string('x', 100) }.ToJsonString();

        Assert.Equal(body, Redaction.RedactBody(body));
    }

    [Theory]
    [InlineData("https://api.example/v1/deals?access_token=abc123&limit=10", "https://api.example/v1/deals?access_token=***&limit=10")]
    [InlineData("https://api.example/v1/deals?key=abc123", "https://api.example/v1/deals?key=***")]
    [InlineData("https://api.example/v1/deals?signature=c2ln&after=5", "https://api.example/v1/deals?signature=***&after=5")]
    [InlineData("https://blob.example/c/b?sv=2024&sig=AbC%2Bd%3D", "https://blob.example/c/b?sv=2024&sig=***")]
    [InlineData("https://api.example/v1/deals?Api-Key=abc123&Key=def", "https://api.example/v1/deals?Api-Key=***&Key=***")]
    [InlineData("https://api.example/v1/deals?my%20token=abc&a=1", "https://api.example/v1/deals?my%20token=***&a=1")]
    public void Credential_query_parameters_are_masked(string url, string expected)
    {
        Assert.Equal(expected, Redaction.RedactUrl(new Uri(url)));
    }

    [Theory]
    [InlineData("https://api.example/v1/deals?limit=10&after=abc&properties=dealname,amount")]
    [InlineData("https://api.example/v1/query?query=select%20*%20from%20Customer&minorversion=75")]
    [InlineData("https://api.example/v1/deals?flag")]
    public void Other_query_parameters_are_kept(string url)
    {
        Assert.Equal(url, Redaction.RedactUrl(new Uri(url)));
    }

    [Fact]
    public void A_url_without_a_query_is_unchanged()
    {
        Assert.Equal("https://api.example/v1/deals/42", Redaction.RedactUrl(new Uri("https://api.example/v1/deals/42")));
    }

    private static JsonObject Parse(string? redacted)
    {
        Assert.NotNull(redacted);
        return Assert.IsType<JsonObject>(JsonNode.Parse(redacted));
    }
}
