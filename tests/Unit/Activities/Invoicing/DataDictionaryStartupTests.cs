using Integration.Activities.DealToInvoice;
using Integration.Activities.Invoicing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Xunit;

namespace Integration.Tests.Unit.Activities.Invoicing;

/// <summary>AddDataDictionary makes a host refuse to start on a bad dictionary or bad settings, before any workflow runs.</summary>
public sealed class DataDictionaryStartupTests : IDisposable
{
    private readonly DictionaryDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task A_host_with_the_shipped_dictionary_starts_and_serves_it_to_the_activity()
    {
        using IHost host = Build([]);

        await host.StartAsync();
        try
        {
            Assert.Equal("v2", host.Services.GetRequiredService<DataDictionary>().Version);
            Assert.NotNull(host.Services.GetRequiredService<BuildInvoiceDraftActivity>());
            Assert.Equal(0.01m, host.Services.GetRequiredService<IOptions<PricingOptions>>().Value.AmountTolerance);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task A_bad_file_stops_start_up_with_the_file_and_entry_named()
    {
        dir.With("v1.json", """{ "version": "v1", "products": { "SKU-1": { "itemCode": "" } } }""");
        using IHost host = Build(new() { ["DataDictionary:Directory"] = dir.Path });

        DataDictionaryException ex = await Assert.ThrowsAsync<DataDictionaryException>(() => host.StartAsync());

        Assert.Contains($"{dir.Shown("v1.json")}: products['SKU-1'].itemCode is empty", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_directory_stops_start_up()
    {
        using IHost host = Build(new() { ["DataDictionary:Directory"] = "config/no-such-dictionary" });

        DataDictionaryException ex = await Assert.ThrowsAsync<DataDictionaryException>(() => host.StartAsync());

        Assert.Contains("config/no-such-dictionary: the data-dictionary directory does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_negative_tolerance_stops_start_up_naming_the_setting()
    {
        using IHost host = Build(new() { ["Pricing:AmountTolerance"] = "-0.5" });

        OptionsValidationException ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Pricing:AmountTolerance -0.5 is negative", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pinned_version_that_is_missing_stops_start_up()
    {
        using IHost host = Build(new() { ["DataDictionary:Version"] = "v7" });

        DataDictionaryException ex = await Assert.ThrowsAsync<DataDictionaryException>(() => host.StartAsync());

        Assert.Contains("DataDictionary:Version 'v7': config/data-dictionary/v7.json does not exist (present: v1, v2)", ex.Message, StringComparison.Ordinal);
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.Services.AddDataDictionary(builder.Configuration);
        builder.Services.AddTransient<BuildInvoiceDraftActivity>();
        return builder.Build();
    }
}
