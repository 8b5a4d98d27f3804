using System.Text;
using System.Text.Json;
using Integration.Activities.Configuration;
using Integration.Activities.Operations;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Moq;
using Xunit;

namespace Integration.Tests.Unit.Activities.Operations;

/// <summary>
/// POST /api/v1/instances/{id}/{action}: the guard clauses before any action (role, action name, body, reason) and how
/// each outcome is answered (200, 404, 409 with the state found). The actions are a strict mock: a request the route
/// refuses never reaches them.
/// </summary>
public sealed class InstanceActionHandlerTests : IDisposable
{
    private const string OperatorKey = "test-operator-key";
    private const string ReaderKey = "test-reader-key";
    private const string InstanceId = "deal-invoice-1";

    private readonly ServiceProvider services = new ServiceCollection().AddLogging().BuildServiceProvider();
    private readonly Mock<IInstanceActions> actions = new(MockBehavior.Strict);
    private readonly Mock<DurableTaskClient> client = new(MockBehavior.Strict, "test");
    private readonly InstanceActionHandler handler;

    public InstanceActionHandlerTests()
    {
        var options = new OperationsOptions();
        options.Keys.Add(new OperationsKeySetting { Name = "ops", Role = "operator", Hash = OperationsKeyHash.Of(OperatorKey) });
        options.Keys.Add(new OperationsKeySetting { Name = "viewer", Role = "reader", Hash = OperationsKeyHash.Of(ReaderKey) });
        handler = new InstanceActionHandler(new OperationsAccess(Mock.Of<IOptionsMonitor<OperationsOptions>>(m => m.CurrentValue == options)), actions.Object);
    }

    public void Dispose() => services.Dispose();

    [Fact]
    public async Task An_unknown_action_is_404_naming_the_valid_ones()
    {
        (int status, JsonElement problem) = await PostAsync("rewind", "{}");

        Assert.Equal(StatusCodes.Status404NotFound, status);
        Assert.Equal("urn:integration:problem:action-not-found", problem.GetProperty("type").GetString());
        Assert.Contains("terminate, suspend, resume, restart, retry, reread, purge", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reader_gets_403()
    {
        (int status, _) = await PostAsync("suspend", "{}", ReaderKey);

        Assert.Equal(StatusCodes.Status403Forbidden, status);
    }

    [Fact]
    public async Task Terminate_without_a_reason_is_400()
    {
        (int status, JsonElement problem) = await PostAsync("terminate", "{}");

        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.Contains("'reason'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reason_over_1000_characters_is_400_naming_the_limit()
    {
        (int status, JsonElement problem) = await PostAsync("suspend", JsonSerializer.Serialize(new { reason = new string('x', 1001) }));

        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.Contains("at most 1000", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"reason\": ")]
    [InlineData("[1,2]")]
    [InlineData("{\"reason\": 5}")]
    [InlineData("{\"reason\": \"\\ud800\"}")]
    public async Task A_body_that_is_not_a_reason_is_400(string body)
    {
        (int status, JsonElement problem) = await PostAsync("terminate", body);

        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.Equal("urn:integration:problem:instance-action-invalid", problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Invalid_utf8_in_the_body_is_400()
    {
        (int status, _) = await PostAsync("suspend", [(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)'}']);

        Assert.Equal(StatusCodes.Status400BadRequest, status);
    }

    [Fact]
    public async Task An_action_without_a_body_reaches_the_actions_and_done_is_200()
    {
        Answer(new ActionOutcome(InstanceId, "suspend", ActionOutcome.Done, "Running", "suspension requested"));

        (int status, JsonElement body) = await PostAsync("suspend", string.Empty);

        Assert.Equal(StatusCodes.Status200OK, status);
        Assert.Equal("done", body.GetProperty("result").GetString());
        actions.Verify(a => a.ApplyAsync(client.Object, InstanceId, "suspend", null, It.Is<OperationsCaller>(c => c.Name == "ops"), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Skipped_is_200_and_says_so()
    {
        Answer(new ActionOutcome(InstanceId, "terminate", ActionOutcome.Skipped, "Terminated", "already Terminated"));

        (int status, JsonElement body) = await PostAsync("terminate", "{\"reason\":\"again\"}");

        Assert.Equal(StatusCodes.Status200OK, status);
        Assert.Equal("skipped", body.GetProperty("result").GetString());
        Assert.Equal("already Terminated", body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_refusal_is_409_with_the_state_found()
    {
        Answer(new ActionOutcome(InstanceId, "restart", ActionOutcome.Refused, "Running", "it is still running; terminate it first."));

        (int status, JsonElement problem) = await PostAsync("restart", "{}");

        Assert.Equal(StatusCodes.Status409Conflict, status);
        Assert.Equal("urn:integration:problem:instance-state-conflict", problem.GetProperty("type").GetString());
        Assert.Equal("Running", problem.GetProperty("state").GetString());
        Assert.Contains("terminate it first", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_instance_is_404()
    {
        Answer(new ActionOutcome(InstanceId, "purge", ActionOutcome.Refused, ActionOutcome.NotFoundState, "no such instance"));

        (int status, JsonElement problem) = await PostAsync("purge", "{}");

        Assert.Equal(StatusCodes.Status404NotFound, status);
        Assert.Equal("urn:integration:problem:instance-not-found", problem.GetProperty("type").GetString());
    }

    private void Answer(ActionOutcome outcome) =>
        actions.Setup(a => a.ApplyAsync(client.Object, InstanceId, outcome.Action, It.IsAny<string?>(), It.IsAny<OperationsCaller>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(outcome);

    private Task<(int Status, JsonElement Body)> PostAsync(string action, string body, string key = OperatorKey) => PostAsync(action, Encoding.UTF8.GetBytes(body), key);

    private async Task<(int Status, JsonElement Body)> PostAsync(string action, byte[] body, string key = OperatorKey)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = "POST";
        context.Request.Headers["X-Api-Key"] = key;
        context.Request.Body = new MemoryStream(body);
        context.Request.ContentLength = body.Length;
        context.Response.Body = new MemoryStream();

        IResult result = await handler.ActAsync(context.Request, InstanceId, action, client.Object, CancellationToken.None);
        await result.ExecuteAsync(context);

        context.Response.Body.Position = 0;
        using JsonDocument document = await JsonDocument.ParseAsync(context.Response.Body);
        return (context.Response.StatusCode, document.RootElement.Clone());
    }
}
