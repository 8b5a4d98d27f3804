using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Integration.Activities.Operations;
using Integration.Activities.Storage;
using Integration.Tests.Unit.Activities.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Integration.Tests.Unit.Activities.Operations;

/// <summary>
/// A loopback endpoint that takes the audit table's inserts the way Table Storage does (POST /{account}/{table},
/// 204), and keeps each row, so unit tests of the actions can assert the audit line each outcome writes.
/// </summary>
internal sealed class AuditTableFake : IAsyncDisposable
{
    private readonly WebApplication app;

    private AuditTableFake(WebApplication app, int port)
    {
        this.app = app;
        Audit = new AuditLog(StorageOnPort.Clients(port), TimeProvider.System);
    }

    public AuditLog Audit { get; }

    /// <summary>Each inserted row's properties (Actor, Role, Action, Target, Reason, Result, CorrelationId...).</summary>
    public ConcurrentQueue<JsonElement> Rows { get; } = new();

    public static async Task<AuditTableFake> StartAsync()
    {
        int port = StorageOnPort.FreePort();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        WebApplication app = builder.Build();
        var fake = new AuditTableFake(app, port);
        app.MapPost("/devstoreaccount1/{table}", async (HttpRequest request) =>
        {
            using JsonDocument row = await JsonDocument.ParseAsync(request.Body);
            fake.Rows.Enqueue(row.RootElement.Clone());
            return Results.StatusCode(StatusCodes.Status204NoContent);
        });
        await app.StartAsync();
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
