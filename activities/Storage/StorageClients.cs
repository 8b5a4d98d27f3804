using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace Integration.Activities.Storage;

/// <summary>
/// Queue and table clients for the product's storage account, from the same "AzureWebJobsStorage"
/// setting the Functions runtime uses: a connection string locally (Azurite), or an account name
/// with managed identity in Azure. It also carries the queue and table names of this deployment's task hub.
/// </summary>
public sealed class StorageClients
{
    public const string SettingName = "AzureWebJobsStorage";

    public StorageClients(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Names = StorageNames.For(TaskHubName.Resolve(configuration));
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        string? connectionString = configuration[SettingName];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            Queues = new QueueServiceClient(connectionString, queueOptions);
            Tables = new TableServiceClient(connectionString);
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
        Tables = new TableServiceClient(ServiceUri(configuration, "table", accountName), credential);
    }

    public QueueServiceClient Queues { get; }

    /// <summary>The product's queue and table names in this deployment (derived from the task hub).</summary>
    public StorageNames Names { get; }

    /// <summary>The explicit "{service}ServiceUri" setting when present (sovereign clouds), else the public endpoint.</summary>
    private static Uri ServiceUri(IConfiguration configuration, string service, string accountName) =>
        configuration[$"{SettingName}:{service}ServiceUri"] is { Length: > 0 } uri
            ? new Uri(uri)
            : new Uri($"https://{accountName}.{service}.core.windows.net");

    public TableServiceClient Tables { get; }
}
