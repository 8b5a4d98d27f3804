using System.Net;
using Integration.Activities.Alerts;
using Integration.Activities.Composition;
using Integration.Activities.Console;
using Integration.Activities.DeadLetters;
using Integration.Activities.Dispatch;
using Integration.Activities.Evidence;
using Integration.Activities.Health;
using Integration.Activities.Http;
using Integration.Activities.Operations;
using Integration.Activities.Reviews;
using Integration.Activities.Storage;
using Integration.Activities.Tracing;
using Integration.Activities.Webhooks;
using Integration.DevHost.Engine;
using Integration.DevHost.Hosting;
using Integration.DevHost.Queues;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.Configuration.Memory;

namespace Integration.DevHost;

/// <summary>
/// Standalone mode: the product's handlers, orchestrators and activities in one ASP.NET Core process
/// with the Durable Task engine on Azure Storage (Azurite), no Functions Core Tools needed. Routes
/// match the Functions app (/api/...), on http://127.0.0.1:7071 by default.
/// </summary>
public static class StandaloneHost
{
    public static WebApplication Build(string[] args)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });

        int apiPort = builder.Configuration.GetValue("Standalone:ApiPort", DevDefaults.ApiPort);
        int grpcPort = builder.Configuration.GetValue("Standalone:GrpcPort", DevDefaults.GrpcPort);
        int sandboxPort = builder.Configuration.GetValue("Sandbox:Port", DevDefaults.SandboxPort);
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = DevDefaults.For(sandboxPort, apiPort) });
        builder.Configuration.AddLogLevelDefaults();

        HostJsonSettings hostJson = HostJsonSettings.Load(Path.Combine(AppContext.BaseDirectory, "host.json"));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, apiPort, o =>
            {
                o.Protocols = HttpProtocols.Http1;
                o.AnswerRejectionsWithProblems(kestrel.Limits);
            });
            kestrel.Listen(IPAddress.Loopback, grpcPort, o => o.Protocols = HttpProtocols.Http2);
        });

        if (builder.Configuration.GetValue("Sandbox:Embedded", true))
        {
            // First hosted service, so the sandbox answers before anything calls it.
            builder.Services.AddHostedService(sp => new EmbeddedSandbox(builder.Configuration, sandboxPort));
        }

        builder.Services.AddIntegration(builder.Configuration);
        builder.Services.AddIntegrationTelemetry(builder.Configuration);
        builder.Services.AddDurableEngine(builder.Configuration, hostJson.DurableTask, grpcPort, IntegrationTasks.Register);
        AddQueueListener(builder.Services, names => names.EventsQueue, hostJson.Queues,
            sp => (message, ct) => sp.GetRequiredService<EventDispatcher>().DispatchAsync(message, sp.GetRequiredService<DurableTaskClient>(), ct));
        AddQueueListener(builder.Services, names => names.EventsPoisonQueue, hostJson.Queues,
            sp => (message, ct) => sp.GetRequiredService<PoisonEventHandler>().HandleAsync(message, ct));

        // A parameter that does not bind throws, so it is answered as problem+json with the framework's reason.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

        WebApplication app = builder.Build();
        UseApiErrorAnswers(app, apiPort);
        app.MapGrpcService<TaskHubGrpcServer>().RequireHost($"*:{grpcPort}");
        MapApi(app, apiPort);
        VerifyApiRoutes(app);
        return app;
    }

    /// <summary>
    /// The API port's error answers, ahead of routing: Kestrel's own rejections, exceptions no handler caught, and
    /// error statuses the framework sets without a body, all as problem+json (the test host of the 500 path uses this too).
    /// </summary>
    public static void UseApiErrorAnswers(WebApplication app, int apiPort)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRejectionGate();
        app.UseWhen(context => context.Connection.LocalPort == apiPort, api => api.UseMiddleware<ProblemResponseMiddleware>());
        app.UseRouting();
        app.MapFallback("{*path}", (HttpRequest request) => UnmatchedRouteHandler.Handle(request)).RequireHost($"*:{apiPort}");
    }

    /// <summary>The host refuses to start when the routes it maps under /api are not exactly <see cref="ProductRoutes"/>.</summary>
    private static void VerifyApiRoutes(IEndpointRouteBuilder app)
    {
        IEnumerable<(string Method, string Template)> bound =
            from endpoint in app.DataSources.SelectMany(source => source.Endpoints).OfType<RouteEndpoint>()
            let template = endpoint.RoutePattern.RawText ?? string.Empty
            where template.StartsWith($"/{ProductRoutes.Prefix}/", StringComparison.OrdinalIgnoreCase)
            from method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []
            select (method, template);
        IReadOnlyList<string> differences = ProductRoutes.Differences(bound);
        if (differences.Count > 0)
        {
            throw new InvalidOperationException($"The standalone host's API routes differ from ProductRoutes: {string.Join("; ", differences)}.");
        }
    }

    private static void MapApi(WebApplication app, int apiPort)
    {
        RouteGroupBuilder api = app.MapGroup("/api");
        api.RequireHost($"*:{apiPort}");
        api.MapPost("/v1/webhooks/{source}", (HttpRequest request, string source, WebhookIngressHandler handler, CancellationToken ct) =>
            handler.HandleAsync(request, source, ct));
        api.MapGet("/health", (HealthHandler handler, DurableTaskClient client, CancellationToken ct) => handler.CheckAsync(client, ct));
        api.MapGet("/v1/instances/" + ProductRoutes.InstanceIdSegment, (HttpRequest request, string instanceId, OperationsHandler handler, DurableTaskClient client, CancellationToken ct) =>
            handler.GetInstanceAsync(request, instanceId, client, ct));
        api.MapGet("/v1/api-calls/{correlationId}", (HttpRequest request, string correlationId, OperationsHandler handler, CancellationToken ct) =>
            handler.ListApiCallsAsync(request, correlationId, ct));
        api.MapPost("/v1/reviews/{instanceId}", (HttpRequest request, string instanceId, ReviewDecisionHandler handler, DurableTaskClient client, CancellationToken ct) =>
            handler.DecideAsync(request, instanceId, client, ct));
        api.MapGet("/v1/dead-letters", (HttpRequest request, OperationsHandler handler, CancellationToken ct) => handler.ListDeadLettersAsync(request, ct));
        api.MapPost("/v1/dead-letters/{deadLetterId}/replay", (HttpRequest request, string deadLetterId, DeadLetterHandler handler, DurableTaskClient client, CancellationToken ct) =>
            handler.ReplayAsync(request, deadLetterId, client, ct));
        api.MapGet("/v1/alerts", (HttpRequest request, AlertHandler handler, CancellationToken ct) => handler.ListAsync(request, ct));
        api.MapPost("/v1/alerts/{alertId}/acknowledge", (HttpRequest request, string alertId, AlertHandler handler, CancellationToken ct) => handler.AcknowledgeAsync(request, alertId, ct));
        api.MapPost("/v1/alerts/{alertId}/resolve", (HttpRequest request, string alertId, AlertHandler handler, CancellationToken ct) => handler.ResolveAsync(request, alertId, ct));
        api.MapGet("/v1/evidence/offboardings", (HttpRequest request, EvidenceHandler handler, CancellationToken ct) =>
            handler.ListOffboardingsAsync(request, ct));
        api.MapGet("/v1/evidence/offboardings/{offboardingId}", (HttpRequest request, string offboardingId, EvidenceHandler handler, CancellationToken ct) =>
            handler.GetOffboardingAsync(request, offboardingId, ct));
        api.MapGet("/v1/audit", (HttpRequest request, AuditHandler handler, CancellationToken ct) => handler.ListAsync(request, ct));
        api.MapPost("/v1/instances/{instanceId}/" + ProductRoutes.InstanceActionSegment, (HttpRequest request, string instanceId, string action, InstanceActionHandler handler, DurableTaskClient client, CancellationToken ct) =>
            handler.ActAsync(request, instanceId, action, client, ct));
        api.MapPost("/v1/bulk-jobs", (HttpRequest request, BulkJobHandler handler, DurableTaskClient client, CancellationToken ct) => handler.StartAsync(request, client, ct));
        api.MapGet("/v1/bulk-jobs/{jobId}", (HttpRequest request, string jobId, BulkJobHandler handler, DurableTaskClient client, CancellationToken ct) =>
            handler.GetAsync(request, jobId, client, ct));
        api.MapPost("/v1/bulk-jobs/{jobId}/cancel", (HttpRequest request, string jobId, BulkJobHandler handler, DurableTaskClient client, CancellationToken ct) =>
            handler.CancelAsync(request, jobId, client, ct));
        api.MapGet("/v1/instances", (HttpRequest request, InstanceFindHandler handler, CancellationToken ct) => handler.ListAsync(request, ct));
        api.MapGet("/v1/instances/summary", (HttpRequest request, InstanceFindHandler handler, CancellationToken ct) => handler.SummaryAsync(request, ct));
        api.MapGet("/v1/instances/{instanceId}/history", (HttpRequest request, string instanceId, InstanceFindHandler handler, DurableTaskClient client, CancellationToken ct) =>
            handler.HistoryAsync(request, instanceId, client, ct));
        api.MapGet("/v1/caller", (HttpRequest request, CallerHandler handler) => handler.Describe(request));
        api.MapGet("/console/{*path}", (HttpRequest request, string? path, ConsoleHandler handler) => handler.Serve(request, path));
    }

    private static void AddQueueListener(
        IServiceCollection services, Func<StorageNames, string> queue, QueueTriggerSettings settings, Func<IServiceProvider, Func<string, CancellationToken, Task>> handler) =>
        services.AddSingleton<IHostedService>(sp =>
        {
            StorageClients storage = sp.GetRequiredService<StorageClients>();
            return new QueueListener(storage.Queues, queue(storage.Names), handler(sp), settings, sp.GetRequiredService<ILogger<QueueListener>>());
        });
}
