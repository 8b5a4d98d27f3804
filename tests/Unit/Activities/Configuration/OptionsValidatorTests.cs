using Integration.Activities.Configuration;
using Microsoft.Extensions.Options;
using Xunit;

namespace Integration.Tests.Unit.Activities.Configuration;

/// <summary>Start-up validation of webhook and connector settings: each failure names the setting to fix.</summary>
public sealed class OptionsValidatorTests
{
    private readonly WebhookOptionsValidator webhooks = new();
    private readonly ConnectorOptionsValidator connectors = new();

    [Fact]
    public void Valid_webhook_options_pass()
    {
        ValidateOptionsResult result = webhooks.Validate(null, ValidWebhooks());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Webhook_options_with_a_public_base_url_pass()
    {
        WebhookOptions options = ValidWebhooks();
        options.PublicBaseUrl = "https://hooks.example.com";

        Assert.True(webhooks.Validate(null, options).Succeeded);
    }

    [Fact]
    public void Scheme_names_are_matched_ignoring_case()
    {
        WebhookOptions options = ValidWebhooks();
        options.Sources["crm"].Scheme = "HubSpot-V3";

        Assert.True(webhooks.Validate(null, options).Succeeded);
    }

    [Fact]
    public void No_sources_fails_naming_the_sources_setting()
    {
        WebhookOptions options = ValidWebhooks();
        options.Sources.Clear();

        AssertSingleFailure(webhooks.Validate(null, options), "Webhooks:Sources");
    }

    [Theory]
    [InlineData("")]
    [InlineData("hubspot-v1")]
    [InlineData("hmac")]
    public void An_unknown_scheme_fails_naming_the_source_and_the_known_schemes(string scheme)
    {
        WebhookOptions options = ValidWebhooks();
        options.Sources["crm"].Scheme = scheme;

        string failure = AssertSingleFailure(webhooks.Validate(null, options), "Webhooks:Sources:crm:Scheme");
        Assert.Contains("hubspot-v3", failure, StringComparison.Ordinal);
        Assert.Contains("standard-webhooks", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_source_without_secrets_fails_naming_its_secrets_setting()
    {
        WebhookOptions options = ValidWebhooks();
        options.Sources["app"].Secrets.Clear();

        AssertSingleFailure(webhooks.Validate(null, options), "Webhooks:Sources:app:Secrets");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_secret_among_others_fails_naming_the_secrets_setting(string empty)
    {
        WebhookOptions options = ValidWebhooks();
        options.Sources["crm"].Secrets.Add(empty);

        AssertSingleFailure(webhooks.Validate(null, options), "Webhooks:Sources:crm:Secrets");
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("hooks.example.com")]
    [InlineData("://missing-scheme")]
    public void A_public_base_url_that_is_not_absolute_fails_naming_the_setting(string url)
    {
        WebhookOptions options = ValidWebhooks();
        options.PublicBaseUrl = url;

        string failure = AssertSingleFailure(webhooks.Validate(null, options), "Webhooks:PublicBaseUrl");
        Assert.Contains(url, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_public_base_url_that_is_a_path_fails_naming_the_setting()
    {
        WebhookOptions options = ValidWebhooks();
        options.PublicBaseUrl = "/webhooks";

        AssertSingleFailure(webhooks.Validate(null, options), "Webhooks:PublicBaseUrl");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1023)]
    [InlineData(16 * 1024 * 1024 + 1)]
    [InlineData(-1)]
    public void A_max_body_size_out_of_range_fails_naming_the_setting(int bytes)
    {
        WebhookOptions options = ValidWebhooks();
        options.MaxBodyBytes = bytes;

        AssertSingleFailure(webhooks.Validate(null, options), "Webhooks:MaxBodyBytes");
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(16 * 1024 * 1024)]
    public void The_max_body_size_bounds_are_inclusive(int bytes)
    {
        WebhookOptions options = ValidWebhooks();
        options.MaxBodyBytes = bytes;

        Assert.True(webhooks.Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3601)]
    public void A_timestamp_tolerance_out_of_range_fails_naming_the_setting(int seconds)
    {
        WebhookOptions options = ValidWebhooks();
        options.TimestampToleranceSeconds = seconds;

        AssertSingleFailure(webhooks.Validate(null, options), "Webhooks:TimestampToleranceSeconds");
    }

    [Fact]
    public void Every_webhook_problem_is_reported_at_once()
    {
        var options = new WebhookOptions
        {
            MaxBodyBytes = 1,
            PublicBaseUrl = "nope",
            Sources = { ["crm"] = new WebhookSourceOptions { Scheme = "bogus" } },
        };

        ValidateOptionsResult result = webhooks.Validate(null, options);

        Assert.True(result.Failed);
        Assert.NotNull(result.Failures);
        Assert.Equal(4, result.Failures.Count());
    }

    [Fact]
    public void Valid_hubspot_options_pass()
    {
        Assert.True(connectors.Validate(null, ValidHubSpot()).Succeeded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("api.hubapi.com")]
    [InlineData("not a url")]
    public void A_hubspot_base_url_that_is_not_absolute_fails_naming_the_setting(string url)
    {
        HubSpotOptions options = ValidHubSpot();
        options.BaseUrl = url;

        AssertSingleFailure(connectors.Validate(null, options), "Connectors:HubSpot:BaseUrl");
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void An_empty_hubspot_token_fails_naming_the_setting(string token)
    {
        HubSpotOptions options = ValidHubSpot();
        options.AccessToken = token;

        AssertSingleFailure(connectors.Validate(null, options), "Connectors:HubSpot:AccessToken");
    }

    [Fact]
    public void A_hubspot_base_url_that_is_a_path_fails_naming_the_setting()
    {
        HubSpotOptions options = ValidHubSpot();
        options.BaseUrl = "/crm";

        AssertSingleFailure(connectors.Validate(null, options), "Connectors:HubSpot:BaseUrl");
    }

    [Fact]
    public void Valid_quickbooks_options_pass()
    {
        Assert.True(connectors.Validate(null, ValidQuickBooks()).Succeeded);
    }

    [Fact]
    public void A_quickbooks_base_url_that_is_not_absolute_fails_naming_the_setting()
    {
        QuickBooksOptions options = ValidQuickBooks();
        options.BaseUrl = "sandbox-quickbooks.api.intuit.com";

        AssertSingleFailure(connectors.Validate(null, options), "Connectors:QuickBooks:BaseUrl");
    }

    [Fact]
    public void An_empty_quickbooks_token_fails_naming_the_setting()
    {
        QuickBooksOptions options = ValidQuickBooks();
        options.AccessToken = string.Empty;

        AssertSingleFailure(connectors.Validate(null, options), "Connectors:QuickBooks:AccessToken");
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void An_empty_quickbooks_realm_fails_naming_the_setting(string realm)
    {
        QuickBooksOptions options = ValidQuickBooks();
        options.RealmId = realm;

        AssertSingleFailure(connectors.Validate(null, options), "Connectors:QuickBooks:RealmId");
    }

    [Fact]
    public void Unbound_connector_options_fail_on_every_required_setting()
    {
        ValidateOptionsResult hubspot = connectors.Validate(null, new HubSpotOptions());
        ValidateOptionsResult quickbooks = connectors.Validate(null, new QuickBooksOptions());

        Assert.NotNull(hubspot.Failures);
        Assert.NotNull(quickbooks.Failures);
        Assert.Equal(2, hubspot.Failures.Count());
        Assert.Equal(3, quickbooks.Failures.Count());
    }

    private static string AssertSingleFailure(ValidateOptionsResult result, string setting)
    {
        Assert.True(result.Failed, $"expected a failure naming {setting}");
        Assert.NotNull(result.Failures);
        string failure = Assert.Single(result.Failures);
        Assert.StartsWith(setting, failure, StringComparison.Ordinal);
        return failure;
    }

    private static WebhookOptions ValidWebhooks() => new()
    {
        Sources =
        {
            ["crm"] = new WebhookSourceOptions { Scheme = "hubspot-v3", Secrets = ["hub-secret"] },
            ["app"] = new WebhookSourceOptions { Scheme = "standard-webhooks", Secrets = ["whsec_ZGV2LWFwcC13ZWJob29rLXNlY3JldC0zMi1ieXRlcyE="] },
        },
    };

    private static HubSpotOptions ValidHubSpot() => new() { BaseUrl = "https://api.hubapi.com", AccessToken = "pat-eu1-123" };

    private static QuickBooksOptions ValidQuickBooks() =>
        new() { BaseUrl = "https://sandbox-quickbooks.api.intuit.com", AccessToken = "eyJ.token", RealmId = "9130350000000000" };
}
