using Grpc.Net.Client;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Bench.Measurement;

/// <summary>A DurableTaskClient connected over gRPC to a host's TaskHubGrpcServer, so the bench watches instances from outside the host.</summary>
public sealed class RemoteEngineClient : IAsyncDisposable
{
    private readonly ServiceProvider services;

    private RemoteEngineClient(ServiceProvider services) => this.services = services;

    public DurableTaskClient Client => services.GetRequiredService<DurableTaskClient>();

    public static RemoteEngineClient Connect(int grpcPort)
    {
        var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}");
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(channel);
        services.AddDurableTaskClient(builder => builder.UseGrpc(channel));
        return new RemoteEngineClient(services.BuildServiceProvider());
    }

    public ValueTask DisposeAsync() => services.DisposeAsync();
}
