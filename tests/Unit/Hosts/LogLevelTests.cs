using System.Text.Json;
using Integration.Activities.Composition;
using Integration.DevHost;
using Integration.Functions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Integration.Tests.Unit.Hosts;

/// <summary>
/// Both hosts log the product at Information and the libraries under it at Warning: an idle Functions worker
/// logged every Azure SDK storage call (about 450 lines per 30 s) and four lines per vendor call.
/// </summary>
public sealed class LogLevelTests
{
    public static TheoryData<string> Hosts => ["functions", "standalone"];

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Library_chatter_is_off_and_the_products_own_lines_are_on(string hostName)
    {
        using IHost host = Build(hostName, []);
        ILoggerFactory logs = host.Services.GetRequiredService<ILoggerFactory>();

        Assert.False(logs.CreateLogger("Azure.Core").IsEnabled(LogLevel.Information));
        Assert.False(logs.CreateLogger("Azure.Storage.Queues").IsEnabled(LogLevel.Information));
        Assert.False(logs.CreateLogger("System.Net.Http.HttpClient.quickbooks.LogicalHandler").IsEnabled(LogLevel.Information));
        Assert.False(logs.CreateLogger("DurableTask.AzureStorage").IsEnabled(LogLevel.Information));
        Assert.True(logs.CreateLogger("Azure.Core").IsEnabled(LogLevel.Warning));
        Assert.True(logs.CreateLogger("Integration.Activities.Webhooks.WebhookIngressHandler").IsEnabled(LogLevel.Information));
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public void An_operators_log_level_setting_overrides_the_default(string hostName)
    {
        using IHost host = Build(hostName, ["--Logging:LogLevel:Azure.Core=Debug"]);

        Assert.True(host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Azure.Core").IsEnabled(LogLevel.Debug));
    }

    [Fact]
    public void Host_json_quiets_the_same_libraries_for_the_functions_host_itself()
    {
        using JsonDocument hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(Infra.BicepFixture.FindRepoRoot(), "host.json")));
        JsonElement levels = hostJson.RootElement.GetProperty("logging").GetProperty("logLevel");

        Assert.All(
            LogLevelDefaults.Levels.Where(l => l.Key != "Default"),
            l => Assert.Equal(l.Value, levels.TryGetProperty(l.Key, out JsonElement v) ? v.GetString() : $"(no '{l.Key}' in host.json)"));
    }

    private static IHost Build(string hostName, string[] args)
    {
        string[] settings = HostTestSettings.Minimal(args);
        return hostName == "functions" ? FunctionsHost.CreateBuilder(settings).Build() : StandaloneHost.Build(settings);
    }
}
