using Integration.DevHost.Queues;
using Microsoft.DurableTask.Worker.Hosting;

namespace Integration.DevHost.Engine;

/// <summary>
/// As the host begins to stop (before any hosted service's StopAsync), stops the queue listeners and then
/// the Durable Task worker, whose gRPC work-item stream is an open request to this host's own Kestrel: the
/// web server's stop waits for open requests, so that stream held every stop for the whole 30 s shutdown
/// timeout. Work not finished is not acknowledged: the queue and the engine deliver it again.
/// </summary>
public sealed class WorkerShutdown(IServiceProvider services) : IHostedLifecycleService
{
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        IHostedService[] hosted = [.. services.GetServices<IHostedService>()];
        await Task.WhenAll(hosted.OfType<QueueListener>().Select(l => l.StopAsync(cancellationToken))).ConfigureAwait(false);
        await Task.WhenAll(hosted.OfType<DurableTaskWorker>().Select(w => w.StopAsync(cancellationToken))).ConfigureAwait(false);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
