using Integration.Activities.Webhooks.Signatures;
using Xunit;

namespace Integration.Tests.Unit.Webhooks.Signatures;

public sealed class WebhookSignatureSchemesTests
{
    [Theory]
    [InlineData("hubspot-v3", typeof(HubSpotSignatureV3))]
    [InlineData("standard-webhooks", typeof(StandardWebhooksSignature))]
    [InlineData("HubSpot-V3", typeof(HubSpotSignatureV3))]
    public void Find_maps_each_configured_name_to_its_scheme(string name, Type expected)
    {
        var scheme = WebhookSignatureSchemes.Find(name);

        Assert.IsType(expected, scheme);
    }

    [Theory]
    [InlineData("")]
    [InlineData("hubspot-v2")]
    [InlineData("stripe")]
    public void Find_returns_null_for_an_unknown_name(string name)
    {
        Assert.Null(WebhookSignatureSchemes.Find(name));
    }

    [Fact]
    public void All_lists_each_scheme_once_under_its_own_name()
    {
        Assert.Equal(["hubspot-v3", "standard-webhooks"], WebhookSignatureSchemes.All.Select(s => s.Name));
    }
}
