using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace Integration.Activities.Storage;

/// <summary>
/// Queue and table clients for the product's storage account, from the same "AzureWebJobsStorage"
/// setting the Functions runtime uses: a connection string locally (Azurite), or an account name
/// with managed identity in Azure.
/// </summary>
public sealed class StorageClients
{
    public const string SettingName = "AzureWebJobsStorage";

    public StorageClients(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
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
        Queues = new QueueServiceClient(new Uri($"https://{accountName}.queue.core.windows.net"), credential, queueOptions);
        Tables = new TableServiceClient(new Uri($"https://{accountName}.table.core.windows.net"), credential);
    }

    public QueueServiceClient Queues { get; }

    public TableServiceClient Tables { get; }
}
