using Integration.Activities.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Xunit;

namespace Integration.Tests.Unit.Activities.Configuration;

/// <summary>The shopify source needs a secret per shop; the shipstation source needs the API origin its pointers must name.</summary>
public sealed class OrderSourceOptionsTests
{
    private readonly WebhookOptionsValidator validator = new();

    [Fact]
    public void The_three_order_sources_as_developed_pass()
    {
        Assert.True(validator.Validate(null, Valid()).Succeeded, validator.Validate(null, Valid()).FailureMessage);
    }

    [Fact]
    public void A_shopify_source_without_shops_fails_naming_the_shops_setting()
    {
        WebhookOptions options = Valid();
        options.Sources["shopify"].Shops.Clear();

        Assert.Contains("Webhooks:Sources:shopify:Shops", Assert.Single(validator.Validate(null, options).Failures!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Store A")]
    [InlineData("store-a.myshopify.com")]
    public void A_shop_key_that_is_not_a_shop_handle_fails(string shop)
    {
        WebhookOptions options = Valid();
        options.Sources["shopify"].Shops[shop] = new WebhookShopOptions { Secrets = ["x"] };

        Assert.Contains($"Shops:{shop} is not a shop handle", Assert.Single(validator.Validate(null, options).Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void A_shop_without_a_secret_fails_naming_it()
    {
        WebhookOptions options = Valid();
        options.Sources["shopify"].Shops["store-c"] = new WebhookShopOptions();

        Assert.Contains("Webhooks:Sources:shopify:Shops:store-c:Secrets", Assert.Single(validator.Validate(null, options).Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void A_shipstation_source_without_the_api_origin_fails_naming_the_connector_setting()
    {
        WebhookOptions options = Valid();
        options.Sources["shipstation"].ResourceBaseUrl = null;

        Assert.Contains("Connectors:ShipStation:BaseUrl", Assert.Single(validator.Validate(null, options).Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipstation_api_origin_defaults_to_the_connectors_base_url()
    {
        WebhookOptions options = Valid();
        options.Sources["shipstation"].ResourceBaseUrl = null;
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Connectors:ShipStation:BaseUrl"] = "http://127.0.0.1:7080/shipstation" })
            .Build();

        WebhookOptionsDefaults.Apply(options, configuration);

        Assert.Equal("http://127.0.0.1:7080/shipstation", options.Sources["shipstation"].ResourceBaseUrl);
        Assert.True(validator.Validate(null, options).Succeeded);
    }

    [Fact]
    public void The_bound_settings_give_each_shop_its_secrets()
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Webhooks:Sources:shopify:Scheme"] = "shopify",
                ["Webhooks:Sources:shopify:Shops:store-a:Secrets:0"] = "old",
                ["Webhooks:Sources:shopify:Shops:store-a:Secrets:1"] = "new",
            })
            .Build();

        WebhookOptions options = configuration.GetSection("Webhooks").Get<WebhookOptions>()!;

        Assert.Equal(["old", "new"], options.Sources["shopify"].Shops["STORE-A"].Secrets);
    }

    [Fact]
    public void An_underscore_in_a_shop_key_is_read_as_a_dash_because_app_setting_names_cannot_hold_dashes()
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Webhooks:Sources:shopify:Scheme"] = "shopify",
                ["Webhooks:Sources:shopify:Shops:store_a:Secrets:0"] = "secret-a",
            })
            .Build();
        WebhookOptions options = configuration.GetSection("Webhooks").Get<WebhookOptions>()!;

        WebhookOptionsDefaults.Apply(options, configuration);

        Assert.Equal(["secret-a"], options.Sources["shopify"].Shops["store-a"].Secrets);
        Assert.True(validator.Validate(null, options).Succeeded, validator.Validate(null, options).FailureMessage);
    }

    private static WebhookOptions Valid() => new()
    {
        Sources =
        {
            ["shopify"] = new WebhookSourceOptions { Scheme = "shopify", Shops = { ["store-a"] = new WebhookShopOptions { Secrets = ["a"] } } },
            ["shipbob"] = new WebhookSourceOptions { Scheme = "shipbob", Secrets = ["whsec_ZGV2"] },
            ["shipstation"] = new WebhookSourceOptions { Scheme = "shipstation", Secrets = ["t"], ResourceBaseUrl = "http://127.0.0.1:7080/shipstation" },
        },
    };
}
