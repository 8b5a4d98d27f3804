using System.Net;
using Integration.DevHost.Engine;
using Integration.DevHost.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Integration.Bench.Raw;

/// <summary>
/// A second engine inside the bench process, wired exactly as the standalone host wires its own
/// (AddDurableEngine, TaskHubGrpcServer on an HTTP/2 loopback port) but with only the no-op workflow
/// and none of the product's endpoints, queue listeners or sandbox.
/// </summary>
public static class RawEngineHost
{
    public static WebApplication Build(string storage, string taskHub, int grpcPort, DurableTaskSettings hub, Action<Microsoft.DurableTask.DurableTaskRegistry>? tasks = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = storage,
            ["Engine:TaskHubName"] = taskHub,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, grpcPort, o => o.Protocols = HttpProtocols.Http2));

        builder.Services.AddDurableEngine(builder.Configuration, hub, grpcPort, tasks ?? NoopWorkflow.Register);

        var app = builder.Build();
        app.MapGrpcService<TaskHubGrpcServer>();
        return app;
    }
}
