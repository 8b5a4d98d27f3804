using DurableTask.AzureStorage;
using DurableTask.Core;
using Grpc.Net.Client;
using Integration.Activities.Storage;
using Integration.DevHost.Hosting;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.DurableTask.Worker;

namespace Integration.DevHost.Engine;

/// <summary>
/// The Durable Task engine without Functions: the Azure Storage backend (the same tables, queues and
/// blobs Durable Functions uses) served over gRPC by TaskHubGrpcServer on a loopback port, with the
/// standard DurableTaskWorker and DurableTaskClient connected to it.
/// </summary>
public static class DurableEngine
{
    /// <param name="tasks">The orchestrators and activities the worker runs (the product's, or a benchmark's).</param>
    public static IServiceCollection AddDurableEngine(
        this IServiceCollection services, IConfiguration configuration, DurableTaskSettings hub, int grpcPort, Action<DurableTaskRegistry> tasks)
    {
        string? connectionString = configuration[StorageClients.SettingName];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException($"The standalone host needs '{StorageClients.SettingName}' as a connection string (Azurite: UseDevelopmentStorage=true).");
        }

        int concurrency = configuration.GetValue("Engine:MaxConcurrentWorkItems", 100);

        // How long the messages a crashed host had taken stay invisible before another host takes them:
        // activity work items, and orchestration (control-queue) messages, which the engine fetches ahead.
        TimeSpan workItemVisibility = PositiveSeconds(configuration, "Engine:WorkItemVisibilityTimeoutSeconds", 300);
        TimeSpan controlQueueVisibility = PositiveSeconds(configuration, "Engine:ControlQueueVisibilityTimeoutSeconds", 300);
        services.AddSingleton(sp => new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),
            TaskHubName = Integration.Activities.Storage.TaskHubName.Resolve(configuration),
            PartitionCount = hub.PartitionCount,
            MaxQueuePollingInterval = hub.MaxQueuePollingInterval,
            UseTablePartitionManagement = hub.UseTablePartitionManagement,
            MaxConcurrentTaskOrchestrationWorkItems = concurrency,
            MaxConcurrentTaskActivityWorkItems = concurrency,
            WorkItemQueueVisibilityTimeout = workItemVisibility,
            ControlQueueVisibilityTimeout = controlQueueVisibility,

            // As Durable Functions sets it: a start that collides with a live instance fails instead of
            // returning as if it had started, so the dispatcher can hand the change to that instance.
            ThrowExceptionOnInvalidDedupeStatus = true,
            LoggerFactory = sp.GetRequiredService<ILoggerFactory>(),
        }));
        services.AddSingleton<IOrchestrationService>(sp => sp.GetRequiredService<AzureStorageOrchestrationService>());
        services.AddSingleton<IOrchestrationServiceClient>(sp => sp.GetRequiredService<AzureStorageOrchestrationService>());

        // Registered before the gRPC server's ApplicationStarted hook starts dispatching.
        services.AddHostedService<TaskHubBootstrapper>();
        services.AddGrpc();
        services.AddSingleton<TaskHubGrpcServer>();

        // The worker and client may dial before Kestrel listens (hosted services start first). gRPC's
        // default reconnect back-off grows to two minutes, long enough for a dispatcher backlog after a
        // restart to exhaust its queue retries; a short cap reconnects within seconds of the port opening.
        GrpcChannel channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}", new GrpcChannelOptions
        {
            InitialReconnectBackoff = TimeSpan.FromMilliseconds(100),
            MaxReconnectBackoff = TimeSpan.FromSeconds(2),
        });
        services.AddSingleton(channel);
        services.AddDurableTaskWorker(builder =>
        {
            builder.UseGrpc(channel);
            builder.AddTasks(tasks);
            builder.Configure(o =>
            {
                o.Concurrency.MaximumConcurrentActivityWorkItems = concurrency;
                o.Concurrency.MaximumConcurrentOrchestrationWorkItems = concurrency;
            });
        });
        services.AddDurableTaskClient(builder => builder.UseGrpc(channel));
        services.AddHostedService<WorkerShutdown>();
        return services;
    }

    private static TimeSpan PositiveSeconds(IConfiguration configuration, string key, int fallback)
    {
        int seconds = configuration.GetValue(key, fallback);
        return seconds > 0 ? TimeSpan.FromSeconds(seconds) : throw new InvalidOperationException($"'{key}' must be a whole number of seconds above 0; it is {seconds}.");
    }
}
