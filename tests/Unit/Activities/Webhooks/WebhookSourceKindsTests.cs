using Integration.Activities.Webhooks;
using Integration.Activities.Webhooks.Normalisers;
using Integration.Activities.Webhooks.Signatures;
using Xunit;

namespace Integration.Tests.Unit.Activities.Webhooks;

public sealed class WebhookSourceKindsTests
{
    [Theory]
    [InlineData("hubspot-v3", typeof(HubSpotSignatureV3), typeof(HubSpotEventNormaliser))]
    [InlineData("standard-webhooks", typeof(StandardWebhooksSignature), typeof(StandardWebhooksEventNormaliser))]
    [InlineData("HubSpot-V3", typeof(HubSpotSignatureV3), typeof(HubSpotEventNormaliser))]
    [InlineData("bamboohr", typeof(BambooHrSignature), typeof(BambooHrEventNormaliser))]
    [InlineData("shopify", typeof(ShopifySignature), typeof(ShopifyOrderNormaliser))]
    [InlineData("shipbob", typeof(StandardWebhooksSignature), typeof(ShipBobEventNormaliser))]
    [InlineData("shipstation", typeof(ShipStationUrlToken), typeof(ShipStationNotifyNormaliser))]
    public void Find_maps_each_configured_name_to_its_signature_scheme_and_normaliser(string name, Type signature, Type normaliser)
    {
        WebhookSourceKind? kind = WebhookSourceKinds.Find(name);

        Assert.NotNull(kind);
        Assert.IsType(signature, kind.Signature);
        Assert.IsType(normaliser, kind.Normaliser);
        Assert.True(kind.Name == kind.Signature.Name || kind.Name == "shipbob", $"{kind.Name} names {kind.Signature.Name}");
    }

    [Fact]
    public void Only_shopify_takes_its_secrets_per_shop()
    {
        Assert.IsType<ShopifyShopSecrets>(WebhookSourceKinds.Find("shopify")!.SecretSource);
        Assert.All(WebhookSourceKinds.Names.Where(n => n != "shopify"), n => Assert.Null(WebhookSourceKinds.Find(n)!.SecretSource));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("hubspot-v2")]
    [InlineData("stripe")]
    public void Find_returns_null_for_an_unknown_name(string? name)
    {
        Assert.Null(WebhookSourceKinds.Find(name));
    }

    [Fact]
    public void Names_lists_each_kind_once()
    {
        Assert.Equal(["bamboohr", "hubspot-v3", "shipbob", "shipstation", "shopify", "standard-webhooks"], WebhookSourceKinds.Names.Order());
    }
}
