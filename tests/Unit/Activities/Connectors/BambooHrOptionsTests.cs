using Integration.Activities.ApiCalls;
using Integration.Activities.Connectors.BambooHr;
using Integration.Activities.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace Integration.Tests.Unit.Activities.Connectors;

/// <summary>"Connectors:BambooHr": defaults, start-up validation and AddBambooHr.</summary>
public sealed class BambooHrOptionsTests
{
    private static readonly Dictionary<string, string?> Valid = new()
    {
        ["Connectors:BambooHr:BaseUrl"] = "http://127.0.0.1:7080/bamboohr/api/v1/",
        ["Connectors:BambooHr:ApiKey"] = "sandbox-bamboohr-key",
    };

    [Fact]
    public void Defaults_are_utc_five_pm_and_the_terminationTime_field()
    {
        var options = new BambooHrOptions();

        Assert.Equal("UTC", options.TimeZone);
        Assert.Equal("17:00", options.DefaultTerminationTime);
        Assert.Equal("terminationTime", options.TerminationTimeField);
        Assert.Same(TimeZoneInfo.Utc, options.ResolveTimeZone(out _));
    }

    [Fact]
    public void Valid_settings_pass()
    {
        var options = new BambooHrOptions { BaseUrl = "https://acme.bamboohr.com/api/v1/", ApiKey = "k", TimeZone = "Europe/London", DefaultTerminationTime = "18:30:00" };

        Assert.True(new BambooHrOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("BaseUrl", "/bamboohr", "Connectors:BambooHr:BaseUrl '/bamboohr' is not an absolute http(s) URL.")]
    [InlineData("BaseUrl", "ftp://acme.example/", "Connectors:BambooHr:BaseUrl 'ftp://acme.example/'")]
    [InlineData("ApiKey", " ", "Connectors:BambooHr:ApiKey is empty.")]
    [InlineData("TimeZone", "Mars/Olympus", "Connectors:BambooHr:TimeZone 'Mars/Olympus' is not a known IANA time zone id")]
    [InlineData("TimeZone", "", "Connectors:BambooHr:TimeZone is empty")]
    [InlineData("DefaultTerminationTime", "5pm", "Connectors:BambooHr:DefaultTerminationTime '5pm' is not a time of day")]
    [InlineData("DefaultTerminationTime", "17:60", "Connectors:BambooHr:DefaultTerminationTime '17:60'")]
    [InlineData("TerminationTimeField", "", "Connectors:BambooHr:TerminationTimeField '' must name one BambooHR field.")]
    [InlineData("TerminationTimeField", "a,b", "Connectors:BambooHr:TerminationTimeField 'a,b'")]
    public void A_bad_setting_fails_naming_it(string setting, string value, string expected)
    {
        var options = new BambooHrOptions { BaseUrl = "https://acme.bamboohr.com/api/v1/", ApiKey = "k" };
        typeof(BambooHrOptions).GetProperty(setting)!.SetValue(options, value);

        ValidateOptionsResult result = new BambooHrOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void AddBambooHr_binds_the_section_and_resolves_the_client()
    {
        using ServiceProvider services = Build(new Dictionary<string, string?>(Valid) { ["Connectors:BambooHr:TimeZone"] = "America/Chicago" });

        services.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal("America/Chicago", services.GetRequiredService<IOptions<BambooHrOptions>>().Value.TimeZone);
        Assert.NotNull(services.GetRequiredService<BambooHrClient>());
    }

    [Fact]
    public void AddBambooHr_stops_start_up_on_a_bad_setting()
    {
        using ServiceProvider services = Build(new Dictionary<string, string?>(Valid) { ["Connectors:BambooHr:ApiKey"] = "" });

        OptionsValidationException error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Connectors:BambooHr:ApiKey is empty.", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> values)
    {
        values.TryAdd(StorageClients.SettingName, "UseDevelopmentStorage=true");
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new StorageClients(configuration));
        services.AddSingleton<ApiCallLog>();
        services.AddBambooHr(configuration);
        return services.BuildServiceProvider();
    }
}
