using Integration.Activities.Webhooks.Signatures;
using Xunit;

namespace Integration.Tests.Unit.Webhooks.Signatures;

/// <summary>ShipStation v1 webhooks are unsigned: the secret is the ?token= in the target URL.</summary>
public sealed class ShipStationUrlTokenTests
{
    private const string Token = "dev-shipstation-webhook-token";
    private const string Body = """{"resource_url":"http://127.0.0.1:7080/shipstation/shipments?batchId=1","resource_type":"SHIP_NOTIFY"}""";
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly ShipStationUrlToken scheme = new();

    [Fact]
    public void The_configured_token_in_the_url_is_accepted()
    {
        Assert.True(scheme.Verify(At($"?token={Token}"), [Token], Now, TimeSpan.Zero).IsValid);
    }

    [Fact]
    public void A_url_encoded_token_is_compared_decoded()
    {
        Assert.True(scheme.Verify(At("?token=a%2Bb%3D"), ["a+b="], Now, TimeSpan.Zero).IsValid);
    }

    [Theory]
    [InlineData("?token=wrong")]
    [InlineData("?token=dev-shipstation-webhook-toke")]
    [InlineData("?token=dev-shipstation-webhook-token&token=dev-shipstation-webhook-token")]
    public void A_wrong_or_repeated_token_is_refused(string query)
    {
        Assert.False(scheme.Verify(At(query), [Token], Now, TimeSpan.Zero).IsValid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?token=")]
    [InlineData("?other=dev-shipstation-webhook-token")]
    public void A_missing_token_is_named(string query)
    {
        Assert.Equal("missing query parameter token", scheme.Verify(At(query), [Token], Now, TimeSpan.Zero).Failure);
    }

    [Fact]
    public void During_a_rotation_either_token_is_accepted()
    {
        Assert.True(scheme.Verify(At("?token=next-token"), [Token, "next-token"], Now, TimeSpan.Zero).IsValid);
        Assert.True(scheme.Verify(At($"?token={Token}"), [Token, "next-token"], Now, TimeSpan.Zero).IsValid);
    }

    [Fact]
    public void No_usable_secret_is_said_so()
    {
        Assert.Equal(SignatureFailures.NoSecret, scheme.Verify(At($"?token={Token}"), [string.Empty], Now, TimeSpan.Zero).Failure);
    }

    private static WebhookRequest At(string query) => SignedRequests.Post("https://hub.example.com/api/v1/webhooks/shipstation" + query, Body);
}
