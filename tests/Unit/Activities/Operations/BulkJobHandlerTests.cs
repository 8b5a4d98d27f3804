using System.Text;
using System.Text.Json;
using Integration.Activities.Configuration;
using Integration.Activities.Operations;
using Integration.Orchestrations.Operations;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Moq;
using Xunit;

namespace Integration.Tests.Unit.Activities.Operations;

/// <summary>
/// The bulk-job routes: who may start, read and cancel; a bad request never starts a job; a job starts with the
/// operator and the pace in its input; cancel raises the event on a live job, answers "skipped" on an ended one, and
/// both are audited. The engine client is a mock (its convenience overloads call the base, which calls the mocked ones).
/// </summary>
public sealed class BulkJobHandlerTests : IAsyncLifetime
{
    private const string OperatorKey = "test-operator-key";
    private const string ReaderKey = "test-reader-key";
    private const string JobId = "bulk-job-0123456789abcdef0123456789abcdef";

    private readonly ServiceProvider services = new ServiceCollection().AddLogging().BuildServiceProvider();
    private readonly Mock<DurableTaskClient> client = new(MockBehavior.Loose, "test") { CallBase = true };
    private AuditTableFake audit = null!;
    private BulkJobHandler handler = null!;

    public async Task InitializeAsync()
    {
        audit = await AuditTableFake.StartAsync();
        var options = new OperationsOptions();
        options.Keys.Add(new OperationsKeySetting { Name = "ops", Role = "operator", Hash = OperationsKeyHash.Of(OperatorKey) });
        options.Keys.Add(new OperationsKeySetting { Name = "viewer", Role = "reader", Hash = OperationsKeyHash.Of(ReaderKey) });
        handler = new BulkJobHandler(
            new OperationsAccess(Mock.Of<IOptionsMonitor<OperationsOptions>>(m => m.CurrentValue == options)),
            audit.Audit,
            Mock.Of<IOptionsMonitor<BulkJobOptions>>(m => m.CurrentValue == new BulkJobOptions { TargetsPerSecond = 2, BatchSize = 4 }));
    }

    public async Task DisposeAsync()
    {
        await audit.DisposeAsync();
        await services.DisposeAsync();
    }

    [Fact]
    public async Task A_reader_cannot_start_or_cancel_a_job()
    {
        Assert.Equal(StatusCodes.Status403Forbidden, (await CallAsync(r => handler.StartAsync(r, client.Object, default), Body, ReaderKey)).Status);
        Assert.Equal(StatusCodes.Status403Forbidden, (await CallAsync(r => handler.CancelAsync(r, JobId, client.Object, default), "{}", ReaderKey)).Status);
        Assert.Empty(audit.Rows);
    }

