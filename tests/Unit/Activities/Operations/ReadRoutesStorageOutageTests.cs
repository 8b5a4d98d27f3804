using System.Diagnostics;
using System.Text.Json;
using Integration.Activities.ApiCalls;
using Integration.Activities.Configuration;
using Integration.Activities.DeadLetters;
using Integration.Activities.Evidence;
using Integration.Activities.Health;
using Integration.Activities.Operations;
using Integration.Activities.Storage;
using Integration.Tests.Unit.Activities.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using Xunit;

namespace Integration.Tests.Unit.Activities.Operations;

/// <summary>
/// The routes support staff and auditors read while storage refuses connections: a 503 problem+json
/// (storage-unavailable, Retry-After) within seconds, not an unhandled exception (a 500) after the SDK's retries.
/// </summary>
public sealed class ReadRoutesStorageOutageTests : IDisposable
{
    private const string Key = "test-operations-key";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(4);

    private readonly ServiceProvider services = new ServiceCollection().AddLogging().BuildServiceProvider();
    private readonly StorageClients storage = StorageOnPort.Clients(StorageOnPort.FreePort());
    private readonly OperationsAccess operationsKey = new(Mock.Of<IOptionsMonitor<OperationsOptions>>(m => m.CurrentValue == new OperationsOptions { ApiKey = Key }));

    public void Dispose() => services.Dispose();

    [Fact]
    public async Task Dead_letters_are_a_503_while_storage_is_unreachable()
    {
        var handler = new OperationsHandler(operationsKey, new ApiCallLog(storage, NullLogger<ApiCallLog>.Instance), new DeadLetterStore(storage, TimeProvider.System));

        await AssertStorageUnavailableAsync(request => handler.ListDeadLettersAsync(request, CancellationToken.None));
    }

    [Fact]
    public async Task Api_calls_are_a_503_while_storage_is_unreachable()
    {
        var handler = new OperationsHandler(operationsKey, new ApiCallLog(storage, NullLogger<ApiCallLog>.Instance), new DeadLetterStore(storage, TimeProvider.System));

        await AssertStorageUnavailableAsync(request => handler.ListApiCallsAsync(request, "c0ffee", CancellationToken.None));
    }

    [Fact]
    public async Task The_audit_trail_is_a_503_while_storage_is_unreachable()
    {
        var handler = new AuditHandler(operationsKey, new AuditLog(storage, TimeProvider.System), TimeProvider.System);

        await AssertStorageUnavailableAsync(request => handler.ListAsync(request, CancellationToken.None));
    }

    [Fact]
    public async Task Evidence_is_a_503_while_storage_is_unreachable()
    {
        var handler = new EvidenceHandler(operationsKey, new OffboardingEvidenceStore(storage));

        await AssertStorageUnavailableAsync(request => handler.ListOffboardingsAsync(request, CancellationToken.None));
        await AssertStorageUnavailableAsync(request => handler.GetOffboardingAsync(request, "E1001-20260302T080000Z", CancellationToken.None));
    }

    [Fact]
    public async Task Health_reports_storage_down_without_waiting_for_the_engine_that_depends_on_it()
    {
        // An engine probe that never answers by itself: before, health waited for its timeout on top of storage's.
        var client = new Mock<DurableTaskClient>("test");
        client.Setup(c => c.GetInstancesAsync(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .Returns<string, bool, CancellationToken>(async (_, _, ct) =>
            {
                await Task.Delay(Timeout.Infinite, ct);
                return null;
            });
        var handler = new HealthHandler(storage);

        await AssertStorageUnavailableAsync(_ => handler.CheckAsync(client.Object, CancellationToken.None), problem =>
            Assert.Equal(HealthHandler.EngineNotChecked, problem.GetProperty("engine").GetString()));
    }

    private async Task AssertStorageUnavailableAsync(Func<HttpRequest, Task<IResult>> route, Action<JsonElement>? more = null)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = "GET";
        context.Request.Headers[OperationsAccess.HeaderName] = Key;
        context.Response.Body = new MemoryStream();

        var watch = Stopwatch.StartNew();
        IResult result = await route(context.Request);
        TimeSpan took = watch.Elapsed;
        await result.ExecuteAsync(context);

        Assert.True(took < Bound, $"answered after {took.TotalSeconds:0.00} s");
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.StartsWith("application/problem+json", context.Response.ContentType, StringComparison.Ordinal);
        Assert.True(int.TryParse(context.Response.Headers.RetryAfter, out int seconds) && seconds > 0, $"Retry-After: '{context.Response.Headers.RetryAfter}'");
        context.Response.Body.Position = 0;
        using JsonDocument problem = JsonDocument.Parse(context.Response.Body);
        Assert.Equal("urn:integration:problem:storage-unavailable", problem.RootElement.GetProperty("type").GetString());
        more?.Invoke(problem.RootElement);
    }
}
