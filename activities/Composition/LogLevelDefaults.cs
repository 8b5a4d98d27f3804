using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;

namespace Integration.Activities.Composition;

/// <summary>
/// The log levels both hosts start from: the product's own lines at Information, the libraries under it at
/// Warning, so an idle host is quiet (the Azure SDK would otherwise log every storage poll, and HttpClient four
/// lines per vendor call, which the API call log already records). They are the lowest-priority configuration
/// source, so any "Logging:LogLevel:*" setting (appsettings, environment, host app settings) overrides them.
/// </summary>
public static class LogLevelDefaults
{
    public static IReadOnlyDictionary<string, string> Levels { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Default"] = "Information",
        ["Azure"] = "Warning",
        ["System.Net.Http.HttpClient"] = "Warning",
        ["Polly"] = "Warning",
        ["Microsoft.AspNetCore"] = "Warning",
        ["Microsoft.DurableTask"] = "Warning",
        ["DurableTask.AzureStorage"] = "Warning",
        ["DurableTask.Core"] = "Warning",
        ["Grpc"] = "Warning",
    };

    /// <summary>Adds <see cref="Levels"/> under "Logging:LogLevel" beneath every other configuration source.</summary>
    public static IConfigurationBuilder AddLogLevelDefaults(this IConfigurationBuilder configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = Levels.Select(l => KeyValuePair.Create($"Logging:LogLevel:{l.Key}", (string?)l.Value)),
        });
        return configuration;
    }
}