    [Fact]
    public async Task A_bad_request_is_400_naming_the_field_and_starts_nothing()
    {
        (int status, JsonElement problem) = await CallAsync(r => handler.StartAsync(r, client.Object, default), """{"action":"replay","filter":{"step":"awaiting-review"}}""");

        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.Equal("urn:integration:problem:bulk-job-invalid", problem.GetProperty("type").GetString());
        Assert.Contains("'filter.step'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        client.Verify(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.Empty(audit.Rows);
    }

    [Fact]
    public async Task A_job_starts_as_the_operator_with_the_configured_pace_and_is_audited()
    {
        BulkJobInput? started = null;
        string? startedId = null;
        client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.Is<TaskName>(n => n.Name == nameof(BulkJobOrchestrator)), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .Callback<TaskName, object?, StartOrchestrationOptions?, CancellationToken>((_, input, options, _) => (started, startedId) = ((BulkJobInput)input!, options!.InstanceId))
            .ReturnsAsync((TaskName _, object? _, StartOrchestrationOptions? o, CancellationToken _) => o!.InstanceId!);

        (int status, JsonElement body) = await CallAsync(r => handler.StartAsync(r, client.Object, default), Body);

        Assert.Equal(StatusCodes.Status202Accepted, status);
        Assert.StartsWith(BulkJobOrchestrator.InstanceIdPrefix, startedId, StringComparison.Ordinal);
        Assert.Equal(startedId, body.GetProperty("id").GetString());
        Assert.Equal(($"/api/v1/bulk-jobs/{startedId}"), body.GetProperty("location").GetString());
        BulkJobRequest request = started!.Request;
        Assert.Equal(("terminate", "stale", "ops", "operator", 4, TimeSpan.FromSeconds(2)), (request.Action, request.Reason, request.ActorName, request.ActorRole, request.BatchSize, request.PauseBetweenBatches));
        JsonElement row = Assert.Single(audit.Rows);
        Assert.Equal(("bulk-job.start", startedId), (row.GetProperty("Action").GetString(), row.GetProperty("Target").GetString()));
    }

    [Fact]
    public async Task Cancel_raises_the_cancel_event_on_a_live_job_and_is_audited()
    {
        Job(OrchestrationRuntimeStatus.Running);
        client.Setup(c => c.RaiseEventAsync(JobId, BulkJobOrchestrator.CancelEvent, It.IsAny<object?>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        (int status, JsonElement body) = await CallAsync(r => handler.CancelAsync(r, JobId, client.Object, default), "{}");

        Assert.Equal(StatusCodes.Status200OK, status);
        Assert.Equal("done", body.GetProperty("result").GetString());
        client.Verify(c => c.RaiseEventAsync(JobId, BulkJobOrchestrator.CancelEvent, It.Is<object?>(e => ((BulkJobCancel)e!).By == "ops"), It.IsAny<CancellationToken>()), Times.Once);
        Assert.Equal("bulk-job.cancel", Assert.Single(audit.Rows).GetProperty("Action").GetString());
    }

    [Fact]
    public async Task Cancelling_a_job_that_has_ended_is_skipped_and_raises_nothing()
    {
        Job(OrchestrationRuntimeStatus.Completed, output: new BulkJobProgress("cancelled", 5, 2, 0, 0, [], [], DateTime.UtcNow, DateTime.UtcNow));

        (int status, JsonElement body) = await CallAsync(r => handler.CancelAsync(r, JobId, client.Object, default), "{}");

        Assert.Equal(StatusCodes.Status200OK, status);
        Assert.Equal(("skipped", "cancelled"), (body.GetProperty("result").GetString(), body.GetProperty("state").GetString()));
        Assert.StartsWith("skipped:", Assert.Single(audit.Rows).GetProperty("Result").GetString(), StringComparison.Ordinal);
        client.Verify(c => c.RaiseEventAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task An_instance_that_is_not_a_bulk_job_is_not_found()
    {
        (int status, JsonElement problem) = await CallAsync(r => handler.GetAsync(r, "deal-invoice-1", client.Object, default), string.Empty, ReaderKey);

        Assert.Equal(StatusCodes.Status404NotFound, status);
        Assert.Equal("urn:integration:problem:bulk-job-not-found", problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_running_job_shows_its_request_and_the_counts_of_its_custom_status()
    {
        var progress = new BulkJobProgress("running", 7, 3, 1, 2, [new BulkJobTargetNote("deal-invoice-9", "engine said no")], [], DateTime.UtcNow, DateTime.UtcNow, MoreMatches: true);
        Job(OrchestrationRuntimeStatus.Running, status: progress);

        (int status, JsonElement job) = await CallAsync(r => handler.GetAsync(r, JobId, client.Object, default), string.Empty, ReaderKey);

        Assert.Equal(StatusCodes.Status200OK, status);
        Assert.Equal(("running", 7, 3, 1, 2), (job.GetProperty("state").GetString(), job.GetProperty("matched").GetInt32(), job.GetProperty("done").GetInt32(), job.GetProperty("failed").GetInt32(), job.GetProperty("skipped").GetInt32()));
        Assert.Equal("engine said no", job.GetProperty("failures")[0].GetProperty("reason").GetString());
        Assert.Equal(("terminate", "ops"), (job.GetProperty("action").GetString(), job.GetProperty("startedBy").GetProperty("name").GetString()));
        Assert.Equal("awaiting-review", job.GetProperty("filter").GetProperty("step").GetString());
    }

    private const string Body = """{"action":"terminate","reason":"stale","filter":{"workflow":"deal-invoice","step":"awaiting-review"}}""";

    private void Job(OrchestrationRuntimeStatus runtimeStatus, BulkJobProgress? status = null, BulkJobProgress? output = null)
    {
        var request = new BulkJobRequest(JobId, "terminate", new BulkJobFilter(Workflow: "deal-invoice", Step: "awaiting-review"), false, "stale", "ops", "operator", "corr", 50, 10, TimeSpan.FromSeconds(2), 5);
        var metadata = new OrchestrationMetadata(nameof(BulkJobOrchestrator), JobId)
        {
            RuntimeStatus = runtimeStatus,
            SerializedInput = JsonSerializer.Serialize(new BulkJobInput(request)),
            SerializedCustomStatus = status is null ? null : JsonSerializer.Serialize(status),
            SerializedOutput = output is null ? null : JsonSerializer.Serialize(output),
            DataConverter = Microsoft.DurableTask.Converters.JsonDataConverter.Default,
        };
        client.Setup(c => c.GetInstancesAsync(JobId, true, It.IsAny<CancellationToken>())).ReturnsAsync(metadata);
    }

    private async Task<(int Status, JsonElement Body)> CallAsync(Func<HttpRequest, Task<IResult>> route, string body, string key = OperatorKey)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = "POST";
        context.Request.Headers["X-Api-Key"] = key;
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = bytes.Length;
        context.Response.Body = new MemoryStream();

        IResult result = await route(context.Request);
        await result.ExecuteAsync(context);

        context.Response.Body.Position = 0;
        using JsonDocument document = await JsonDocument.ParseAsync(context.Response.Body);
        return (context.Response.StatusCode, document.RootElement.Clone());
    }
}
