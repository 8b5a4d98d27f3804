using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace Integration.Activities.Storage;

/// <summary>
/// Queue and table clients for the product's storage account, from the same "AzureWebJobsStorage"
/// setting the Functions runtime uses: a connection string locally (Azurite), or an account name
/// with managed identity in Azure; with the queue and table names of this deployment's task hub. Every client
/// retries quickly (<see cref="QuickRetries"/>) rather than on the SDK's default schedule of about six seconds:
/// request paths must answer 503 within 2 s when storage is down, and every background loop retries on its own
/// back-off anyway.
/// </summary>
public sealed class StorageClients
{
    public const string SettingName = "AzureWebJobsStorage";

    public StorageClients(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Names = StorageNames.For(TaskHubName.Resolve(configuration));
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        QuickRetries(queueOptions.Retry);
        var tableOptions = new TableClientOptions();
        QuickRetries(tableOptions.Retry);
        string? connectionString = configuration[SettingName];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            Queues = new QueueServiceClient(connectionString, queueOptions);
            Tables = new TableServiceClient(connectionString, tableOptions);
            return;
        }

        string? accountName = configuration[$"{SettingName}:accountName"];
        if (string.IsNullOrWhiteSpace(accountName))
        {
            throw new InvalidOperationException(
                $"Storage is not configured: set '{SettingName}' to a connection string, or '{SettingName}__accountName' for managed identity.");
        }

        TokenCredential credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            ManagedIdentityClientId = configuration[$"{SettingName}:clientId"],
        });
        Queues = new QueueServiceClient(ServiceUri(configuration, "queue", accountName), credential, queueOptions);
        Tables = new TableServiceClient(ServiceUri(configuration, "table", accountName), credential, tableOptions);
    }

    public QueueServiceClient Queues { get; }

    /// <summary>The product's queue and table names in this deployment (derived from the task hub).</summary>
    public StorageNames Names { get; }

    /// <summary>
    /// Three retries within about 0.7 s (a blip is absorbed, an outage is reported fast), and no single try
    /// waits more than 10 s for an answer (the SDK default is 100 s, which would stall a loop or a request).
    /// </summary>
    private static void QuickRetries(RetryOptions retry)
    {
        ArgumentNullException.ThrowIfNull(retry);
        retry.Mode = RetryMode.Exponential;
        retry.MaxRetries = 3;
        retry.Delay = TimeSpan.FromMilliseconds(100);
        retry.MaxDelay = TimeSpan.FromSeconds(1);
        retry.NetworkTimeout = TimeSpan.FromSeconds(10);
    }

    /// <summary>The explicit "{service}ServiceUri" setting when present (sovereign clouds), else the public endpoint.</summary>
    private static Uri ServiceUri(IConfiguration configuration, string service, string accountName) =>
        configuration[$"{SettingName}:{service}ServiceUri"] is { Length: > 0 } uri
            ? new Uri(uri)
            : new Uri($"https://{accountName}.{service}.core.windows.net");

    public TableServiceClient Tables { get; }
}
