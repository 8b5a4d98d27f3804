using System.Text;
using Integration.Activities.Configuration;
using Integration.Activities.Webhooks.Signatures;
using Xunit;

namespace Integration.Tests.Unit.Webhooks.Signatures;

/// <summary>Shopify's X-Shopify-Hmac-Sha256 over the raw body, with the secrets of the shop the request names.</summary>
public sealed class ShopifySignatureTests
{
    private const string Url = "https://hub.example.com/api/v1/webhooks/shopify";
    private const string Body = """{"id":820982911946154508,"line_items":[]}""";
    private const string StoreASecret = "dev-shopify-store-a-secret";

    // base64(HMAC-SHA256(StoreASecret, Body)), computed independently (Python's hmac module).
    private const string ExpectedSignature = "XAowPLRx4pEe/IgtmLs5AnhJ2tqRNQsZGAUK4xgPPFs=";

    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly ShopifySignature scheme = new();
    private readonly ShopifyShopSecrets shops = new();

    [Fact]
    public void Sign_matches_an_independently_computed_hmac()
    {
        Assert.Equal(ExpectedSignature, ShopifySignature.Sign(StoreASecret, Encoding.UTF8.GetBytes(Body)));
    }

    [Fact]
    public void A_body_signed_with_the_shops_secret_is_valid_and_no_timestamp_is_needed()
    {
        var result = scheme.Verify(Request(), [StoreASecret], Now.AddYears(3), TimeSpan.Zero);

        Assert.True(result.IsValid, result.Failure);
    }

    [Fact]
    public void Another_secret_or_a_changed_byte_does_not_match()
    {
        Assert.Equal(SignatureFailures.Mismatch, scheme.Verify(Request(), ["dev-shopify-store-b-secret"], Now, TimeSpan.Zero).Failure);
        Assert.Equal(SignatureFailures.Mismatch, scheme.Verify(Request().WithBodyByteFlipped(3), [StoreASecret], Now, TimeSpan.Zero).Failure);
    }

    [Fact]
    public void During_a_rotation_either_secret_is_accepted()
    {
        Assert.True(scheme.Verify(Request(), ["new-secret", StoreASecret], Now, TimeSpan.Zero).IsValid);
        Assert.True(scheme.Verify(Request(), [StoreASecret, "new-secret"], Now, TimeSpan.Zero).IsValid);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("c2hvcnQ=")]
    public void A_signature_that_is_not_a_base64_sha256_does_not_match(string header)
    {
        Assert.Equal(SignatureFailures.Mismatch, scheme.Verify(Request().WithHeader(ShopifySignature.SignatureHeader, header), [StoreASecret], Now, TimeSpan.Zero).Failure);
    }

    [Fact]
    public void A_missing_signature_header_is_named()
    {
        var result = scheme.Verify(Request().WithoutHeader(ShopifySignature.SignatureHeader), [StoreASecret], Now, TimeSpan.Zero);

        Assert.Equal(SignatureFailures.MissingHeader("X-Shopify-Hmac-Sha256"), result.Failure);
    }

    [Fact]
    public void The_secrets_are_those_of_the_shop_named_by_the_shop_domain_header()
    {
        SecretChoice choice = shops.Choose(Request(), Source());

        Assert.Null(choice.Failure);
        Assert.Equal([StoreASecret], choice.Secrets);
    }

    [Fact]
    public void A_shop_with_no_configured_secret_is_refused_by_name()
    {
        SecretChoice choice = shops.Choose(Request().WithHeader(ShopifyShopSecrets.ShopDomainHeader, "store-z.myshopify.com"), Source());

        Assert.Equal("no secret for shop store-z", choice.Failure);
        Assert.Empty(choice.Secrets);
    }

    [Theory]
    [InlineData("store-a.example.com")]
    [InlineData("-bad-.myshopify.com")]
    [InlineData("store a.myshopify.com")]
    public void A_domain_that_is_not_a_shop_domain_is_refused(string domain)
    {
        SecretChoice choice = shops.Choose(Request().WithHeader(ShopifyShopSecrets.ShopDomainHeader, domain), Source());

        Assert.Equal("header X-Shopify-Shop-Domain is not a *.myshopify.com shop domain", choice.Failure);
    }

    [Fact]
    public void A_missing_shop_domain_header_is_named()
    {
        Assert.Equal(SignatureFailures.MissingHeader("X-Shopify-Shop-Domain"), shops.Choose(Request().WithoutHeader(ShopifyShopSecrets.ShopDomainHeader), Source()).Failure);
    }

    [Fact]
    public void The_source_wide_secrets_are_not_a_fallback_for_an_unknown_shop()
    {
        WebhookSourceOptions source = Source();
        source.Secrets = [StoreASecret];

        Assert.Equal("no secret for shop store-z", shops.Choose(Request().WithHeader(ShopifyShopSecrets.ShopDomainHeader, "store-z.myshopify.com"), source).Failure);
    }

    private static WebhookSourceOptions Source() => new()
    {
        Scheme = "shopify",
        Shops =
        {
            ["store-a"] = new WebhookShopOptions { Secrets = [StoreASecret] },
            ["store-b"] = new WebhookShopOptions { Secrets = ["dev-shopify-store-b-secret"] },
        },
    };

    private static WebhookRequest Request() => SignedRequests.Post(
        Url,
        Body,
        (ShopifySignature.SignatureHeader, ExpectedSignature),
        (ShopifyShopSecrets.ShopDomainHeader, "store-a.myshopify.com"),
        ("X-Shopify-Topic", "orders/create"),
        ("X-Shopify-Webhook-Id", "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043"));
}
