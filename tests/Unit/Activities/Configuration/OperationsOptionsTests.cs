using Integration.Activities.Configuration;
using Integration.Activities.Operations;
using Integration.SendEvent.Cli;
using Microsoft.Extensions.Options;
using Xunit;

namespace Integration.Tests.Unit.Activities.Configuration;

/// <summary>Start-up validation of the operations keys: a wrong role or a hash not in the stored form stops the host, naming the key's index.</summary>
public sealed class OperationsOptionsTests
{
    private readonly OperationsOptionsValidator validator = new();

    [Fact]
    public void Keys_with_a_role_and_a_hash_pass()
    {
        OperationsOptions options = With(new OperationsKeySetting { Name = "a", Role = "operator", Hash = OperationsKeyHash.Of("k1") });
        options.Keys.Add(new OperationsKeySetting { Role = "Reader", Hash = OperationsKeyHash.Of("k2") });

        ValidateOptionsResult result = validator.Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void No_keys_pass()
    {
        Assert.True(validator.Validate(null, new OperationsOptions()).Succeeded);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("admin")]
    [InlineData("readers")]
    public void A_role_other_than_reader_or_operator_fails_naming_the_index(string? role)
    {
        OperationsOptions options = With(new OperationsKeySetting { Role = "reader", Hash = OperationsKeyHash.Of("k1") });
        options.Keys.Add(new OperationsKeySetting { Role = role, Hash = OperationsKeyHash.Of("k2") });

        ValidateOptionsResult result = validator.Validate(null, options);

        Assert.False(result.Succeeded);
        Assert.Contains("Operations:Keys:1:Role", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("Operations:Keys:0", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("the-plain-key")]
    [InlineData("2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae")] // no prefix
    [InlineData("sha256:2C26B46B68FFC68FF99B453C1D30413413422D706483BFA0F98A5E886266E7AE")] // upper case
    [InlineData("sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7a")] // 63 digits
    [InlineData("sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ag")] // not hex
    [InlineData(" sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae")]
    public void A_hash_not_in_the_stored_form_fails_naming_the_index_and_how_to_make_one(string? hash)
    {
        OperationsOptions options = With(new OperationsKeySetting { Role = "operator", Hash = hash });

        ValidateOptionsResult result = validator.Validate(null, options);

        Assert.False(result.Succeeded);
        Assert.Contains("Operations:Keys:0:Hash", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("hash-key", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_hash_key_verb_prints_the_setting_value_the_validator_accepts()
    {
        var output = new StringWriter();

        int exit = await SendEventCli.RunAsync(["hash-key", "foo"], new HttpClient(), output, new StringWriter());

        Assert.Equal(SendEventCli.ExitOk, exit);
        string hash = output.ToString().Trim();
        Assert.Equal("sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae", hash); // sha256("foo"), as sha256sum prints it
        Assert.True(validator.Validate(null, With(new OperationsKeySetting { Role = "reader", Hash = hash })).Succeeded);
    }

    [Fact]
    public async Task The_hash_key_verb_without_a_key_is_a_usage_error()
    {
        var error = new StringWriter();

        int exit = await SendEventCli.RunAsync(["hash-key"], new HttpClient(), new StringWriter(), error);

        Assert.Equal(SendEventCli.ExitUsage, exit);
        Assert.Contains("hash-key <key>", error.ToString(), StringComparison.Ordinal);
    }

    private static OperationsOptions With(OperationsKeySetting key)
    {
        var options = new OperationsOptions();
        options.Keys.Add(key);
        return options;
    }
}
