using Integration.Activities.Invoicing;
using Microsoft.Extensions.Options;
using Xunit;

namespace Integration.Tests.Unit.Activities.Invoicing;

/// <summary>Start-up validation of the "DataDictionary" and "Pricing" settings: each failure names the setting.</summary>
public sealed class InvoicingOptionsValidatorTests
{
    private readonly InvoicingOptionsValidator validator = new();

    [Fact]
    public void Defaults_pass()
    {
        Assert.True(validator.Validate(null, new DataDictionaryOptions()).Succeeded);
        Assert.True(validator.Validate(null, new PricingOptions()).Succeeded);
    }

    [Theory]
    [InlineData("v2")]
    [InlineData("2")]
    [InlineData("")]
    [InlineData(null)]
    public void A_version_name_or_none_passes(string? version)
    {
        Assert.True(validator.Validate(null, new DataDictionaryOptions { Version = version }).Succeeded);
    }

    [Theory]
    [InlineData("latest")]
    [InlineData("v0")]
    [InlineData("v02")]
    [InlineData("v1.2")]
    public void A_malformed_version_fails_naming_the_setting(string version)
    {
        ValidateOptionsResult result = validator.Validate(null, new DataDictionaryOptions { Version = version });

        Assert.True(result.Failed);
        Assert.Contains($"DataDictionary:Version '{version}'", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_directory_setting_fails_naming_it()
    {
        ValidateOptionsResult result = validator.Validate(null, new DataDictionaryOptions { Directory = " " });

        Assert.Contains("DataDictionary:Directory is empty", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zero_tolerance_passes_and_a_negative_one_fails()
    {
        Assert.True(validator.Validate(null, new PricingOptions { AmountTolerance = 0m }).Succeeded);

        ValidateOptionsResult result = validator.Validate(null, new PricingOptions { AmountTolerance = -0.01m });

        Assert.Contains("Pricing:AmountTolerance -0.01 is negative", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("US")]
    [InlineData("DOLLAR")]
    [InlineData("U$D")]
    public void A_default_currency_that_is_not_a_code_fails(string currency)
    {
        ValidateOptionsResult result = validator.Validate(null, new PricingOptions { DefaultCurrency = currency });

        Assert.Contains($"Pricing:DefaultCurrency '{currency}'", result.FailureMessage, StringComparison.Ordinal);
    }
}
