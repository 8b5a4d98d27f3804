using Integration.Activities.Composition;
using Integration.Activities.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace Integration.Tests.Unit.Activities.Storage;

/// <summary>Retention windows are read from "Retention:*" and checked at start-up: a dedupe window that forgets what senders still retry stops the host.</summary>
public sealed class RetentionOptionsTests
{
    [Fact]
    public void The_defaults_keep_delivery_ids_longer_than_every_sender_retries()
    {
        var defaults = new RetentionOptions();

        Assert.True(new RetentionOptionsValidator().Validate(null, defaults).Succeeded);
        Assert.True(defaults.ReceivedEvents > RetentionOptions.LongestSenderRetryHorizon);
        Assert.Equal(TimeSpan.FromDays(4), defaults.ReceivedEvents);
    }

    [Theory]
    [InlineData("Retention:ReceivedEvents", "1.00:00:00", "Retention:ReceivedEvents must be longer than 3 days")]
    [InlineData("Retention:ReceivedEvents", "3.00:00:00", "Retention:ReceivedEvents must be longer than 3 days")]
    [InlineData("Retention:ApiCallLog", "01:00:00", "Retention:ApiCallLog must be at least 1 day")]
    [InlineData("Retention:ResolvedDeadLetters", "00:00:00", "Retention:ResolvedDeadLetters must be at least 1 day")]
    [InlineData("Retention:Interval", "00:00:10", "Retention:Interval must be between 1 minute and 1 day")]
    [InlineData("Retention:MaxDeletesPerRun", "10", "Retention:MaxDeletesPerRun must be between 100 and 1000000")]
    public void A_bad_setting_is_refused_naming_it(string key, string value, string message)
    {
        var thrown = Assert.Throws<OptionsValidationException>(() => Resolve(new() { [key] = value }));

        Assert.Contains(message, thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_are_bound_from_the_retention_section()
    {
        RetentionOptions options = Resolve(new()
        {
            ["Retention:ReceivedEvents"] = "7.00:00:00",
            ["Retention:ApiCallLog"] = "90.00:00:00",
            ["Retention:ResolvedDeadLetters"] = "2.00:00:00",
            ["Retention:Interval"] = "00:30:00",
            ["Retention:MaxDeletesPerRun"] = "5000",
        });

        Assert.Equal(
            (TimeSpan.FromDays(7), TimeSpan.FromDays(90), TimeSpan.FromDays(2), TimeSpan.FromMinutes(30), 5000),
            (options.ReceivedEvents, options.ApiCallLog, options.ResolvedDeadLetters, options.Interval, options.MaxDeletesPerRun));
    }

    private static RetentionOptions Resolve(Dictionary<string, string?> settings)
    {
        settings["AzureWebJobsStorage"] = "UseDevelopmentStorage=true";
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using ServiceProvider provider = new ServiceCollection().AddLogging().AddIntegration(configuration).BuildServiceProvider();
        return provider.GetRequiredService<IOptions<RetentionOptions>>().Value;
    }
}
